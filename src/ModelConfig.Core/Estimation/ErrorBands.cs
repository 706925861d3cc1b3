using System;
using System.Linq;
using ModelConfig.Core.Hardware;
using static ModelConfig.Core.Estimation.AssumptionLog;

namespace ModelConfig.Core.Estimation
{
    /// <summary>The ± error an estimate carries, read from the calibration's error bands (data/calibration/estimator.json, the one source).</summary>
    internal static class ErrorBands
    {
        public static ErrorBand For(EstimatorCalibration cal, HardwareConfig hw, string? framework, LoadMode mode, AssumptionLog log)
        {
            string regime = EstimatorCalibration.ModeKey(mode);
            var band = cal.ErrorBands.FirstOrDefault(b => string.Equals(b.Regime, regime, StringComparison.OrdinalIgnoreCase));
            var result = band == null
                ? new ErrorBand { Regime = regime, Ttft = 0.5, Tpot = 0.5, Throughput = 0.5, Source = "no calibration band: ±50% assumed" }
                : new ErrorBand { Regime = band.Regime, Ttft = band.Ttft, Tpot = band.Tpot, Throughput = band.Throughput, Source = $"median |error| of {band.Points} calibration points ({cal.FittedAtUtc ?? "unfitted"})" };
            // outside the calibrated hardware families or engines the band widens by the hold-out / in-sample error ratio
            string family = EstimatorCalibration.FamilyOf(hw);
            bool famKnown = cal.CalibratedFamilies.Count == 0 || cal.CalibratedFamilies.Contains(family, StringComparer.OrdinalIgnoreCase);
            bool fwKnown = framework != null && cal.Frameworks.ContainsKey(framework + "/" + regime);
            if (band != null && (!famKnown || !fwKnown))
            {
                double f = cal.ExtrapolationFactor;
                result.Ttft = Math.Round(result.Ttft * f, 3); result.Tpot = Math.Round(result.Tpot * f, 3); result.Throughput = Math.Round(result.Throughput * f, 3);
                string why = !famKnown ? $"hardware family {family} is not in the calibration set" : $"engine '{framework ?? "unspecified"}' in {regime} mode is not in the calibration set";
                result.Source += $"; widened x{F(f)}: {why} (hold-out / in-sample error ratio)";
                log.Note("error_band", f, "calibration", $"Error band widened x{F(f)}: {why}.");
            }
            return result;
        }
    }
}
