using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using ModelConfig.Core.Hardware;
using ModelConfig.Core.Library;

namespace ModelConfig.Commands
{
    /// <summary>Lists accelerators, nodes and racks of the hardware library, with dense peak figures and their sources.</summary>
    [Cmdlet(VerbsCommon.Get, "HardwareConfig")]
    [OutputType(typeof(HardwareConfig))]
    public sealed class GetHardwareConfigCommand : PSCmdlet
    {
        [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Hardware", "Name")]
        [ArgumentCompleter(typeof(HardwareIdCompleter))]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string[]? HardwareId { get; set; }

        [Parameter]
        [ArgumentCompleter(typeof(HardwareVendorCompleter))]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string? Vendor { get; set; }

        /// <summary>Extra hardware folders, searched before $env:MODELCONFIG_HARDWARE_PATH and the bundled library.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[]? Path { get; set; }

        private HardwareLibrary? _library;
        private WildcardMatcher? _vendor;
        private bool _vendorInvalid;
        private readonly HashSet<string> _seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        private readonly HashSet<string> _reported = new HashSet<string>(StringComparer.Ordinal);

        protected override void BeginProcessing()
        {
            var folders = ModulePaths.ExistingFolders(this, Path);
            _library = HardwareResolver.Library(folders);
            if (Vendor == null) return;
            _vendor = WildcardMatcher.TryParse(Vendor, out var badPattern);
            // No entry can pass a filter that cannot be read: one error, then nothing.
            if (_vendor == null)
            {
                _vendorInvalid = true;
                WriteError(ErrorCatalog.InvalidVendor(Vendor, badPattern!));
            }
        }

        protected override void ProcessRecord()
        {
            if (_vendorInvalid) return;
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
            if (_vendor != null && !_vendor.IsMatch(hw.Vendor)) return;
            if (_seen.Add(hw.HardwareId)) WriteObject(hw);
        }
    }
}
