using System;
using System.Collections.Generic;
using System.Linq;
using ModelConfig.Core.Hardware;
using static ModelConfig.Core.Estimation.AssumptionLog;

namespace ModelConfig.Core.Estimation
{
    /// <summary>
    /// The ± error an estimate carries, read from the calibration's error bands (data/calibration/estimator.json, the one
    /// source). Bands are medians of out-of-sample residuals: predictions for configurations whose model family, hardware
    /// generation or engine was left out of the fit. Inside the calibrated set the pooled band applies; a model family,
    /// generation or engine the fit never saw takes the band of the split that left such a unit out, and each further
    /// unseen dimension widens it by the extrapolation factor.
    /// </summary>
    internal static class ErrorBands
    {
        public static ErrorBand For(EstimatorCalibration cal, HardwareConfig hw, string? framework, LoadMode mode, AssumptionLog log, string? modelId = null)
        {
            string regime = EstimatorCalibration.ModeKey(mode);
            // plain loops: this runs once per estimate and sweeps make hundreds of thousands of them
            ErrorBandEntry? Scope(string scope)
            {
                foreach (var b in cal.ErrorBands)
                    if (string.Equals(b.Regime, regime, StringComparison.OrdinalIgnoreCase) && string.Equals(b.Holdout ?? "calibrated", scope, StringComparison.OrdinalIgnoreCase)) return b;
                return null;
            }
            var unknown = new List<(string split, string why)>(3);
            string generation = EstimatorCalibration.FamilyOf(hw);
            string lineage = EstimatorCalibration.LineageOf(modelId);
            if (cal.CalibratedModelFamilies.Count > 0 && modelId != null && !Contains(cal.CalibratedModelFamilies, lineage))
                unknown.Add(("family", $"model family {lineage} is not in the calibration set"));
            if (cal.CalibratedFamilies.Count > 0 && !Contains(cal.CalibratedFamilies, generation))
                unknown.Add(("generation", $"hardware generation {generation} is not in the calibration set"));
            bool engineKnown = framework != null && (cal.CalibratedEngines.Count == 0 || Contains(cal.CalibratedEngines, framework)) && cal.Frameworks.ContainsKey(framework + "/" + regime);
            if (!engineKnown) unknown.Add(("engine", $"engine '{framework ?? "unspecified"}' in {regime} mode is not in the calibration set"));

            var baseBand = Scope("calibrated");
            if (baseBand == null)
                return new ErrorBand { Regime = regime, Ttft = 0.5, Tpot = 0.5, Throughput = 0.5, Source = "no calibration band: ±50% assumed" };
            // the widest split band among the unseen dimensions; every further unseen dimension multiplies it
            var band = baseBand;
            foreach (var u in unknown)
            {
                var b = Scope(u.split);
                if (b != null && b.Ttft + b.Tpot + b.Throughput > band.Ttft + band.Tpot + band.Throughput) band = b;
            }
            double f = unknown.Count > 1 ? Math.Pow(cal.ExtrapolationFactor, unknown.Count - 1) : 1.0;
            if (band == baseBand && unknown.Count > 0) f *= cal.ExtrapolationFactor; // no split band for it: widen by the factor
            string scopeName = band.Holdout == null || band.Holdout == "calibrated"
                ? "out-of-sample residuals pooled over the family, generation and engine hold-out splits"
                : $"residuals while each {band.Holdout} was left out of the fit";
            var result = new ErrorBand
            {
                Regime = regime,
                Scope = unknown.Count == 0 ? "calibrated" : "outside calibration: " + string.Join(", ", unknown.Select(u => u.split)),
                Ttft = Math.Round(band.Ttft * f, 3), Tpot = Math.Round(band.Tpot * f, 3), Throughput = Math.Round(band.Throughput * f, 3),
                Source = $"median |error| of {band.Points} {scopeName} ({cal.FittedAtUtc ?? "unfitted"})",
            };
            if (unknown.Count > 0)
            {
                string why = unknown.Count == 1 ? unknown[0].why : string.Join("; ", unknown.Select(u => u.why));
                result.Source += (f > 1 ? $"; widened x{F(f)}" : "") + ": " + why;
                log.Note("error_band", f, "calibration", $"Error band from {scopeName}{(f > 1 ? $", widened x{F(f)}" : "")}: {why}.");
            }
            return result;
        }

        private static bool Contains(List<string> list, string value)
        {
            foreach (var x in list) if (string.Equals(x, value, StringComparison.OrdinalIgnoreCase)) return true;
            return false;
        }
    }
}
