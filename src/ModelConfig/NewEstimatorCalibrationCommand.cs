using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using ModelConfig.Core.Calibration;
using ModelConfig.Core.Library;
using ModelConfig.Core.Models;
using ModelConfig.Core.Serialization;

namespace ModelConfig.Commands
{
    /// <summary>Fits the efficiency parameters the measurements identify and writes a calibration profile.</summary>
    [Cmdlet(VerbsCommon.New, "EstimatorCalibration", SupportsShouldProcess = true)]
    [OutputType(typeof(CalibrationProfile))]
    public sealed class NewEstimatorCalibrationCommand : PSCmdlet
    {
        [Parameter(Mandatory = true, ValueFromPipeline = true)]
        [ValidateNotNull]
        public object[]? Measurement { get; set; }

        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        public string? Name { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? OutputDirectory { get; set; }

        [Parameter]
        public SwitchParameter Force { get; set; }

        private readonly List<ServingMeasurement> _measurements = new List<ServingMeasurement>();

        protected override void BeginProcessing()
        {
            if (!ModelIds.IsValid(Name!, out var reason))
                ThrowTerminatingError(ErrorCatalog.InvalidModelId(Name!, "a calibration name is a file name: " + reason));
        }

        protected override void ProcessRecord() => _measurements.AddRange(CalibrationResolver.Measurements(this, Measurement));

        protected override void EndProcessing()
        {
            CalibrationProfile profile;
            var fitter = new CalibrationFitter(_measurements, ModulePaths.MeasurementCatalog());
            try { profile = fitter.Fit(Name!); }
            catch (InvalidOperationException e) { ThrowTerminatingError(ErrorCatalog.CalibrationFitFailed(e, Name!)); return; }
            foreach (var s in fitter.Skipped) WriteWarning("Not used in the fit: " + s);
            foreach (var f in profile.Fit.Where(f => f.Fitted)) WriteVerbose($"fitted {f.Name}: {f.Prior:0.####} -> {f.Value:0.####} (sensitivity {f.Sensitivity:0.###})");
            foreach (var f in profile.Fit.Where(f => !f.Fitted && f.Sensitivity > 0)) WriteVerbose($"not fitted {f.Name}: {f.Reason}");
            if (profile.Measurements < 5) WriteWarning($"Only {profile.Measurements} measurements: the profile leans on the bundled priors; 5-10 measurements at several loads identify more parameters.");

            var folder = OutputDirectory != null ? GetUnresolvedProviderPathFromPSPath(OutputDirectory)
                : SearchPath.Split(Environment.GetEnvironmentVariable(CalibrationProfileLibrary.PathVariable)).FirstOrDefault() ?? SessionState.Path.CurrentFileSystemLocation.Path;
            var path = System.IO.Path.Combine(folder, Name + ".json");
            if (path.StartsWith(ModulePaths.ModuleBase, StringComparison.OrdinalIgnoreCase)) ThrowTerminatingError(ErrorCatalog.ModuleFolderReadOnly(path));
            if (File.Exists(path) && !Force) { WriteError(ErrorCatalog.CalibrationProfileExists(path)); WriteObject(profile); return; }
            if (ShouldProcess(path, "Write calibration profile"))
            {
                try
                {
                    Directory.CreateDirectory(folder);
                    AtomicFile.WriteAllText(path, profile.ToJson());
                    CalibrationProfileKind.Instance.Invalidate(path);
                    profile.SourcePath = path;
                }
                catch (Exception e) when (e is IOException || e is UnauthorizedAccessException) { WriteError(ErrorCatalog.WriteFailed(path, e)); }
            }
            WriteObject(profile);
        }
    }
}
