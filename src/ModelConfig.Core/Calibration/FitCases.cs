using System;
using System.Collections.Generic;
using System.Linq;
using ModelConfig.Core.Estimation;

namespace ModelConfig.Core.Calibration
{
    /// <summary>
    /// The measurements of a fit as estimator requests, with the weight of each measured metric: every metric class
    /// (ttft, tpot, e2e, throughput) weighs the same in total, so a format that reports five throughputs does not outvote TTFT.
    /// </summary>
    internal sealed class FitCases
    {
        public sealed class Case
        {
            public ServingMeasurement Measurement = null!;
            public DeploymentRequest Request = null!;
            public List<MetricValue> Metrics = new List<MetricValue>();
            public List<double> Weights = new List<double>();
        }

        public List<Case> Cases { get; } = new List<Case>();
        /// <summary>Measurements left out, and why (not estimable, or the estimator refuses the configuration).</summary>
        public List<string> Skipped { get; } = new List<string>();

        public FitCases(IEnumerable<ServingMeasurement> measurements, MeasurementCatalog catalog, EstimatorCalibration calibration)
        {
            foreach (var m in measurements)
            {
                try
                {
                    var request = MeasurementEstimates.Request(m, catalog);
                    request.Calibration = calibration;
                    request.CalibrationOverlay = null;
                    var estimate = DeploymentEstimator.Estimate(request);
                    // what the estimate has no figure for (a closed-loop run's percentiles) is not fitted
                    Cases.Add(new Case { Measurement = m, Request = request, Metrics = m.Metrics().Where(v => !double.IsNaN(v.Metric.Estimated(estimate))).ToList() });
                }
                catch (Exception e) when (e is InvalidOperationException || e is DeploymentConfigurationException || e is ArgumentException)
                {
                    Skipped.Add($"{m}: {e.Message}");
                }
            }
            var perClass = Cases.SelectMany(c => c.Metrics).GroupBy(v => v.Metric.MetricClass).ToDictionary(g => g.Key, g => g.Count());
            foreach (var c in Cases)
                foreach (var v in c.Metrics) c.Weights.Add(1.0 / (perClass.Count * perClass[v.Metric.MetricClass]));
        }

        public int PointCount => Cases.Sum(c => c.Metrics.Count);

        /// <summary>log(estimated / measured) of every metric of the given cases, in order; a refused configuration counts as a factor-of-2 miss.</summary>
        public static double[] LogErrors(IEnumerable<Case> cases, EstimatorCalibration cal)
        {
            var list = new List<double>();
            foreach (var c in cases)
            {
                DeploymentEstimate? e = Estimate(c, cal);
                foreach (var v in c.Metrics)
                {
                    double est = e == null ? double.NaN : v.Metric.Estimated(e);
                    list.Add(est > 0 && !double.IsInfinity(est) ? Math.Log(est / v.Value) : Math.Log(2));
                }
            }
            return list.ToArray();
        }

        public static DeploymentEstimate? Estimate(Case c, EstimatorCalibration cal)
        {
            c.Request.Calibration = cal;
            try { return DeploymentEstimator.Estimate(c.Request); }
            catch (DeploymentConfigurationException) { return null; }
        }

        public static List<MetricError> Errors(IEnumerable<Case> cases, EstimatorCalibration cal)
        {
            var errors = new List<MetricError>();
            foreach (var c in cases)
            {
                var e = Estimate(c, cal);
                if (e == null) continue;
                errors.AddRange(EstimateComparisons.Compare(c.Measurement, e).Errors);
            }
            return errors;
        }
    }
}
