using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using ModelConfig.Core.Estimation;
using ModelConfig.Core.Hardware;
using ModelConfig.Core.Models;

namespace ModelConfig.Core.Planning
{
    /// <summary>
    /// One Find-Deployment call by value: the model, hardware and draft model by id, every other parameter as given.
    /// Find-Deployment and the server's POST /v1/find both check it and turn it into a <see cref="PlanningRequest"/> here,
    /// so the two share one set of defaults and limits. Property names are the cmdlet's parameter names (the server's
    /// fields are their snake_case).
    /// </summary>
    public sealed class PlanningQuery
    {
        public const int MaxGpusLimit = 4096;
        public const int MaxLength = 100_000_000;
        public const int MaxConcurrency = 1_000_000;
        public const double MinRate = 0.001;
        public const double MaxRate = 1e9;
        public const double MinTarget = 0.001;
        public const double MaxTarget = 1e9;
        public const int MaxTop = 100_000;
        public const double MaxTotalRequestRate = 1e12;
        /// <summary>The percentiles the open-loop model reports.</summary>
        public static IReadOnlyList<int> Percentiles { get; } = new[] { 50, 90, 99 };

        public string? ModelId { get; set; }
        /// <summary>Hardware ids; null or empty: every chip of the library (<see cref="DefaultHardware"/>).</summary>
        public IList<string>? Hardware { get; set; }
        public int MaxGpus { get; set; } = 8;
        public int InputLength { get; set; } = DeploymentDefaults.InputLength;
        public int OutputLength { get; set; } = DeploymentDefaults.OutputLength;
        /// <summary>Closed-loop levels; null: <see cref="PlanningRequest.DefaultConcurrencies"/>.</summary>
        public IList<int>? Concurrency { get; set; }
        /// <summary>One open-loop request rate per replica (requests/s).</summary>
        public double? RequestRate { get; set; }
        public double? MaxTtftMs { get; set; }
        public double? MaxTpotMs { get; set; }
        public double? MinTokensPerSecondPerUser { get; set; }
        /// <summary>50, 90 or 99: the targets apply to that percentile (open-loop model).</summary>
        public int? Percentile { get; set; }
        public IList<string>? WeightPrecision { get; set; }
        public IList<string>? KvCachePrecision { get; set; }
        public bool IncludeDisaggregated { get; set; }
        public SpeculativeMethod SpeculativeMethod { get; set; }
        public string? DraftModelId { get; set; }
        public string? Framework { get; set; }
        public PlanningObjective Objective { get; set; } = PlanningObjective.ThroughputPerGpu;
        public int Top { get; set; } = 10;
        public bool Frontier { get; set; }
        /// <summary>USD per GPU-hour for every hardware without its own entry in <see cref="GpuHourPrices"/>.</summary>
        public double? GpuHourPrice { get; set; }
        /// <summary>USD per GPU-hour by hardware id.</summary>
        public IDictionary<string, double>? GpuHourPrices { get; set; }
        public double? TotalRequestRate { get; set; }
        public bool Exhaustive { get; set; }

        /// <summary>Every chip-kind entry: what a search covers when no hardware is named (nodes and racks repeat their chip).</summary>
        public static List<HardwareConfig> DefaultHardware(IEnumerable<HardwareConfig> library) =>
            library.Where(h => string.Equals(h.Kind, "chip", StringComparison.OrdinalIgnoreCase)).ToList();

        /// <summary>Throws <see cref="PlanningQueryException"/> naming the first parameter out of range.</summary>
        public void Validate()
        {
            Range(nameof(MaxGpus), MaxGpus, 1, MaxGpusLimit);
            Range(nameof(InputLength), InputLength, 1, MaxLength);
            Range(nameof(OutputLength), OutputLength, 1, MaxLength);
            if (Concurrency != null)
            {
                if (Concurrency.Count == 0) throw new PlanningQueryException(nameof(Concurrency), "Concurrency, when given, needs at least one level.");
                foreach (var c in Concurrency) Range(nameof(Concurrency), c, 1, MaxConcurrency);
            }
            Range(nameof(RequestRate), RequestRate, MinRate, MaxRate);
            Range(nameof(MaxTtftMs), MaxTtftMs, MinTarget, MaxTarget);
            Range(nameof(MaxTpotMs), MaxTpotMs, MinTarget, MaxTarget);
            Range(nameof(MinTokensPerSecondPerUser), MinTokensPerSecondPerUser, MinTarget, MaxTarget);
            if (Percentile is int p && !Percentiles.Contains(p))
                throw new PlanningQueryException(nameof(Percentile), $"Percentile must be one of {string.Join(", ", Percentiles)}, not {p}.");
            NotBlank(nameof(WeightPrecision), WeightPrecision);
            NotBlank(nameof(KvCachePrecision), KvCachePrecision);
            if (Hardware != null) NotBlank(nameof(Hardware), Hardware);
            Range(nameof(Top), Top, 1, MaxTop);
            Range(nameof(GpuHourPrice), GpuHourPrice, 0, double.MaxValue);
            if (GpuHourPrices != null)
                foreach (var kv in GpuHourPrices) Range(nameof(GpuHourPrices), kv.Value, 0, double.MaxValue, $" (the price of '{kv.Key}')");
            Range(nameof(TotalRequestRate), TotalRequestRate, MinRate, MaxTotalRequestRate);
            if (!Enum.IsDefined(typeof(SpeculativeMethod), SpeculativeMethod)) throw new PlanningQueryException(nameof(SpeculativeMethod), $"Unknown speculative method {SpeculativeMethod}.");
            if (!Enum.IsDefined(typeof(PlanningObjective), Objective)) throw new PlanningQueryException(nameof(Objective), $"Unknown objective {Objective}.");
        }

        /// <summary>The planner's request for the resolved model, hardware (empty: pass <see cref="DefaultHardware"/>) and draft model.</summary>
        public PlanningRequest ToRequest(ModelConfiguration model, IList<HardwareConfig> hardware, ModelConfiguration? draftModel)
        {
            Validate();
            return new PlanningRequest
            {
                Model = model, Hardware = hardware, MaxGpus = MaxGpus, InputLength = InputLength, OutputLength = OutputLength,
                Concurrencies = Concurrency, WeightPrecisions = WeightPrecision, KvCachePrecisions = KvCachePrecision, Framework = Framework,
                ServiceLevel = new ServiceLevel
                {
                    MaxTtftMs = MaxTtftMs, MaxTpotMs = MaxTpotMs, MinTokensPerSecondPerUser = MinTokensPerSecondPerUser, Percentile = Percentile,
                },
                RequestRates = RequestRate is double rate ? new[] { rate } : null, IncludeDisaggregated = IncludeDisaggregated,
                SpeculativeMethod = SpeculativeMethod, DraftModel = draftModel,
                Objective = Objective, Top = Top,
                GpuHourPrices = GpuHourPrices != null ? new Dictionary<string, double>(GpuHourPrices, StringComparer.OrdinalIgnoreCase) : new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase),
                DefaultGpuHourPrice = GpuHourPrice, TotalRequestRate = TotalRequestRate, Frontier = Frontier, Exhaustive = Exhaustive,
            };
        }

        private static void Range(string name, double? value, double min, double max, string what = "")
        {
            if (value is double v && !(v >= min && v <= max))
                throw new PlanningQueryException(name, $"{name}{what} must be between {min.ToString(CultureInfo.InvariantCulture)} and {max.ToString(CultureInfo.InvariantCulture)}, not {v.ToString(CultureInfo.InvariantCulture)}.");
        }

        private static void NotBlank(string name, IList<string>? values)
        {
            if (values == null) return;
            if (values.Count == 0 || values.Any(string.IsNullOrWhiteSpace)) throw new PlanningQueryException(name, $"{name}, when given, needs non-empty values.");
        }
    }

    /// <summary>A <see cref="PlanningQuery"/> parameter out of range; <see cref="Field"/> is the parameter's name.</summary>
    public sealed class PlanningQueryException : Exception
    {
        public PlanningQueryException(string field, string message) : base(message) { Field = field; }

        public string Field { get; }
    }
}
