using System;
using System.Collections.Generic;
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
        // unseen dimensions as bits, in the order they are named: model family, hardware generation, engine
        private const int FamilyBit = 1, GenerationBit = 2, EngineBit = 4;

        private static readonly string[] Scopes = BuildScopes();

        public static ErrorBand For(EstimatorCalibration cal, HardwareConfig hw, string? framework, LoadMode mode, AssumptionLog log, string? modelId = null)
        {
            // plain loops and no text until it is read: this runs once per estimate and sweeps make hundreds of thousands of them
            string regime = EstimatorCalibration.ModeKey(mode);
            string generation = EstimatorCalibration.FamilyOf(hw);
            string lineage = EstimatorCalibration.LineageOf(modelId);
            int unknown = 0;
            if (cal.CalibratedModelFamilies.Count > 0 && modelId != null && !Contains(cal.CalibratedModelFamilies, lineage)) unknown |= FamilyBit;
            if (cal.CalibratedFamilies.Count > 0 && !Contains(cal.CalibratedFamilies, generation)) unknown |= GenerationBit;
            bool engineKnown = framework != null && (cal.CalibratedEngines.Count == 0 || Contains(cal.CalibratedEngines, framework)) && cal.Frameworks.ContainsKey(DerivedKeys.EngineKey(framework, regime));
            if (!engineKnown) unknown |= EngineBit;
            int count = (unknown & FamilyBit) / FamilyBit + (unknown & GenerationBit) / GenerationBit + (unknown & EngineBit) / EngineBit;

            var baseBand = Scope(cal, regime, "calibrated");
            if (baseBand == null)
                return new ErrorBand { Regime = regime, Ttft = 0.5, Tpot = 0.5, Throughput = 0.5, Source = "no calibration band: ±50% assumed" };
            // the widest split band among the unseen dimensions; every further unseen dimension multiplies it
            var band = baseBand;
            if ((unknown & FamilyBit) != 0) band = Wider(band, Scope(cal, regime, "family"));
            if ((unknown & GenerationBit) != 0) band = Wider(band, Scope(cal, regime, "generation"));
            if ((unknown & EngineBit) != 0) band = Wider(band, Scope(cal, regime, "engine"));
            double f = count > 1 ? Math.Pow(cal.ExtrapolationFactor, count - 1) : 1.0;
            if (band == baseBand && count > 0) f *= cal.ExtrapolationFactor; // no split band for it: widen by the factor
            var source = new ErrorBandSource(band.Holdout, band.Points, cal.FittedAtUtc, f, unknown, lineage, generation, framework, regime);
            var result = new ErrorBand
            {
                Regime = regime,
                Scope = Scopes[unknown],
                Ttft = Math.Round(band.Ttft * f, 3), Tpot = Math.Round(band.Tpot * f, 3), Throughput = Math.Round(band.Throughput * f, 3),
            };
            result.DeferSource(source);
            if (count > 0 && !log.Discard)
                log.Note("error_band", f, "calibration", $"Error band from {source.ScopeName}{(f > 1 ? $", widened x{F(f)}" : "")}: {source.Why}.");
            return result;
        }

        private static ErrorBandEntry? Scope(EstimatorCalibration cal, string regime, string scope)
        {
            foreach (var b in cal.ErrorBands)
                if (string.Equals(b.Regime, regime, StringComparison.OrdinalIgnoreCase) && string.Equals(b.Holdout ?? "calibrated", scope, StringComparison.OrdinalIgnoreCase)) return b;
            return null;
        }

        private static ErrorBandEntry Wider(ErrorBandEntry band, ErrorBandEntry? b)
            => b != null && b.Ttft + b.Tpot + b.Throughput > band.Ttft + band.Tpot + band.Throughput ? b : band;

        private static string[] BuildScopes()
        {
            var scopes = new string[8];
            scopes[0] = "calibrated";
            for (int mask = 1; mask < 8; mask++)
            {
                var splits = new List<string>(3);
                if ((mask & FamilyBit) != 0) splits.Add("family");
                if ((mask & GenerationBit) != 0) splits.Add("generation");
                if ((mask & EngineBit) != 0) splits.Add("engine");
                scopes[mask] = "outside calibration: " + string.Join(", ", splits);
            }
            return scopes;
        }

        private static bool Contains(List<string> list, string value)
        {
            foreach (var x in list) if (string.Equals(x, value, StringComparison.OrdinalIgnoreCase)) return true;
            return false;
        }

        /// <summary>The parts of <see cref="ErrorBand.Source"/>, formatted on first read (in the culture current then).</summary>
        internal sealed class ErrorBandSource
        {
            private readonly string? _holdout, _fittedAt, _lineage, _generation, _framework, _regime;
            private readonly int _points, _unknown;
            private readonly double _factor;

            public ErrorBandSource(string? holdout, int points, string? fittedAt, double factor, int unknown, string lineage, string generation, string? framework, string regime)
            {
                _holdout = holdout;
                _points = points;
                _fittedAt = fittedAt;
                _factor = factor;
                _unknown = unknown;
                _lineage = lineage;
                _generation = generation;
                _framework = framework;
                _regime = regime;
            }

            public string ScopeName => _holdout == null || _holdout == "calibrated"
                ? "out-of-sample residuals pooled over the family, generation and engine hold-out splits"
                : $"residuals while each {_holdout} was left out of the fit";

            /// <summary>Why the estimate is outside the calibration: one clause per unseen dimension.</summary>
            public string Why
            {
                get
                {
                    var whys = new List<string>(3);
                    if ((_unknown & FamilyBit) != 0) whys.Add($"model family {_lineage} is not in the calibration set");
                    if ((_unknown & GenerationBit) != 0) whys.Add($"hardware generation {_generation} is not in the calibration set");
                    if ((_unknown & EngineBit) != 0) whys.Add($"engine '{_framework ?? "unspecified"}' in {_regime} mode is not in the calibration set");
                    return whys.Count == 1 ? whys[0] : string.Join("; ", whys);
                }
            }

            public string Format()
            {
                string source = $"median |error| of {_points} {ScopeName} ({_fittedAt ?? "unfitted"})";
                if (_unknown != 0) source += (_factor > 1 ? $"; widened x{F(_factor)}" : "") + ": " + Why;
                return source;
            }
        }
    }
}
