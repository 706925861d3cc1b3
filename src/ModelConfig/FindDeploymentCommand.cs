using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using ModelConfig.Core.Estimation;
using ModelConfig.Core.Hardware;
using ModelConfig.Core.Models;
using ModelConfig.Core.Planning;

namespace ModelConfig.Commands
{
    /// <summary>
    /// Searches layouts, precisions and load levels of a model on hardware for the configurations that meet latency targets,
    /// ranked by throughput per GPU, cost, energy or latency; optionally the Pareto frontier per hardware.
    /// </summary>
    [Cmdlet(VerbsCommon.Find, "Deployment", DefaultParameterSetName = ByModelIdSet)]
    [OutputType(typeof(PlannedDeployment))]
    public sealed class FindDeploymentCommand : ModelInputCommandBase
    {
        /// <summary>Hardware ids, wildcards or objects; default: every chip-kind entry of the hardware library.</summary>
        [Parameter]
        [ArgumentCompleter(typeof(HardwareIdCompleter))]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        [HelpDefault("every chip-kind entry of the hardware library")]
        public object[]? Hardware { get; set; }

        [Parameter]
        [ValidateRange(1, PlanningQuery.MaxGpusLimit)]
        public int MaxGpus { get; set; } = 8;

        [Parameter]
        [Alias("ISL")]
        [ValidateRange(1, PlanningQuery.MaxLength)]
        public int InputLength { get; set; } = DeploymentDefaults.InputLength;

        [Parameter]
        [Alias("OSL")]
        [ValidateRange(1, PlanningQuery.MaxLength)]
        public int OutputLength { get; set; } = DeploymentDefaults.OutputLength;

        [Parameter]
        [ValidateRange(1, PlanningQuery.MaxConcurrency)]
        [ValidateNotNullOrEmpty]
        [HelpDefault("1, 2, 4, ... 2048 (without -RequestRate and -Percentile)")]
        public int[]? Concurrency { get; set; }

        [Parameter]
        [ValidateRange(PlanningQuery.MinRate, PlanningQuery.MaxRate)]
        public double? RequestRate { get; set; }

        [Parameter]
        [ValidateRange(PlanningQuery.MinTarget, PlanningQuery.MaxTarget)]
        public double? MaxTtftMs { get; set; }

        [Parameter]
        [ValidateRange(PlanningQuery.MinTarget, PlanningQuery.MaxTarget)]
        public double? MaxTpotMs { get; set; }

        [Parameter]
        [ValidateRange(PlanningQuery.MinTarget, PlanningQuery.MaxTarget)]
        public double? MinTokensPerSecondPerUser { get; set; }

        [Parameter]
        [ValidateSet("50", "90", "99")]
        public string? Percentile { get; set; }

        [Parameter]
        [ArgumentCompleter(typeof(WeightPrecisionCompleter))]
        [ValidateNotNullOrEmpty]
        [HelpDefault("the precisions the chip computes natively: bf16, plus fp8 and fp4 where it has those peaks")]
        public string[]? WeightPrecision { get; set; }

        [Parameter]
        [ArgumentCompleter(typeof(KvCachePrecisionCompleter))]
        [ValidateNotNullOrEmpty]
        [HelpDefault("fp8 beside 8- and 4-bit weights on chips with an fp8 peak, else bf16")]
        public string[]? KvCachePrecision { get; set; }

        [Parameter]
        public SwitchParameter IncludeDisaggregated { get; set; }

        [Parameter]
        public SpeculativeMethod SpeculativeMethod { get; set; } = SpeculativeMethod.None;

        [Parameter]
        [ArgumentCompleter(typeof(ModelIdCompleter))]
        [ValidateNotNullOrEmpty]
        public string? DraftModelId { get; set; }

        [Parameter]
        [ArgumentCompleter(typeof(FrameworkCompleter))]
        [ValidateNotNullOrEmpty]
        [HelpDefault("none: the engine-generic calibration")]
        public string? Framework { get; set; }

        [Parameter]
        public PlanningObjective Objective { get; set; } = PlanningObjective.ThroughputPerGpu;

        [Parameter]
        [ValidateRange(1, PlanningQuery.MaxTop)]
        public int Top { get; set; } = 10;

        [Parameter]
        public SwitchParameter Frontier { get; set; }

        [Parameter]
        [ValidateNotNull]
        public object? GpuHourPrice { get; set; }

        [Parameter]
        [ValidateRange(PlanningQuery.MinRate, PlanningQuery.MaxTotalRequestRate)]
        public double? TotalRequestRate { get; set; }

        [Parameter]
        public SwitchParameter Exhaustive { get; set; }

        private List<HardwareConfig> _hardware = new List<HardwareConfig>();
        private GpuHourPriceArgument _prices = new GpuHourPriceArgument();
        private ModelConfiguration? _draftModel;

        protected override void BeginProcessing()
        {
            _draftModel = ModelResolver.DraftModelOrStop(this, DraftModelId);
            _prices = GpuHourPriceArgument.ParseOrStop(this, GpuHourPrice);
            var library = HardwareResolver.Library();
            if (Hardware != null) _hardware = HardwareResolver.ResolveArguments(this, library, Hardware);
            else
            {
                var all = library.List(out var errors);
                HardwareResolver.WriteLoadErrors(this, errors, new HashSet<string>(StringComparer.Ordinal));
                _hardware = PlanningQuery.DefaultHardware(all);
            }
            if (_hardware.Count == 0) ThrowTerminatingError(ErrorCatalog.NoKnownHardware(Hardware ?? new object[0]));
        }

        protected override void ProcessRecord()
        {
            foreach (var model in InputModels()) Search(model);
        }

        // Ctrl+C stops the search between candidates instead of after it.
        protected override void StopProcessing() => _stop.Cancel();

        private readonly System.Threading.CancellationTokenSource _stop = new System.Threading.CancellationTokenSource();

        private void Search(ModelConfiguration model)
        {
            // The parameters by value; the server's POST /v1/find builds the same query from JSON.
            var query = new PlanningQuery
            {
                ModelId = model.ModelId, MaxGpus = MaxGpus, InputLength = InputLength, OutputLength = OutputLength,
                Concurrency = Concurrency, RequestRate = RequestRate, MaxTtftMs = MaxTtftMs, MaxTpotMs = MaxTpotMs,
                MinTokensPerSecondPerUser = MinTokensPerSecondPerUser,
                Percentile = Percentile != null ? int.Parse(Percentile, System.Globalization.CultureInfo.InvariantCulture) : (int?)null,
                WeightPrecision = WeightPrecision, KvCachePrecision = KvCachePrecision, IncludeDisaggregated = IncludeDisaggregated,
                SpeculativeMethod = SpeculativeMethod, DraftModelId = DraftModelId, Framework = Framework, Objective = Objective,
                Top = Top, Frontier = Frontier, GpuHourPrice = _prices.Default, GpuHourPrices = _prices.ById,
                TotalRequestRate = TotalRequestRate, Exhaustive = Exhaustive,
            };
            PlanResult result;
            try
            {
                var request = query.ToRequest(model, _hardware, _draftModel);
                ReportChoices(request);
                result = DeploymentPlanner.Plan(request, _stop.Token);
            }
            catch (Exception e) when (e is DeploymentConfigurationException || e is PlanningQueryException)
            {
                WriteError(ErrorCatalog.InvalidDeployment(e, model.ModelId));
                return;
            }
            catch (System.OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                return;
            }
            foreach (var note in result.Notes) WriteWarning(note);
            WriteVerbose($"{model.ModelId}: {result.Statistics}.");
            if (result.Shortfall != null)
            {
                // A warning for people at the console; the error carries the typed shortfall for scripts ($err.TargetObject).
                WriteWarning(result.Shortfall.Message);
                WriteError(ErrorCatalog.NoFeasibleDeployment(result.Shortfall));
            }
            foreach (var p in Frontier ? result.Frontier : result.Ranked) WriteObject(p);
        }

        private bool _choicesReported;

        /// <summary>-Verbose: what the search covers and which of it are defaults, once per call (the same for every model).</summary>
        private void ReportChoices(PlanningRequest r)
        {
            if (_choicesReported) return;
            _choicesReported = true;
            bool Given(string name) => MyInvocation.BoundParameters.ContainsKey(name);
            string Note(string name) => Given(name) ? "" : " (default)";
            WriteVerbose($"Hardware{Note(nameof(Hardware))}: {(Given(nameof(Hardware)) ? "" : $"the {_hardware.Count} chip-kind entries of the hardware library: ")}{string.Join(", ", _hardware.Select(h => h.HardwareId))}.");
            WriteVerbose($"Layouts: up to {MaxGpus} GPUs per replica{Note(nameof(MaxGpus))}; lengths {InputLength} input{Note(nameof(InputLength))} / {OutputLength} output{Note(nameof(OutputLength))} tokens.");
            WriteVerbose(r.OpenLoop
                ? $"Load: open-loop request rates per replica {string.Join(", ", (IEnumerable<double>?)r.RequestRates ?? PlanningRequest.DefaultRequestRates)} req/s{Note(nameof(RequestRate))}" + (Percentile != null ? $", targets at p{Percentile}." : ".")
                : $"Load: closed-loop concurrency {string.Join(", ", (IEnumerable<int>?)r.Concurrencies ?? PlanningRequest.DefaultConcurrencies)}{Note(nameof(Concurrency))}; targets on the means.");
            WriteVerbose("Precisions: " + (WeightPrecision != null ? "weights " + string.Join(", ", WeightPrecision) : "weights per chip (default): bf16, plus fp8 and fp4 where the chip has those peaks")
                + "; " + (KvCachePrecision != null ? "KV cache " + string.Join(", ", KvCachePrecision) : "KV cache (default) fp8 beside 8- and 4-bit weights on chips with an fp8 peak, else bf16") + ".");
            WriteVerbose($"Engine: {(Framework ?? "not given, generic calibrated overheads (default)")}; calibration: the bundled calibration; objective {Objective}{Note(nameof(Objective))}, top {Top}{Note(nameof(Top))}.");
            var targets = new List<string>();
            if (MaxTtftMs != null) targets.Add($"TTFT <= {MaxTtftMs} ms");
            if (MaxTpotMs != null) targets.Add($"TPOT <= {MaxTpotMs} ms");
            if (MinTokensPerSecondPerUser != null) targets.Add($">= {MinTokensPerSecondPerUser} tokens/s per user");
            WriteVerbose("Targets: " + (targets.Count > 0 ? string.Join(", ", targets) : "none, every configuration that fits is ranked") + ".");
        }
    }
}
