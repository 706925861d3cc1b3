using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using ModelConfig.Core.Library;

namespace ModelConfig.Commands
{
    /// <summary>Completion of data-library ids and aliases: a prefix first, then any part of the name, quoted when needed, the tooltip naming what an alias stands for.</summary>
    internal static class LibraryNames
    {
        public static IEnumerable<CompletionResult> Complete(IEnumerable<DataName> names, string? wordToComplete)
        {
            return NameCompletion.Filter(wordToComplete, names, n => n.Name)
                .Select(n => new CompletionResult(ModelIdCompleter.Quote(n.Name), n.Name, CompletionResultType.ParameterValue,
                    n.IsAlias ? $"alias of {n.Id}" : n.Id));
        }

        /// <summary>Get-HardwareConfig -Path folders already on the line; other cmdlets' -Path is not about hardware.</summary>
        public static Core.Hardware.HardwareLibrary Hardware(string commandName, IDictionary? fakeBoundParameters)
        {
            bool pathIsHardware = string.Equals(commandName, "Get-HardwareConfig", StringComparison.OrdinalIgnoreCase);
            return HardwareResolver.Library(pathIsHardware ? ExtraFolders.Paths(fakeBoundParameters) : null);
        }
    }

    /// <summary>Completes hardware ids and aliases: h100 offers nvidia_h100_sxm_80gb and the other H100s.</summary>
    public sealed class HardwareIdCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            return LibraryNames.Complete(LibraryNames.Hardware(commandName, fakeBoundParameters).ListNames(), wordToComplete);
        }
    }

    /// <summary>Completes -Vendor from the vendors of the hardware library.</summary>
    public sealed class HardwareVendorCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            return NameCompletion.Filter(wordToComplete, LibraryNames.Hardware(commandName, fakeBoundParameters).Vendors())
                .Select(v => new CompletionResult(ModelIdCompleter.Quote(v), v, CompletionResultType.ParameterValue, v));
        }
    }
}
