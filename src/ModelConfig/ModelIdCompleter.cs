using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using ModelConfig.Core.Library;

namespace ModelConfig.Commands
{
    /// <summary>Completes model ids from the library's file names (no parsing), case-insensitive prefix match.</summary>
    public sealed class ModelIdCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var prefix = (wordToComplete ?? "").Trim('\'', '"');
            IEnumerable<string>? extra = null;
            if (fakeBoundParameters != null && fakeBoundParameters.Contains("Path"))
                extra = LanguagePrimitives.ConvertTo<string[]>(fakeBoundParameters["Path"]);
            return ModulePaths.Models(extra).Entries()
                .Where(e => e.Id.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                .Select(e => new CompletionResult(Quote(e.Id), e.Id, CompletionResultType.ParameterValue, e.FilePath));
        }

        internal static string Quote(string value) =>
            value.IndexOfAny(new[] { ' ', '\'', '"', '$', '`', '(', ')', ',', ';', '{', '}', '@', '#' }) >= 0
                ? "'" + value.Replace("'", "''") + "'"
                : value;
    }
}
