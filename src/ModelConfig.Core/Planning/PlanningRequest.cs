using System.Collections.Generic;
using ModelConfig.Core.Estimation;
using ModelConfig.Core.Hardware;
using ModelConfig.Core.Models;

namespace ModelConfig.Core.Planning
{
    /// <summary>What Find-Deployment ranks by.</summary>
    public enum PlanningObjective
    {
        /// <summary>Most output tokens per second per GPU (higher is better).</summary>
        ThroughputPerGpu,
        /// <summary>Fewest USD per million output tokens, the whole GPU-hour bill (prompts included) divided by output tokens.</summary>
        CostPerMillionTokens,
        /// <summary>Fewest joules per output token.</summary>
        EnergyPerToken,
        /// <summary>Shortest end-to-end request latency.</summary>
        Latency,
    }

    /// <summary>
    /// The search Find-Deployment runs for one model: which hardware, how many GPUs per replica, which precisions and loads
    /// are candidates, the service-level targets every answer must meet, and how answers are ranked.
    /// </summary>
    public sealed class PlanningRequest
    {
        public ModelConfiguration Model { get; set; } = null!;
        public IList<HardwareConfig> Hardware { get; set; } = new List<HardwareConfig>();
        /// <summary>GPUs one replica may use (TP x PP).</summary>
        public int MaxGpus { get; set; } = 8;
        public int InputLength { get; set; } = DeploymentDefaults.InputLength;
        public int OutputLength { get; set; } = DeploymentDefaults.OutputLength;
        /// <summary>Closed-loop concurrency levels to try; null: <see cref="DefaultConcurrencies"/>.</summary>
        public IList<int>? Concurrencies { get; set; }
        /// <summary>
        /// Open-loop request rates per replica to try (requests/s). Given, or a percentile in <see cref="ServiceLevel"/>, the
        /// search runs the open-loop model instead of closed-loop levels; null with a percentile: <see cref="DefaultRequestRates"/>.
        /// </summary>
        public IList<double>? RequestRates { get; set; }
        /// <summary>Also search prefill/decode pool pairs whose GPUs add up to at most <see cref="MaxGpus"/>.</summary>
        public bool IncludeDisaggregated { get; set; }
        /// <summary>Speculative decoding every candidate assumes (acceptance: the method's default, as Measure-Deployment).</summary>
        public SpeculativeMethod SpeculativeMethod { get; set; }
        /// <summary>The draft model of <see cref="SpeculativeMethod.DraftModel"/>.</summary>
        public ModelConfiguration? DraftModel { get; set; }
        /// <summary>Weight precisions to try; null: those each chip computes natively (<see cref="PrecisionChoices"/>).</summary>
        public IList<string>? WeightPrecisions { get; set; }
        /// <summary>KV-cache precisions to try; null: fp8 beside fp8/fp4 weights on chips with an fp8 peak, else bf16.</summary>
        public IList<string>? KvCachePrecisions { get; set; }
        public string? Framework { get; set; }
        /// <summary>Hook for calibration profiles: every estimate of the search uses this set (null: the fitted default).</summary>
        public EstimatorCalibration? Calibration { get; set; }

        public ServiceLevel ServiceLevel { get; set; } = new ServiceLevel();
        public PlanningObjective Objective { get; set; } = PlanningObjective.ThroughputPerGpu;
        /// <summary>Ranked configurations returned (one per hardware, layout and precision: its best load level).</summary>
        public int Top { get; set; } = 10;
        /// <summary>USD per GPU-hour by hardware id; a hardware file's price_usd_per_gpu_hour fills the gaps.</summary>
        public IDictionary<string, double> GpuHourPrices { get; set; } = new Dictionary<string, double>();
        /// <summary>USD per GPU-hour for hardware without an entry in <see cref="GpuHourPrices"/> or its file.</summary>
        public double? DefaultGpuHourPrice { get; set; }
        /// <summary>Requests per second the whole service must carry: each result then says how many replicas and GPUs it takes.</summary>
        public double? TotalRequestRate { get; set; }
        /// <summary>Also return the Pareto frontier (output tokens/s per GPU against tokens/s per user) of each hardware.</summary>
        public bool Frontier { get; set; }
        /// <summary>Evaluate every candidate, pruning nothing: slower, for checking that pruning never drops a winner.</summary>
        public bool Exhaustive { get; set; }

        /// <summary>Concurrency levels searched when none are given: powers of two from 1 to 2048 (12 levels).</summary>
        public static IReadOnlyList<int> DefaultConcurrencies { get; } = new[] { 1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048 };

        /// <summary>Request rates per replica searched under a percentile when none are given: powers of two from 0.25 to 512 requests/s (12 levels).</summary>
        public static IReadOnlyList<double> DefaultRequestRates { get; } = new[] { 0.25, 0.5, 1, 2, 4, 8, 16, 32, 64, 128, 256, 512 };

        /// <summary>True when the search runs the open-loop model (rates given, or targets at a percentile).</summary>
        public bool OpenLoop => RequestRates != null || ServiceLevel.Percentile != null;
    }
}
