using System;

namespace ModelConfig.Core.Estimation
{
    /// <summary>The TP degree chosen for a request that gives none, and why.</summary>
    internal sealed class TensorParallelChoice
    {
        public TensorParallelChoice(int tensorParallel, bool fits, string reason)
        {
            TensorParallel = tensorParallel;
            Fits = fits;
            Reason = reason;
        }

        public int TensorParallel { get; }
        /// <summary>False when no valid degree fits and the largest valid one is reported instead.</summary>
        public bool Fits { get; }
        public string Reason { get; }
    }

    /// <summary>
    /// The fewest GPUs that hold the request: powers of 2 (they divide head and expert counts) that the layout rules accept,
    /// smallest first, until the memory budget fits. A pure function of the request and its resolved load and precisions.
    /// </summary>
    internal static class TensorParallelSearch
    {
        public static TensorParallelChoice Choose(DeploymentRequest r, RequestLoad load, StoragePrecisions precisions, EstimatorCalibration cal)
        {
            var m = r.Model;
            var hw = r.Hardware;
            int pp = r.PipelineParallel, ep = r.ExpertParallel;
            bool dp = r.DataParallelAttention;
            int limit = Math.Min(ParallelLayout.MaxGpus(hw) / pp, ParallelLayout.MaxTensorParallel(hw));
            int firstValid = -1, largestValid = -1;
            for (int tp = 1; tp <= limit; tp *= 2)
            {
                if (ParallelLayout.Check(m, hw, tp, pp, ep, dp) != null) continue;
                if (firstValid < 0) firstValid = tp;
                largestValid = tp;
                var layout = ParallelLayout.Create(hw, tp, pp, ep, dp);
                if (new MemoryModel(m, hw, layout, precisions, load, cal, r.ReservedMemoryGB).Budget().Fits)
                    return new TensorParallelChoice(tp, true, $"TP {tp} chosen: fewest GPUs (power of 2 dividing the heads) that fit.");
            }
            if (firstValid < 0)
                throw new DeploymentConfigurationException(DeploymentConstraint.TensorParallel, $"No power-of-2 TP up to {limit} satisfies the head/expert constraints of '{m.ModelId}' on '{hw.HardwareId}'.");
            return new TensorParallelChoice(largestValid, false, $"No TP up to {limit} fits; TP {largestValid} (largest valid) reported.");
        }
    }
}
