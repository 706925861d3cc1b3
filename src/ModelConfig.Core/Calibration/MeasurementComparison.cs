using System;
using System.Collections.Generic;
using ModelConfig.Core.Models;
using System.Linq;
using ModelConfig.Core.Estimation;

namespace ModelConfig.Core.Calibration
{
    /// <summary>One metric of a measurement against the estimate: signed % error = estimated / measured − 1.</summary>
    public sealed class MetricError
    {
        public string Metric { get; set; } = "";
        public string MetricClass { get; set; } = "";
        public double Measured { get; set; }
        public double Estimated { get; set; }
        public double ErrorPercent => (Estimated / Measured - 1) * 100;
        public double AbsolutePercentError => Math.Abs(ErrorPercent);

        public override string ToString() => $"{Metric}: measured {Measured:0.###}, estimated {Estimated:0.###} ({ErrorPercent:+0.0;-0.0}%)";
    }

    /// <summary>A measurement with the estimate of the same configuration beside it, and the error per metric.</summary>
    public sealed class MeasurementComparison
    {
        public ServingMeasurement Measurement { get; set; } = null!;
        public DeploymentEstimate Estimate { get; set; } = null!;
        /// <summary>The calibration profile used, or null for the bundled calibration.</summary>
        public string? Calibration { get; set; }
        public SummaryList<MetricError> Errors { get; set; } = new SummaryList<MetricError>();

        public string? ModelId => Measurement.ModelId;
        public string? HardwareId => Measurement.HardwareId;
        public string? Framework => Measurement.Framework;
        public int? Concurrency => Measurement.Concurrency ?? Measurement.BatchSize;
        /// <summary>The signed error of the first metric of each class the measurement holds (mean before median), %.</summary>
        public double? TtftErrorPercent => First(MeasuredMetrics.Ttft);
        public double? TpotErrorPercent => First(MeasuredMetrics.Tpot);
        public double? EndToEndErrorPercent => First(MeasuredMetrics.EndToEnd);
        public double? ThroughputErrorPercent => First(MeasuredMetrics.Throughput);

        private double? First(string cls) => Errors.FirstOrDefault(e => e.MetricClass == cls)?.ErrorPercent;

        public override string ToString() => $"{Measurement}: " + string.Join(", ", Errors.Select(e => $"{e.Metric} {e.ErrorPercent:+0.0;-0.0}%"));
    }

    /// <summary>One metric class over many comparisons: median absolute % error; the 'all' row is the mean of the class medians.</summary>
    public sealed class ComparisonSummary
    {
        public const string AllClasses = "all";
        public string MetricClass { get; set; } = "";
        public int Count { get; set; }
        public double MedianAbsolutePercentError { get; set; }
        public string? Calibration { get; set; }

        public override string ToString() => $"{MetricClass}: {MedianAbsolutePercentError:0.0}% ({Count})";
    }

    public static class EstimateComparisons
    {
        public static MeasurementComparison Compare(ServingMeasurement m, DeploymentEstimate e, string? calibration = null) => new MeasurementComparison
        {
            Measurement = m,
            Estimate = e,
            Calibration = calibration,
            Errors = new SummaryList<MetricError>(m.Metrics()
                .Select(v => new MetricError { Metric = v.Metric.Name, MetricClass = v.Metric.MetricClass, Measured = v.Value, Estimated = v.Metric.Estimated(e) })
                .Where(x => !double.IsNaN(x.Estimated))),
        };

        /// <summary>One row per metric class present, in <see cref="MeasuredMetrics.Classes"/> order, then the 'all' row.</summary>
        public static List<ComparisonSummary> Summarize(IEnumerable<MetricError> errors, string? calibration = null)
        {
            var list = errors.ToList();
            var rows = MeasuredMetrics.Classes
                .Select(c => list.Where(e => e.MetricClass == c).Select(e => e.AbsolutePercentError).ToList())
                .Zip(MeasuredMetrics.Classes, (apes, c) => (apes, c))
                .Where(x => x.apes.Count > 0)
                .Select(x => new ComparisonSummary { MetricClass = x.c, Count = x.apes.Count, MedianAbsolutePercentError = Statistics.Median(x.apes), Calibration = calibration })
                .ToList();
            if (rows.Count > 0)
                rows.Add(new ComparisonSummary { MetricClass = ComparisonSummary.AllClasses, Count = list.Count, MedianAbsolutePercentError = rows.Average(r => r.MedianAbsolutePercentError), Calibration = calibration });
            return rows;
        }
    }

    internal static class Statistics
    {
        public static double Median(IEnumerable<double> values)
        {
            var a = values.OrderBy(v => v).ToArray();
            if (a.Length == 0) return double.NaN;
            return a.Length % 2 == 1 ? a[a.Length / 2] : (a[a.Length / 2 - 1] + a[a.Length / 2]) / 2;
        }
    }
}
