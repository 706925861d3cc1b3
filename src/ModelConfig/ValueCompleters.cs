using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using ModelConfig.Core.Estimation;

namespace ModelConfig.Commands
{
    /// <summary>Completes from a fixed list, prefix first, then any part (PowerShellStandard 5.1 has no ArgumentCompletionsAttribute).</summary>
    public abstract class FixedValuesCompleter : IArgumentCompleter
    {
        protected abstract IEnumerable<string> Values { get; }

        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            return Core.Library.NameCompletion.Filter(wordToComplete, Values)
                .Select(v => new CompletionResult(v, v, CompletionResultType.ParameterValue, v));
        }
    }

    public sealed class WeightPrecisionCompleter : FixedValuesCompleter
    {
        protected override IEnumerable<string> Values => Precision.WeightPrecisions;
    }

    public sealed class KvCachePrecisionCompleter : FixedValuesCompleter
    {
        protected override IEnumerable<string> Values => Precision.KvPrecisions;
    }

    public sealed class FrameworkCompleter : FixedValuesCompleter
    {
        protected override IEnumerable<string> Values => DeploymentDefaults.Engines;
    }
}
