using System;
using System.Collections.Generic;
using System.Management.Automation;
using ModelConfig.Core.Hardware;

namespace ModelConfig.Commands
{
    /// <summary>Lists accelerators, nodes and racks of the hardware library, with dense peak figures and their sources.</summary>
    [Cmdlet(VerbsCommon.Get, "HardwareConfig")]
    [OutputType(typeof(HardwareConfig))]
    public sealed class GetHardwareConfigCommand : PSCmdlet
    {
        [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Hardware")]
        [ArgumentCompleter(typeof(HardwareIdCompleter))]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string[]? HardwareId { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Vendor { get; set; }

        private HardwareLibrary? _library;
        private readonly HashSet<string> _seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        private readonly HashSet<string> _reported = new HashSet<string>(StringComparer.Ordinal);

        protected override void BeginProcessing() => _library = HardwareResolver.Library();

        protected override void ProcessRecord()
        {
            if (HardwareId == null)
            {
                var all = _library!.List(out var errors);
                foreach (var hw in all) Emit(hw);
                HardwareResolver.WriteLoadErrors(this, errors, _reported);
                return;
            }
            foreach (var id in HardwareId)
            {
                foreach (var hw in HardwareResolver.Resolve(this, _library!, id, _reported)) Emit(hw);
            }
        }

        private void Emit(HardwareConfig hw)
        {
            if (Vendor != null && !new WildcardPattern(Vendor, WildcardOptions.IgnoreCase).IsMatch(hw.Vendor)) return;
            if (_seen.Add(hw.HardwareId)) WriteObject(hw);
        }
    }
}
