using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using ModelConfig.Core.Calibration;
using ModelConfig.Core.Library;

namespace ModelConfig.Commands
{
    /// <summary>Lists calibration profiles of the search path (-Path, $env:MODELCONFIG_CALIBRATION_PATH, bundled).</summary>
    [Cmdlet(VerbsCommon.Get, "EstimatorCalibration")]
    [OutputType(typeof(CalibrationProfile))]
    public sealed class GetEstimatorCalibrationCommand : PSCmdlet
    {
        [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(CalibrationNameCompleter))]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string[]? Name { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[]? Path { get; set; }

        private CalibrationProfileLibrary? _library;
        private readonly HashSet<string> _reported = new HashSet<string>(StringComparer.Ordinal);

        protected override void BeginProcessing()
        {
            var folders = ModulePaths.ExistingFolders(this, Path);
            _library = ModulePaths.CalibrationProfiles(folders);
        }

        protected override void ProcessRecord()
        {
            if (Name == null)
            {
                var all = _library!.List(out var listErrors);
                foreach (var p in all) WriteObject(p);
                WriteLoadErrors(listErrors);
                return;
            }
            foreach (var name in Name)
            {
                var matcher = WildcardMatcher.TryParse(name, out var bad);
                if (matcher == null) { WriteError(ErrorCatalog.InvalidCalibrationName(name, bad!)); continue; }
                var matches = _library!.Match(matcher, out var errors);
                WriteLoadErrors(errors);
                if (matches.Count == 0 && !matcher.IsWildcard && errors.Count == 0)
                    WriteError(ErrorCatalog.CalibrationNotFound(name, _library.Searched, NameSuggestions.Closest(name, _library.ListNames().Select(n => n.Name))));
                foreach (var p in matches) WriteObject(p);
            }
        }

        private void WriteLoadErrors(IEnumerable<DataLoadError> errors)
        {
            foreach (var e in errors) if (_reported.Add(e.FilePath + "\n" + e.Message)) WriteError(ErrorCatalog.CalibrationProfileInvalid(e));
        }
    }
}
