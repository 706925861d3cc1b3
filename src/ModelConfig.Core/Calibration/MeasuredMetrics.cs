using System;
using System.Collections.Generic;
using ModelConfig.Core.Estimation;

namespace ModelConfig.Core.Calibration
{
    /// <summary>
    /// A metric a benchmark reports and the estimate predicts: its name (the measurement property), its class
    /// (ttft, tpot, e2e, throughput: how errors are summarised and weighted in a fit), and how to read it from
    /// a measurement and from an estimate. The one table both comparison and fitting use.
    /// </summary>
    public sealed class MeasuredMetric
    {
        private readonly Func<ServingMeasurement, double?> _measured;
        private readonly Func<DeploymentEstimate, double?> _estimated;

        private MeasuredMetric(string name, string metricClass, Func<ServingMeasurement, double?> measured, Func<DeploymentEstimate, double?> estimated)
        {
            Name = name; MetricClass = metricClass; _measured = measured; _estimated = estimated;
        }

        public string Name { get; }
        public string MetricClass { get; }
        public double? Measured(ServingMeasurement m) => _measured(m);
        /// <summary>The estimate's figure; NaN when the estimate has none (percentiles exist for open-loop estimates only).</summary>
        public double Estimated(DeploymentEstimate e) => _estimated(e) ?? double.NaN;
        public override string ToString() => Name;

        internal static MeasuredMetric Create(string name, string cls, Func<ServingMeasurement, double?> measured, Func<DeploymentEstimate, double?> estimated)
            => new MeasuredMetric(name, cls, measured, estimated);
    }

    public static class MeasuredMetrics
    {
        public const string Ttft = "ttft", Tpot = "tpot", EndToEnd = "e2e", Throughput = "throughput";

        /// <summary>The metric classes in report order.</summary>
        public static IReadOnlyList<string> Classes { get; } = new[] { Ttft, Tpot, EndToEnd, Throughput };

        // The estimate has one TTFT and one TPOT (means); medians and ITL are compared with them, as the accuracy tool does.
        public static IReadOnlyList<MeasuredMetric> All { get; } = new[]
        {
            MeasuredMetric.Create(nameof(ServingMeasurement.TtftMs), Ttft, m => m.TtftMs, e => e.TtftMs),
            MeasuredMetric.Create(nameof(ServingMeasurement.TtftMedianMs), Ttft, m => m.TtftMedianMs, e => e.TtftMs),
            MeasuredMetric.Create(nameof(ServingMeasurement.TpotMs), Tpot, m => m.TpotMs, e => e.TpotMs),
            MeasuredMetric.Create(nameof(ServingMeasurement.TpotMedianMs), Tpot, m => m.TpotMedianMs, e => e.TpotMs),
            MeasuredMetric.Create(nameof(ServingMeasurement.ItlMs), Tpot, m => m.ItlMs, e => e.TpotMs),
            MeasuredMetric.Create(nameof(ServingMeasurement.EndToEndLatencyMs), EndToEnd, m => m.EndToEndLatencyMs, e => e.EndToEndLatencyMs),
            // the tail: only an open-loop estimate has percentiles, so a closed-loop run's p99 is not compared
            MeasuredMetric.Create(nameof(ServingMeasurement.TtftP90Ms), Ttft, m => m.TtftP90Ms, e => e.TtftP90Ms),
            MeasuredMetric.Create(nameof(ServingMeasurement.TtftP99Ms), Ttft, m => m.TtftP99Ms, e => e.TtftP99Ms),
            MeasuredMetric.Create(nameof(ServingMeasurement.TpotP90Ms), Tpot, m => m.TpotP90Ms, e => e.TpotP90Ms),
            MeasuredMetric.Create(nameof(ServingMeasurement.TpotP99Ms), Tpot, m => m.TpotP99Ms, e => e.TpotP99Ms),
            MeasuredMetric.Create(nameof(ServingMeasurement.EndToEndLatencyP90Ms), EndToEnd, m => m.EndToEndLatencyP90Ms, e => e.EndToEndLatencyP90Ms),
            MeasuredMetric.Create(nameof(ServingMeasurement.EndToEndLatencyP99Ms), EndToEnd, m => m.EndToEndLatencyP99Ms, e => e.EndToEndLatencyP99Ms),
            MeasuredMetric.Create(nameof(ServingMeasurement.OutputTokensPerSecond), Throughput, m => m.OutputTokensPerSecond, e => e.OutputTokensPerSecond),
            MeasuredMetric.Create(nameof(ServingMeasurement.TotalTokensPerSecond), Throughput, m => m.TotalTokensPerSecond, e => e.TotalTokensPerSecond),
            MeasuredMetric.Create(nameof(ServingMeasurement.RequestsPerSecond), Throughput, m => m.RequestsPerSecond, e => e.RequestsPerSecond),
        };
    }
}
