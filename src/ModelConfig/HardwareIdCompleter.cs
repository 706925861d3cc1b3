using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace ModelConfig.Commands
{
    /// <summary>Completes hardware ids and aliases (case-insensitive prefix), the tooltip naming what an alias stands for.</summary>
    public sealed class HardwareIdCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var prefix = (wordToComplete ?? "").Trim('\'', '"');
            return HardwareResolver.Library().ListNames()
                .Where(n => n.Name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                .Select(n => new CompletionResult(ModelIdCompleter.Quote(n.Name), n.Name, CompletionResultType.ParameterValue,
                    n.IsAlias ? $"alias of {n.Id}" : n.Id));
        }
    }
}
