using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using ModelConfig.Core.Library;

namespace ModelConfig.Commands
{
    /// <summary>Completes model ids from the library's file names (no parsing): a prefix first, then any part of the id (70b offers llama_3.3_70b).</summary>
    public sealed class ModelIdCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            return NameCompletion.Filter(wordToComplete, ExtraFolders.Library(fakeBoundParameters).Entries(), e => e.Id)
                .Select(e => new CompletionResult(Quote(e.Id), e.Id, CompletionResultType.ParameterValue, e.FilePath));
        }

        internal static string Quote(string value) =>
            value.IndexOfAny(new[] { ' ', '\'', '"', '$', '`', '(', ')', ',', ';', '{', '}', '@', '#' }) >= 0
                ? "'" + value.Replace("'", "''") + "'"
                : value;
    }

    /// <summary>
    /// Completes -HuggingFaceId from the HuggingFace ids the library records (meta-llama/Llama-3.1-8B), any part of the id;
    /// the tooltip names the model id. On New-ModelConfig this offers the library's ids, a convenience to rebuild one.
    /// </summary>
    public sealed class HuggingFaceIdCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            // New-ModelConfig -Path is the config to build, not a library folder.
            var library = string.Equals(commandName, "New-ModelConfig", StringComparison.OrdinalIgnoreCase)
                ? ModulePaths.Models(null)
                : ExtraFolders.Library(fakeBoundParameters);
            return NameCompletion.Filter(wordToComplete, library.HuggingFaceIds(), n => n.Name)
                .Select(n => new CompletionResult(ModelIdCompleter.Quote(n.Name), n.Name, CompletionResultType.ParameterValue, $"{n.Name} (model id {n.Id})"));
        }
    }

    /// <summary>The model library a completer lists: -Path folders already typed on the line come first, as they will when the command runs.</summary>
    internal static class ExtraFolders
    {
        public static ModelLibrary Library(IDictionary? fakeBoundParameters) => ModulePaths.Models(Paths(fakeBoundParameters));

        /// <summary>The -Path value already typed on the command line, null when there is none.</summary>
        public static string[]? Paths(IDictionary? fakeBoundParameters)
            => fakeBoundParameters != null && fakeBoundParameters.Contains("Path")
                ? LanguagePrimitives.ConvertTo<string[]>(fakeBoundParameters["Path"])
                : null;
    }
}
