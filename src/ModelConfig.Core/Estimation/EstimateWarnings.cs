using ModelConfig.Core.Models;
using System;
using System.Collections.Generic;
using ModelConfig.Core.Hardware;

namespace ModelConfig.Core.Estimation
{
    /// <summary>
    /// What makes an estimate that reads "Fits: True" misleading: requests queueing behind a full KV cache, a context past
    /// the model's maximum, an engine or hardware family the calibration has never seen, a saturated open loop, a hardware
    /// file without a peak. Fits stays a memory verdict; these travel with it so no wrong-looking answer comes without a reason.
    /// </summary>
    public static class EstimateWarnings
    {
        /// <summary>Fills <see cref="DeploymentEstimate.Warnings"/> from the request and the finished estimate.</summary>
        public static void Add(DeploymentRequest r, DeploymentEstimate e)
        {
            // most estimates warn of nothing: no list, no text, the shared empty array
            List<string>? w = null;
            if (e.LoadMode == LoadMode.Concurrency && e.Concurrency > e.MaxBatchSize && e.MaxBatchSize >= 1)
                (w ??= new List<string>()).Add($"KV cache holds {e.MaxBatchSize} of the {e.Concurrency} concurrent requests; the rest queue, so TTFT ({e.TtftMs / 1000:0.#} s) is mostly waiting.");
            long context = (long)e.InputLength + e.OutputLength;
            if (r.Model.MaxPositionEmbeddings is long max && max > 0 && context > max)
                (w ??= new List<string>()).Add($"Context {context} tokens (input {e.InputLength} + output {e.OutputLength}) exceeds the model's maximum of {max} (max_position_embeddings).");
            if (r.Framework != null && !IsKnownEngine(r.Framework))
                (w ??= new List<string>()).Add($"Unknown framework '{Serialization.TextPreview.Of(r.Framework)}': the generic step overhead is used; known engines are {string.Join(", ", DeploymentDefaults.Engines)}.");
            var cal = r.Calibration ?? EstimatorCalibration.Default;
            string family = EstimatorCalibration.FamilyOf(r.Hardware);
            if (cal.CalibratedFamilies.Count > 0 && !ContainsIgnoreCase(cal.CalibratedFamilies, family))
                (w ??= new List<string>()).Add($"Extrapolated: hardware family {family} is not in the calibration set; the error band is widened ({e.ErrorBand}).");
            else if (r.Framework != null && IsKnownEngine(r.Framework) && !cal.Frameworks.ContainsKey(DerivedKeys.EngineKey(r.Framework, EstimatorCalibration.ModeKey(e.LoadMode))))
                (w ??= new List<string>()).Add($"Extrapolated: engine '{r.Framework}' in {EstimatorCalibration.ModeKey(e.LoadMode)} mode is not in the calibration set; the error band is widened ({e.ErrorBand}).");
            if (e.Saturated) (w ??= new List<string>()).Add(e.FitReason ?? "Saturated: the offered request rate exceeds what the deployment serves.");
            if (!HasPeak(r.Hardware))
                (w ??= new List<string>()).Add($"Hardware '{r.Hardware.HardwareId}' lists no dense peak: compute time rests on an assumed peak (see Assumptions).");
            if (w != null) e.Warnings = new SummaryList<string>(w);
        }

        public static bool IsKnownEngine(string framework) => ContainsIgnoreCase(DeploymentDefaults.Engines, framework);

        private static bool ContainsIgnoreCase(IReadOnlyList<string> list, string value)
        {
            for (int i = 0; i < list.Count; i++)
                if (string.Equals(list[i], value, StringComparison.OrdinalIgnoreCase)) return true;
            return false;
        }

        private static bool HasPeak(HardwareConfig hw)
        {
            // the dictionary's own enumerator, as HardwareCheck uses: its Values view over doubles is compiled at run time
            foreach (var kv in hw.DenseTflops)
                if (kv.Value > 0) return true;
            return false;
        }
    }
}
