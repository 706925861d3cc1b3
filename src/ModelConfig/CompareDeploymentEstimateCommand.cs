using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using ModelConfig.Core.Calibration;
using ModelConfig.Core.Estimation;

namespace ModelConfig.Commands
{
    /// <summary>Estimates the configuration of each measurement and returns the two side by side with the % error per metric.</summary>
    [Cmdlet(VerbsData.Compare, "DeploymentEstimate")]
    [OutputType(typeof(MeasurementComparison), typeof(ComparisonSummary))]
    public sealed class CompareDeploymentEstimateCommand : PSCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
        [ValidateNotNull]
        public object[]? Measurement { get; set; }

        [Parameter]
        [ArgumentCompleter(typeof(CalibrationNameCompleter))]
        [ValidateNotNull]
        public object? Calibration { get; set; }

        [Parameter]
        public SwitchParameter Summary { get; set; }

        private MeasurementCatalog? _catalog;
        private CalibrationProfile? _profile;
        private bool _calibrationMissing;
        private readonly List<MetricError> _errors = new List<MetricError>();
        private readonly HashSet<string> _warned = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

        protected override void BeginProcessing()
        {
            _catalog = ModulePaths.MeasurementCatalog();
            if (Calibration == null) return;
            _profile = CalibrationResolver.Resolve(this, Calibration);
            // comparing against the bundled calibration when a named one is missing would mislead
            _calibrationMissing = _profile == null;
        }

        protected override void ProcessRecord()
        {
            if (_calibrationMissing) return;
            foreach (var m in CalibrationResolver.Measurements(this, Measurement))
            {
                DeploymentEstimate estimate;
                try
                {
                    var request = MeasurementEstimates.Request(m, _catalog!);
                    request.CalibrationOverlay = _profile;
                    estimate = DeploymentEstimator.Estimate(request);
                }
                catch (Exception e) when (e is InvalidOperationException || e is DeploymentConfigurationException || e is ArgumentException)
                {
                    WriteError(ErrorCatalog.MeasurementNotComparable($"{m}: {e.Message}", m));
                    continue;
                }
                var warning = _profile?.ScopeWarning(m.HardwareId, m.Framework);
                if (warning != null && _warned.Add(warning)) WriteWarning(warning);
                var comparison = EstimateComparisons.Compare(m, estimate, _profile?.Name);
                if (Summary) _errors.AddRange(comparison.Errors);
                else WriteObject(comparison);
            }
        }

        protected override void EndProcessing()
        {
            if (Summary) foreach (var row in EstimateComparisons.Summarize(_errors, _profile?.Name)) WriteObject(row);
        }
    }
}
