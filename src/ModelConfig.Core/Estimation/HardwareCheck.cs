using System;
using ModelConfig.Core.Hardware;

namespace ModelConfig.Core.Estimation
{
    /// <summary>
    /// The figures of a hardware object the estimator divides by or multiplies with. A hardware object built in a script
    /// (or read by an older loader) can carry NaN, zero or no peak at all; estimating with it gives NaN or infinite times
    /// that still read "Fits: True", so it is refused first, naming the field.
    /// </summary>
    public static class HardwareCheck
    {
        /// <summary>The first figure of <paramref name="hw"/> that cannot be estimated with, or null.</summary>
        public static ConfigurationViolation? Check(HardwareConfig hw)
        {
            if (hw == null) return Violation("(null)", "is required");
            string id = hw.HardwareId;
            if (hw.Chips < 1) return Violation(id, $"chips {hw.Chips} must be at least 1");
            if (!Positive(hw.MemoryGB)) return Violation(id, $"memory_gb {hw.MemoryGB} must be a finite number above 0");
            if (!Positive(hw.MemoryBandwidthGBs)) return Violation(id, $"memory_bandwidth_gbs {hw.MemoryBandwidthGBs} must be a finite number above 0");
            // An empty table is a vendor that publishes no peak (Apple M3/M4): the estimate then warns (see NoPeakWarning).
            if (hw.DenseTflops == null) return Violation(id, "has no dense_tflops table");
            foreach (var kv in hw.DenseTflops)
                if (!Positive(kv.Value)) return Violation(id, $"dense_tflops.{kv.Key} {kv.Value} must be a finite number above 0");
            if (!NonNegative(hw.ScaleUpBandwidthGBs)) return Violation(id, $"scaleup_bandwidth_gbs_per_chip {hw.ScaleUpBandwidthGBs} must be a finite number, 0 or more");
            if (hw.ScaleUpDomainSize < 1) return Violation(id, $"scaleup_domain_size {hw.ScaleUpDomainSize} must be at least 1");
            if (hw.ScaleOutBandwidthGBs.HasValue && !NonNegative(hw.ScaleOutBandwidthGBs.Value))
                return Violation(id, $"scaleout_bandwidth_gbs_per_chip {hw.ScaleOutBandwidthGBs} must be a finite number, 0 or more");
            var eff = hw.Efficiency;
            if (eff != null)
            {
                if (eff.ComputeEfficiency.HasValue && !Fraction(eff.ComputeEfficiency.Value)) return Violation(id, $"efficiency.compute_efficiency {eff.ComputeEfficiency} must be in (0, 1]");
                if (eff.MemoryEfficiency.HasValue && !Fraction(eff.MemoryEfficiency.Value)) return Violation(id, $"efficiency.memory_efficiency {eff.MemoryEfficiency} must be in (0, 1]");
                if (eff.ScaleUpEfficiency.HasValue && !Fraction(eff.ScaleUpEfficiency.Value)) return Violation(id, $"efficiency.scaleup_efficiency {eff.ScaleUpEfficiency} must be in (0, 1]");
                if (eff.StepOverheadMs.HasValue && !NonNegative(eff.StepOverheadMs.Value)) return Violation(id, $"efficiency.step_overhead_ms {eff.StepOverheadMs} must be a finite number, 0 or more");
            }
            return null;
        }

        private static bool Positive(double v) => !double.IsNaN(v) && !double.IsInfinity(v) && v > 0;
        private static bool NonNegative(double v) => !double.IsNaN(v) && !double.IsInfinity(v) && v >= 0;
        private static bool Fraction(double v) => Positive(v) && v <= 1;

        private static ConfigurationViolation Violation(string id, string what) =>
            new ConfigurationViolation(DeploymentConstraint.Hardware, $"Hardware '{id}': {what}.");
    }
}
