using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using ModelConfig.Core.Estimation;
using ModelConfig.Core.Hardware;
using ModelConfig.Core.Models;

namespace ModelConfig.Commands
{
    /// <summary>
    /// Estimates memory, latency and throughput of serving a model on hardware. Every array parameter
    /// expands to a sweep: one estimate per combination.
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Measure, "Deployment", DefaultParameterSetName = ByInputObjectSet)]
    [OutputType(typeof(DeploymentEstimate))]
    public sealed partial class MeasureDeploymentCommand : ModelInputCommandBase
    {
        private const int ProgressActivityId = 4711;

        /// <summary>Hardware ids, aliases or objects from Get-HardwareConfig.</summary>
        [Parameter(Mandatory = true)]
        [ArgumentCompleter(typeof(HardwareIdCompleter))]
        [ValidateNotNullOrEmpty]
        public object[]? Hardware { get; set; }

        [Parameter]
        [Alias("TP")]
        [ValidateRange(1, 4096)]
        public int[]? TensorParallel { get; set; }

        [Parameter]
        [Alias("PP")]
        [ValidateRange(1, 1024)]
        public int[] PipelineParallel { get; set; } = { 1 };

        [Parameter]
        [Alias("EP")]
        [ValidateRange(1, 4096)]
        public int[] ExpertParallel { get; set; } = { 1 };

        [Parameter]
        [Alias("DPAttention")]
        public SwitchParameter DataParallelAttention { get; set; }

        [Parameter]
        [ArgumentCompleter(typeof(WeightPrecisionCompleter))]
        [ValidateNotNullOrEmpty]
        public string[]? WeightPrecision { get; set; }

        [Parameter]
        [ArgumentCompleter(typeof(KvCachePrecisionCompleter))]
        [ValidateNotNullOrEmpty]
        public string[]? KvCachePrecision { get; set; }

        [Parameter]
        [ValidateRange(1, 1_000_000)]
        public int[]? BatchSize { get; set; }

        [Parameter]
        [ValidateRange(1, 1_000_000)]
        public int[]? Concurrency { get; set; }

        [Parameter]
        [Alias("ISL")]
        [ValidateRange(1, 100_000_000)]
        public int[] InputLength { get; set; } = { DeploymentDefaults.InputLength };

        [Parameter]
        [Alias("OSL")]
        [ValidateRange(1, 100_000_000)]
        public int[] OutputLength { get; set; } = { DeploymentDefaults.OutputLength };

        [Parameter]
        [ArgumentCompleter(typeof(FrameworkCompleter))]
        [ValidateNotNullOrEmpty]
        public string? Framework { get; set; }

        [Parameter]
        [ValidateRange(0.01, 1.0)]
        public double? ComputeEfficiency { get; set; }

        [Parameter]
        [ValidateRange(0.01, 1.0)]
        public double? MemoryEfficiency { get; set; }

        [Parameter]
        public SwitchParameter IncludeLayers { get; set; }

        /// <summary>USD per GPU-hour (a number, or a hashtable of hardware id = price): adds cost and energy properties.</summary>
        [Parameter]
        [ValidateNotNull]
        public object? GpuHourPrice { get; set; }

        private GpuHourPriceArgument? _prices;

        /// <summary>Calibration profile (issue 11): a name from Get-EstimatorCalibration or a profile object.</summary>
        [Parameter]
        [ArgumentCompleter(typeof(CalibrationNameCompleter))]
        [ValidateNotNull]
        public object? Calibration { get; set; }

        private readonly List<HardwareConfig> _hardware = new List<HardwareConfig>();
        private Core.Calibration.CalibrationProfile? _profile;
        private readonly HashSet<string> _calibrationWarnings = new HashSet<string>(StringComparer.Ordinal);

        protected override void BeginProcessing()
        {
            var loadChoice = DeploymentDefaults.LoadChoiceViolation(BatchSize != null, Concurrency != null);
            if (loadChoice != null) ThrowTerminatingError(ErrorCatalog.InvalidDeployment(loadChoice.ToException(), null));
            BeginServingModes();
            if (GpuHourPrice != null) _prices = GpuHourPriceArgument.ParseOrStop(this, GpuHourPrice);
            _hardware.AddRange(HardwareResolver.ResolveArguments(this, HardwareResolver.Library(), Hardware!));
            if (_hardware.Count == 0)
            {
                ThrowTerminatingError(ErrorCatalog.NoKnownHardware(Hardware!));
            }
            // a named profile that cannot be read stops the command: estimates without it would look calibrated
            if (Calibration != null && (_profile = CalibrationResolver.Resolve(this, Calibration)) == null)
                ThrowTerminatingError(ErrorCatalog.InvalidCalibrationArgument(Calibration));
        }

        protected override void ProcessRecord()
        {
            foreach (var model in InputModels()) Sweep(model);
        }

        private void Sweep(ModelConfiguration model)
        {
            var loads = DeploymentDefaults.Loads(BatchSize, Concurrency);
            var combos =
                from hw in _hardware
                from tp in TensorParallel?.Cast<int?>() ?? new int?[] { null }
                from pp in PipelineParallel
                from ep in ExpertParallel
                from wp in WeightPrecision?.Cast<string?>() ?? new string?[] { null }
                from kv in KvCachePrecision?.Cast<string?>() ?? new string?[] { null }
                from load in loads
                from isl in InputLength
                from osl in OutputLength
                select WithServingModes(new DeploymentRequest
                {
                    Model = model,
                    Hardware = hw,
                    TensorParallel = tp,
                    PipelineParallel = pp,
                    ExpertParallel = ep,
                    DataParallelAttention = DataParallelAttention,
                    WeightPrecision = wp,
                    KvCachePrecision = kv,
                    BatchSize = load.BatchSize,
                    Concurrency = load.Concurrency,
                    InputLength = isl,
                    OutputLength = osl,
                    Framework = Framework,
                    ComputeEfficiency = ComputeEfficiency,
                    MemoryEfficiency = MemoryEfficiency,
                    IncludeLayers = IncludeLayers,
                    CalibrationOverlay = _profile,
                });
            var requests = combos.ToList();
            bool showProgress = requests.Count >= 200;
            var progress = new ProgressRecord(ProgressActivityId, $"Measure-Deployment {model.ModelId}", "Estimating");
            try
            {
                for (int i = 0; i < requests.Count; i++)
                {
                    if (showProgress && i % 100 == 0)
                    {
                        progress.PercentComplete = i * 100 / requests.Count;
                        progress.StatusDescription = $"{i} of {requests.Count} configurations";
                        WriteProgress(progress);
                    }
                    try
                    {
                        var estimate = DeploymentEstimator.Estimate(requests[i]);
                        DeploymentDefaults.NoteDefaultLengths(estimate, MyInvocation.BoundParameters.ContainsKey(nameof(InputLength)),
                            MyInvocation.BoundParameters.ContainsKey(nameof(OutputLength)));
                        WarnOutsideCalibration(requests[i]);
                        WriteObject(_prices == null ? estimate : (object)CostedEstimate.With(requests[i], estimate, _prices));
                    }
                    catch (Exception e) when (e is DeploymentConfigurationException || e is ArgumentException)
                    {
                        // One configuration that cannot run does not stop the sweep.
                        WriteError(ErrorCatalog.InvalidDeployment(e, Describe(requests[i])));
                    }
                }
            }
            finally
            {
                if (showProgress)
                {
                    progress.RecordType = ProgressRecordType.Completed;
                    WriteProgress(progress);
                }
            }
        }

        private void WarnOutsideCalibration(DeploymentRequest r)
        {
            var warning = _profile?.ScopeWarning(r.Hardware.HardwareId, r.Framework);
            if (warning != null && _calibrationWarnings.Add(warning)) WriteWarning(warning);
        }

        private static string Describe(DeploymentRequest r) =>
            $"{r.Model.ModelId} on {r.Hardware.HardwareId} TP={r.TensorParallel?.ToString() ?? "auto"} PP={r.PipelineParallel} EP={r.ExpertParallel}" +
            (r.DataParallelAttention ? " DP-attention" : "") + $" weights={r.WeightPrecision ?? "default"}";
    }
}
