using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace ModelConfig.Commands
{
    /// <summary>Completion of data-library ids and aliases: case-insensitive prefix, quoted when needed, the tooltip naming what an alias stands for.</summary>
    internal static class LibraryNames
    {
        public static IEnumerable<CompletionResult> Complete(IEnumerable<Core.Library.DataName> names, string? wordToComplete)
        {
            var prefix = (wordToComplete ?? "").Trim('\'', '"');
            return names.Where(n => n.Name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                .Select(n => new CompletionResult(ModelIdCompleter.Quote(n.Name), n.Name, CompletionResultType.ParameterValue,
                    n.IsAlias ? $"alias of {n.Id}" : n.Id));
        }
    }

    /// <summary>Completes hardware ids and aliases.</summary>
    public sealed class HardwareIdCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            return LibraryNames.Complete(HardwareResolver.Library().ListNames(), wordToComplete);
        }
    }
}
