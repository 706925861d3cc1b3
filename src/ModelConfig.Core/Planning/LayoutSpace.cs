using System;
using System.Collections.Generic;
using ModelConfig.Core.Estimation;
using ModelConfig.Core.Hardware;
using ModelConfig.Core.Models;

namespace ModelConfig.Core.Planning
{
    /// <summary>The parallel degrees of one candidate replica.</summary>
    public readonly struct LayoutDegrees
    {
        public LayoutDegrees(int tp, int pp, int ep, bool dpAttention)
        {
            TensorParallel = tp;
            PipelineParallel = pp;
            ExpertParallel = ep;
            DataParallelAttention = dpAttention;
        }

        public int TensorParallel { get; }
        public int PipelineParallel { get; }
        public int ExpertParallel { get; }
        public bool DataParallelAttention { get; }
        public int NumGpus => TensorParallel * PipelineParallel;

        public override string ToString()
            => ParallelLayout.Name(TensorParallel, PipelineParallel, ExpertParallel, DataParallelAttention, " ");
    }

    /// <summary>
    /// Every layout a model can run in on one hardware entry: TP, PP and EP in powers of two (they divide head and expert
    /// counts), DP attention for MoE models. The rules are <see cref="ParallelLayout.Check"/>'s; on top, the TP group stays
    /// inside the scale-up domain (a TP all-reduce over scale-out is never competitive) and TP x PP stays within MaxGpus.
    /// </summary>
    public static class LayoutSpace
    {
        public static IReadOnlyList<LayoutDegrees> Enumerate(ModelConfiguration model, HardwareConfig hw, int maxGpus)
        {
            var layouts = new List<LayoutDegrees>();
            int max = Math.Min(maxGpus, ParallelLayout.MaxGpus(hw));
            int domain = Math.Max(1, hw.ScaleUpDomainSize);
            for (int tp = 1; tp <= max && tp <= domain; tp *= 2)
            {
                for (int pp = 1; tp * pp <= max; pp *= 2)
                {
                    if (ParallelLayout.CheckDegrees(model, pp, 1) != null) break;
                    // EP and DP attention only change anything on MoE models; DP attention needs a TP group to spread over.
                    for (int ep = 1; ep <= (model.IsMoe ? tp : 1); ep *= 2)
                    {
                        foreach (bool dp in model.IsMoe && tp > 1 ? new[] { false, true } : new[] { false })
                        {
                            if (ParallelLayout.Check(model, hw, tp, pp, ep, dp) == null) layouts.Add(new LayoutDegrees(tp, pp, ep, dp));
                        }
                    }
                }
            }
            return layouts;
        }
    }

    /// <summary>The weight and KV-cache precision of one candidate.</summary>
    public readonly struct PrecisionPair
    {
        public PrecisionPair(string weight, string kvCache)
        {
            Weight = weight;
            KvCache = kvCache;
        }

        public string Weight { get; }
        public string KvCache { get; }

        public override string ToString() => Weight == KvCache ? Weight : Weight + "/" + KvCache;
    }

    /// <summary>The precisions a search tries on a chip.</summary>
    public static class PrecisionChoices
    {
        /// <summary>
        /// Given lists are crossed. Without a weight list: bf16 everywhere, fp8 where the chip has an fp8 peak, fp4 where it
        /// has an fp4 peak: a format the chip cannot compute in only saves memory, and the search would mostly rediscover that.
        /// Without a KV list: fp8 beside 8- and 4-bit weights on chips with an fp8 peak (what engines deploy), else bf16.
        /// </summary>
        public static IReadOnlyList<PrecisionPair> For(HardwareConfig hw, IList<string>? weights, IList<string>? kvCaches)
        {
            var weightList = new List<string>();
            if (weights != null) foreach (var w in weights) weightList.Add(Precision.Normalize(w, "bf16", "weight"));
            else
            {
                weightList.Add("bf16");
                if (hw.Peak("fp8") != null) weightList.Add("fp8");
                if (hw.Peak("fp4") != null) weightList.Add("fp4");
            }
            var pairs = new List<PrecisionPair>();
            foreach (var w in weightList)
            {
                if (kvCaches != null)
                {
                    foreach (var kv in kvCaches) pairs.Add(new PrecisionPair(w, Precision.Normalize(kv, "bf16", "kv")));
                }
                else pairs.Add(new PrecisionPair(w, w != "bf16" && w != "fp16" && w != "fp32" && hw.Peak("fp8") != null ? "fp8" : "bf16"));
            }
            return pairs;
        }
    }
}
