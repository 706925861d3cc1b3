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

        private readonly List<HardwareConfig> _hardware = new List<HardwareConfig>();

        protected override void BeginProcessing()
        {
            var loadChoice = DeploymentDefaults.LoadChoiceViolation(BatchSize != null, Concurrency != null);
            if (loadChoice != null) ThrowTerminatingError(ErrorCatalog.InvalidDeployment(loadChoice.ToException(), null));
            BeginServingModes();
            var library = HardwareResolver.Library();
            var reported = new HashSet<string>(StringComparer.Ordinal);
            foreach (var item in Hardware!)
            {
                var value = item is PSObject pso ? pso.BaseObject : item;
                if (value is HardwareConfig hw) _hardware.Add(hw);
                else if (value is string id) _hardware.AddRange(HardwareResolver.Resolve(this, library, id, reported));
                else WriteError(ErrorCatalog.InvalidHardwareArgument(value));
            }
            if (_hardware.Count == 0)
            {
                ThrowTerminatingError(ErrorCatalog.NoKnownHardware(Hardware!));
            }
        }

        protected override void ProcessRecord()
        {
            foreach (var model in InputModels())
            {
                if (Stopping) return;
                Sweep(model);
            }
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
                });
            var requests = combos.ToList();
            bool showProgress = requests.Count >= 200;
            var progress = new ProgressRecord(ProgressActivityId, $"Measure-Deployment {model.ModelId}", "Estimating");
            try
            {
                for (int i = 0; i < requests.Count; i++)
                {
                    // Ctrl+C: a sweep whose elements all fail writes nothing PowerShell could stop on for a long time.
                    if (Stopping) return;
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
                        Report(estimate);
                        WriteObject(estimate);
                    }
                    catch (Exception e) when (e is DeploymentConfigurationException || e is ArgumentException || e is OverflowException)
                    {
                        // One configuration that cannot run does not stop the sweep; a layout error shared by every load and
                        // length of the sweep is written once (its message names the layout, not the load).
                        if (!_reportedErrors.Add(requests[i].Model.ModelId + "\n" + requests[i].Hardware.HardwareId + "\n" + e.Message)) continue;
                        var error = e is OverflowException
                            ? new DeploymentConfigurationException(DeploymentConstraint.Model, $"The request {Describe(requests[i])} overflows the estimator's arithmetic (lengths or batch too large for this model): {e.Message}")
                            : e;
                        WriteError(ErrorCatalog.InvalidDeployment(error, Describe(requests[i])));
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

        private readonly HashSet<string> _reportedErrors = new HashSet<string>(StringComparer.Ordinal);
        private readonly HashSet<string> _reportedNotes = new HashSet<string>(StringComparer.Ordinal);

        /// <summary>Warnings and (with -Verbose) the chosen layout and applied defaults, each distinct line once per command, not per sweep element.</summary>
        private void Report(DeploymentEstimate e)
        {
            foreach (var w in e.Warnings)
                if (_reportedNotes.Add("W" + w)) WriteWarning($"{e.ModelId} on {e.HardwareId}: {w}");
            string layout = $"{e.ModelId} on {e.HardwareId}: TP {e.TensorParallel} x PP {e.PipelineParallel}, EP {e.ExpertParallel}{(e.DataParallelAttention ? ", DP attention" : "")} = {e.NumGpus} GPU(s), weights {e.WeightPrecision}, KV cache {e.KvCachePrecision}";
            if (_reportedNotes.Add("L" + layout)) WriteVerbose("Layout: " + layout);
            foreach (var a in e.Assumptions)
                if (a.Source == "default" && _reportedNotes.Add("D" + a.Text)) WriteVerbose("Default: " + a.Text);
        }

        private static string Describe(DeploymentRequest r) =>
            $"{r.Model.ModelId} on {r.Hardware.HardwareId} TP={r.TensorParallel?.ToString() ?? "auto"} PP={r.PipelineParallel} EP={r.ExpertParallel}" +
            (r.DataParallelAttention ? " DP-attention" : "") + $" weights={r.WeightPrecision ?? "default"}";
    }
}
