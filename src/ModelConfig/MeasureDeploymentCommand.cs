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
    [Cmdlet(VerbsDiagnostic.Measure, "Deployment", DefaultParameterSetName = ByModelIdSet)]
    [OutputType(typeof(DeploymentEstimate))]
    public sealed partial class MeasureDeploymentCommand : ModelInputCommandBase
    {
        private const int ProgressActivityId = 4711;

        // Every sweep parameter binds by property name, under the names a plan file uses (Import-Csv plan.csv | Measure-Deployment);
        // the Plan* attributes turn its cells ("fp8", "32", "1,2", "true", empty = not given) into values.

        /// <summary>
        /// Hardware ids, aliases or objects from Get-HardwareConfig. Piped hardware (Get-HardwareConfig x | Measure-Deployment y)
        /// binds by its HardwareId; binding by value would also swallow every plan-file row and model piped in.
        /// </summary>
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [Alias("HardwareId", "hardware_id", "Gpu")]
        [ArgumentCompleter(typeof(HardwareIdCompleter))]
        [PlanText(array: true)]
        [ValidateNotNullOrEmpty]
        public object[]? Hardware { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("TP", "tensor_parallel", "tensor_parallel_size")]
        [PlanNumber(1, 4096, array: true)]
        [HelpDefault("the fewest GPUs that fit (a power of two that divides the attention heads)")]
        public int[]? TensorParallel { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("PP", "pipeline_parallel", "pipeline_parallel_size")]
        [PlanNumber(1, 1024, array: true)]
        [HelpDefault(1)]
        public int[]? PipelineParallel { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("EP", "expert_parallel", "expert_parallel_size")]
        [PlanNumber(1, 4096, array: true)]
        [HelpDefault(1)]
        public int[]? ExpertParallel { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("DPAttention", "dp_attention", "enable_dp_attention")]
        [PlanSwitch]
        public SwitchParameter DataParallelAttention { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("Precision", "weights_dtype", "weight_dtype", "Quantization")]
        [ArgumentCompleter(typeof(WeightPrecisionCompleter))]
        [PlanText(array: true)]
        [HelpDefault("bf16")]
        public string[]? WeightPrecision { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("kv_dtype", "kv_cache_dtype", "KvPrecision")]
        [ArgumentCompleter(typeof(KvCachePrecisionCompleter))]
        [PlanText(array: true)]
        [HelpDefault("the activation dtype (bf16)")]
        public string[]? KvCachePrecision { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("Batch", "batch_size")]
        [PlanNumber(1, 1_000_000, array: true)]
        [HelpDefault("1 (a static batch) when -Concurrency is not given")]
        public int[]? BatchSize { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("max_concurrency", "Users")]
        [PlanNumber(1, 1_000_000, array: true)]
        public int[]? Concurrency { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("ISL", "input_len", "input_length", "InputTokens")]
        [PlanNumber(1, 100_000_000, array: true)]
        [HelpDefault(DeploymentDefaults.InputLength)]
        public int[]? InputLength { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("OSL", "output_len", "output_length", "OutputTokens")]
        [PlanNumber(1, 100_000_000, array: true)]
        [HelpDefault(DeploymentDefaults.OutputLength)]
        public int[]? OutputLength { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("Engine")]
        [ArgumentCompleter(typeof(FrameworkCompleter))]
        [PlanText]
        [HelpDefault("none: the engine-generic calibration, with a wider error band")]
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
        [HelpDefault("the bundled calibration")]
        public object? Calibration { get; set; }

        private Core.Calibration.CalibrationProfile? _profile;
        private readonly HashSet<string> _calibrationWarnings = new HashSet<string>(StringComparer.Ordinal);

        protected override void BeginProcessing()
        {
            // Given on the command line both are one mistake for the whole call; from a plan file, one row's (ProcessRecord).
            var loadChoice = DeploymentDefaults.LoadChoiceViolation(BatchSize != null, Concurrency != null);
            if (loadChoice != null) ThrowTerminatingError(ErrorCatalog.InvalidDeployment(loadChoice.ToException(), null));
            BeginServingModes();
            _verbose = VerboseWanted();
            if (GpuHourPrice != null) _prices = GpuHourPriceArgument.ParseOrStop(this, GpuHourPrice);
            // a named profile that cannot be read stops the command: estimates without it would look calibrated
            if (Calibration != null && (_profile = CalibrationResolver.Resolve(this, Calibration, out var calibrationError)) == null)
                ThrowTerminatingError(calibrationError ?? ErrorCatalog.InvalidCalibrationArgument(Calibration));
        }

        protected override void ProcessRecord()
        {
            var loadChoice = DeploymentDefaults.LoadChoiceViolation(BatchSize != null, Concurrency != null);
            if (loadChoice != null)
            {
                WriteError(ErrorCatalog.InvalidDeployment(loadChoice.ToException(), null));
                return;
            }
            // Hardware may change per pipeline record; a typo is one HardwareNotFound error (the resolver's), not a second, vaguer one.
            var hardware = ResolveHardware();
            if (hardware.Count == 0) return;
            foreach (var model in InputModels())
            {
                if (Stopping) return;
                Sweep(model, hardware);
            }
        }

        private readonly Dictionary<string, IReadOnlyList<HardwareConfig>> _hardwareById = new Dictionary<string, IReadOnlyList<HardwareConfig>>(StringComparer.OrdinalIgnoreCase);
        private readonly HashSet<string> _reportedHardware = new HashSet<string>(StringComparer.Ordinal);

        private List<HardwareConfig> ResolveHardware()
        {
            var list = new List<HardwareConfig>();
            foreach (var item in Hardware ?? Array.Empty<object>())
            {
                var value = item is PSObject pso ? pso.BaseObject : item;
                if (value is HardwareConfig hw) list.Add(hw);
                else if (value is string id)
                {
                    if (!_hardwareById.TryGetValue(id, out var found))
                        _hardwareById[id] = found = HardwareResolver.Resolve(this, HardwareResolver.Library(), id, _reportedHardware).ToList();
                    list.AddRange(found);
                }
                else WriteError(ErrorCatalog.InvalidHardwareArgument(value));
            }
            return list;
        }

        private void Sweep(ModelConfiguration model, IReadOnlyList<HardwareConfig> hardware)
        {
            var loads = DeploymentDefaults.Loads(BatchSize, Concurrency);
            // nested loops, not a query: LINQ over nullable ints and tuples is compiled at run time, in a new session's first estimate
            var tps = new int?[TensorParallel?.Length ?? 1];
            for (int i = 0; i < (TensorParallel?.Length ?? 0); i++) tps[i] = TensorParallel![i];
            var pps = PipelineParallel ?? new[] { 1 };
            var eps = ExpertParallel ?? new[] { 1 };
            var wps = WeightPrecision ?? new string?[] { null };
            var kvs = KvCachePrecision ?? new string?[] { null };
            var isls = InputLength ?? new[] { DeploymentDefaults.InputLength };
            var osls = OutputLength ?? new[] { DeploymentDefaults.OutputLength };
            var requests = new List<DeploymentRequest>();
            foreach (var hw in hardware)
                foreach (var tp in tps)
                    foreach (var pp in pps)
                        foreach (var ep in eps)
                            foreach (var wp in wps)
                                foreach (var kv in kvs)
                                    for (int l = 0; l < loads.Length; l++)
                                        foreach (var isl in isls)
                                            foreach (var osl in osls)
                                                requests.Add(WithServingModes(new DeploymentRequest
                                                {
                                                    Model = model,
                                                    Hardware = hw,
                                                    TensorParallel = tp,
                                                    PipelineParallel = pp,
                                                    ExpertParallel = ep,
                                                    DataParallelAttention = DataParallelAttention,
                                                    WeightPrecision = wp,
                                                    KvCachePrecision = kv,
                                                    BatchSize = loads[l].BatchSize,
                                                    Concurrency = loads[l].Concurrency,
                                                    InputLength = isl,
                                                    OutputLength = osl,
                                                    Framework = Framework,
                                                    ComputeEfficiency = ComputeEfficiency,
                                                    MemoryEfficiency = MemoryEfficiency,
                                                    IncludeLayers = IncludeLayers,
                                                    CalibrationOverlay = _profile,
                                                }));
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
                        DeploymentDefaults.NoteDefaultLengths(estimate, InputLength != null, OutputLength != null);
                        Report(estimate);
                        WarnOutsideCalibration(requests[i]);
                        WriteObject(_prices == null ? estimate : (object)CostedEstimate.With(requests[i], estimate, _prices));
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

        private void WarnOutsideCalibration(DeploymentRequest r)
        {
            var warning = _profile?.ScopeWarning(r.Hardware.HardwareId, r.Framework);
            if (warning != null && _calibrationWarnings.Add(warning)) WriteWarning(warning);
        }

        private readonly HashSet<string> _reportedErrors = new HashSet<string>(StringComparer.Ordinal);
        private readonly HashSet<string> _reportedNotes = new HashSet<string>(StringComparer.Ordinal);

        // verbose lines read the estimate's assumptions, which are stated on first read: not read at all unless shown
        private bool _verbose;

        private bool VerboseWanted()
        {
            if (MyInvocation.BoundParameters.TryGetValue("Verbose", out var v)) return LanguagePrimitives.IsTrue(v);
            // the preference variable holds what was assigned ('Continue' as text, or the enum)
            return LanguagePrimitives.TryConvertTo<ActionPreference>(GetVariableValue("VerbosePreference"), out var p)
                && p != ActionPreference.SilentlyContinue && p != ActionPreference.Ignore;
        }

        /// <summary>Warnings and (with -Verbose) the chosen layout and applied defaults, each distinct line once per command, not per sweep element.</summary>
        private void Report(DeploymentEstimate e)
        {
            foreach (var w in e.Warnings)
                if (_reportedNotes.Add("W" + w)) WriteWarning($"{e.ModelId} on {e.HardwareId}: {w}");
            if (!_verbose) return;
            string layout = $"{e.ModelId} on {e.HardwareId}: TP {e.TensorParallel} x PP {e.PipelineParallel}, EP {e.ExpertParallel}{(e.DataParallelAttention ? ", DP attention" : "")} = {e.NumGpus} GPU(s), weights {e.WeightPrecision}, KV cache {e.KvCachePrecision}";
            if (_reportedNotes.Add("L" + layout)) WriteVerbose("Layout: " + layout);
            foreach (var a in e.Assumptions)
                if (a.Source == "default" && _reportedNotes.Add("D" + a.Text)) WriteVerbose("Default: " + a.Text);
            string calibration = CalibrationUsed(e);
            if (_reportedNotes.Add("C" + calibration)) WriteVerbose("Calibration: " + calibration);
        }

        /// <summary>Which calibration priced the estimate: the bundled one or a profile over it, the entries (engine, mode, hardware family) it drew on, and the error band's basis.</summary>
        private string CalibrationUsed(DeploymentEstimate e)
        {
            var entries = e.Assumptions
                .Select(a => a.Source ?? "")
                .Where(src => src.StartsWith("calibration (", StringComparison.Ordinal))
                .Select(src => src.Substring("calibration (".Length).TrimEnd(')'))
                .Distinct(StringComparer.Ordinal)
                .ToList();
            var band = e.Assumptions.FirstOrDefault(a => a.Name == "error_band")?.Text;
            return (_profile != null ? $"profile '{_profile.Name}' over the bundled calibration" : "the bundled calibration")
                + (entries.Count > 0 ? "; entries " + string.Join(", ", entries) : "; generic entries only")
                + (band != null ? "; " + band : "");
        }

        private static string Describe(DeploymentRequest r) =>
            $"{r.Model.ModelId} on {r.Hardware.HardwareId} TP={r.TensorParallel?.ToString() ?? "auto"} PP={r.PipelineParallel} EP={r.ExpertParallel}" +
            (r.DataParallelAttention ? " DP-attention" : "") + $" weights={r.WeightPrecision ?? "default"}";
    }
}
