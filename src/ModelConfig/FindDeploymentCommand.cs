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
        public object[]? Hardware { get; set; }

        [Parameter]
        [ValidateRange(1, 4096)]
        public int MaxGpus { get; set; } = 8;

        [Parameter]
        [Alias("ISL")]
        [ValidateRange(1, 100_000_000)]
        public int InputLength { get; set; } = DeploymentDefaults.InputLength;

        [Parameter]
        [Alias("OSL")]
        [ValidateRange(1, 100_000_000)]
        public int OutputLength { get; set; } = DeploymentDefaults.OutputLength;

        [Parameter]
        [ValidateRange(1, 1_000_000)]
        [ValidateNotNullOrEmpty]
        public int[]? Concurrency { get; set; }

        [Parameter]
        [ValidateRange(0.001, 1e9)]
        public double? RequestRate { get; set; }

        [Parameter]
        [ValidateRange(0.001, 1e9)]
        public double? MaxTtftMs { get; set; }

        [Parameter]
        [ValidateRange(0.001, 1e9)]
        public double? MaxTpotMs { get; set; }

        [Parameter]
        [ValidateRange(0.001, 1e9)]
        public double? MinTokensPerSecondPerUser { get; set; }

        [Parameter]
        [ValidateSet("50", "90", "99")]
        public string? Percentile { get; set; }

        [Parameter]
        [ArgumentCompleter(typeof(WeightPrecisionCompleter))]
        [ValidateNotNullOrEmpty]
        public string[]? WeightPrecision { get; set; }

        [Parameter]
        [ArgumentCompleter(typeof(KvCachePrecisionCompleter))]
        [ValidateNotNullOrEmpty]
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
        public string? Framework { get; set; }

        [Parameter]
        public PlanningObjective Objective { get; set; } = PlanningObjective.ThroughputPerGpu;

        [Parameter]
        [ValidateRange(1, 100_000)]
        public int Top { get; set; } = 10;

        [Parameter]
        public SwitchParameter Frontier { get; set; }

        [Parameter]
        [ValidateNotNull]
        public object? GpuHourPrice { get; set; }

        [Parameter]
        [ValidateRange(0.001, 1e12)]
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
                _hardware = all.Where(h => string.Equals(h.Kind, "chip", StringComparison.OrdinalIgnoreCase)).ToList();
            }
            if (_hardware.Count == 0) ThrowTerminatingError(ErrorCatalog.NoKnownHardware(Hardware ?? new object[0]));
        }

        protected override void ProcessRecord()
        {
            foreach (var model in InputModels()) Search(model);
        }

        private void Search(ModelConfiguration model)
        {
            var request = new PlanningRequest
            {
                Model = model, Hardware = _hardware, MaxGpus = MaxGpus, InputLength = InputLength, OutputLength = OutputLength,
                Concurrencies = Concurrency, WeightPrecisions = WeightPrecision, KvCachePrecisions = KvCachePrecision, Framework = Framework,
                ServiceLevel = new ServiceLevel
                {
                    MaxTtftMs = MaxTtftMs, MaxTpotMs = MaxTpotMs, MinTokensPerSecondPerUser = MinTokensPerSecondPerUser,
                    Percentile = Percentile != null ? int.Parse(Percentile, System.Globalization.CultureInfo.InvariantCulture) : (int?)null,
                },
                RequestRates = RequestRate is double rate ? new[] { rate } : null, IncludeDisaggregated = IncludeDisaggregated,
                SpeculativeMethod = SpeculativeMethod, DraftModel = _draftModel,
                Objective = Objective, Top = Top, GpuHourPrices = _prices.ById, DefaultGpuHourPrice = _prices.Default,
                TotalRequestRate = TotalRequestRate, Frontier = Frontier, Exhaustive = Exhaustive,
            };
            PlanResult result;
            try { result = DeploymentPlanner.Plan(request); }
            catch (DeploymentConfigurationException e)
            {
                WriteError(ErrorCatalog.InvalidDeployment(e, model.ModelId));
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
    }
}
