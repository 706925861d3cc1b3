using System;
using ModelConfig.Core.Hardware;
using ModelConfig.Core.Models;
using static ModelConfig.Core.Estimation.AssumptionLog;

namespace ModelConfig.Core.Estimation
{
    /// <summary>
    /// How one replica is spread over GPUs: tensor, pipeline and expert parallel degrees, data-parallel attention, the GPU
    /// count and the link that carries the TP collectives. Built only through <see cref="Create"/>, after <see cref="Check"/>.
    /// </summary>
    public sealed class ParallelLayout
    {
        private ParallelLayout(int tp, int pp, int ep, bool dpAttention, double linkGBsPerDirection, string linkName, bool beyondScaleUp)
        {
            TensorParallel = tp;
            PipelineParallel = pp;
            ExpertParallel = ep;
            DataParallelAttention = dpAttention;
            LinkGBsPerDirection = linkGBsPerDirection;
            LinkName = linkName;
            LinkBeyondScaleUpDomain = beyondScaleUp;
        }

        public int TensorParallel { get; }
        public int PipelineParallel { get; }
        public int ExpertParallel { get; }
        /// <summary>Attention runs data-parallel (whole attention per GPU, sequences split) while MoE/MLP uses TP/EP.</summary>
        public bool DataParallelAttention { get; }
        public int NumGpus => TensorParallel * PipelineParallel;
        /// <summary>Per-direction bandwidth of the link the TP collectives cross; 0 on one GPU.</summary>
        public double LinkGBsPerDirection { get; }
        public string LinkName { get; }
        /// <summary>The TP group is larger than the scale-up domain: collectives run at scale-out speed.</summary>
        public bool LinkBeyondScaleUpDomain { get; }

        /// <summary>
        /// The GPUs of the group reach each other over a peer-to-peer fabric (NVLink/NVSwitch, Infinity Fabric, or the
        /// scale-out network between domains), not only over PCIe. The expert-parallel all-to-all kernels (TensorRT-LLM's
        /// MNNVL and DeepEP transports) need such a fabric; over PCIe the MoE under DP attention gathers the tokens to every
        /// rank and reduce-scatters the outputs instead.
        /// </summary>
        public bool PeerFabric => LinkBeyondScaleUpDomain || !LinkName.StartsWith("PCIe", StringComparison.OrdinalIgnoreCase);

        /// <summary>Ways attention weights and KV heads are split: 1 under DP attention. A double because every use divides by it.</summary>
        public double AttentionShards => DataParallelAttention ? 1 : TensorParallel;

        /// <summary>Sequences the busiest GPU holds: DP attention deals whole sequences out over the TP group.</summary>
        public double SequencesPerGpu(double sequences) => DataParallelAttention ? Math.Ceiling(sequences / TensorParallel) : sequences;

        /// <summary>GPUs one replica may span: a node or pod is bounded by its chip count, a single chip kind by nothing.</summary>
        /// <summary>
        /// A layout's name from its degrees: TP always, PP and EP only above 1, DPA for data-parallel attention, joined by
        /// <paramref name="separator"/> ("TP4PP2" in the 80-column tables, "TP4 PP2" in the planner's sentences).
        /// </summary>
        public static string Name(int tp, int pp, int ep, bool dpAttention, string separator)
            => "TP" + tp + (pp > 1 ? separator + "PP" + pp : "") + (ep > 1 ? separator + "EP" + ep : "") + (dpAttention ? separator + "DPA" : "");

        public static int MaxGpus(HardwareConfig hw)
            => hw.Chips > 1 || !string.Equals(hw.Kind, "chip", StringComparison.OrdinalIgnoreCase) ? Math.Max(1, hw.Chips) : int.MaxValue;

        /// <summary>The request's PP and EP degrees, before any TP is tried.</summary>
        public static ConfigurationViolation? CheckDegrees(ModelConfiguration m, int pp, int ep)
        {
            if (pp < 1) return new ConfigurationViolation(DeploymentConstraint.PipelineParallel, "PipelineParallel must be at least 1.");
            if (ep < 1) return new ConfigurationViolation(DeploymentConstraint.ExpertParallel, "ExpertParallel must be at least 1.");
            int layers = m.DecoderLayerBlocks.Count;
            if (pp > layers) return new ConfigurationViolation(DeploymentConstraint.PipelineParallel, $"PipelineParallel {pp} exceeds the {layers} decoder layers.");
            return null;
        }

        /// <summary>
        /// Largest TP group a chip entry may form: its scale-up domain, or up to <see cref="MaxScaleOutTensorParallel"/> GPUs whose
        /// collectives cross the scale-out network (multi-node TP). The TP search tries no more, so a request may not ask for more.
        /// </summary>
        public static int MaxTensorParallel(HardwareConfig hw) => Math.Max(MaxScaleOutTensorParallel, hw.ScaleUpDomainSize);

        /// <summary>Beyond 8 nodes of 8 no engine runs one TP group and the all-reduce model is unfitted; larger replicas use PP.</summary>
        public const int MaxScaleOutTensorParallel = 64;

        /// <summary>The first rule a TP degree breaks with this model, hardware and PP/EP, or null when it can run.</summary>
        public static ConfigurationViolation? Check(ModelConfiguration m, HardwareConfig hw, int tp, int pp, int ep, bool dpAttention)
        {
            int gpus = tp * pp, max = MaxGpus(hw);
            if (gpus > max)
                return new ConfigurationViolation(DeploymentConstraint.GpuCount, $"{gpus} GPUs (TP {tp} x PP {pp}) exceed the {max} accelerators of {hw.Kind} '{hw.HardwareId}'.");
            int maxTp = MaxTensorParallel(hw);
            if (tp > maxTp)
                return new ConfigurationViolation(DeploymentConstraint.GpuCount,
                    $"TP {tp} exceeds the limit of {maxTp} GPUs in one tensor-parallel group on '{hw.HardwareId}' (scale-up domain {Math.Max(1, hw.ScaleUpDomainSize)}, at most {MaxScaleOutTensorParallel} across the scale-out network); span more GPUs with PipelineParallel.");
            foreach (var b in m.Blocks.Values)
            {
                var at = b.Attention;
                if (at != null && at.NumHeads > 0 && !dpAttention && at.NumHeads % tp != 0)
                    return new ConfigurationViolation(DeploymentConstraint.AttentionHeads, $"{at.NumHeads} attention heads (block {b.Name}) are not divisible by TP {tp}.");
                if (at != null && at.NumKvHeads > 0 && !dpAttention && at.Form != AttentionForms.Mla && at.NumKvHeads % tp != 0 && tp % at.NumKvHeads != 0)
                    return new ConfigurationViolation(DeploymentConstraint.KvHeads, $"{at.NumKvHeads} KV heads (block {b.Name}) neither divide nor are divisible by TP {tp}.");
                var f = b.Ffn;
                if (f != null && f.IsMoe && f.NumExperts % ep != 0)
                    return new ConfigurationViolation(DeploymentConstraint.ExpertParallel, $"EP {ep} does not divide the {f.NumExperts} experts.");
                // The MLP is split by TP with or without DP attention: its width must divide evenly.
                var width = MlpWidthViolation(b.Name, f, tp, ep);
                if (width != null) return width;
            }
            if (ep > 1 && !m.IsMoe) return new ConfigurationViolation(DeploymentConstraint.ExpertParallel, $"EP {ep} on a dense model (no experts).");
            if (ep > 1 && tp % ep != 0) return new ConfigurationViolation(DeploymentConstraint.ExpertParallel, $"EP {ep} must divide the TP group of {tp} GPUs (experts are distributed inside it).");
            return null;
        }

        /// <summary>A dense MLP is split TP ways; a routed expert TP/EP ways (EP groups take whole experts); shared experts TP ways.</summary>
        private static ConfigurationViolation? MlpWidthViolation(string block, FeedForwardSpec? f, int tp, int ep)
        {
            if (f == null || tp <= 1) return null;
            int expertShards = f.IsMoe && ep > 1 && tp % ep == 0 ? tp / ep : tp;
            if (f.IntermediateSize > 0 && f.IntermediateSize % expertShards != 0)
                return new ConfigurationViolation(DeploymentConstraint.MlpWidth,
                    $"{(f.IsMoe ? "Expert" : "MLP")} width {f.IntermediateSize} (block {block}) is not divisible by {(f.IsMoe && expertShards != tp ? $"TP/EP {expertShards}" : $"TP {tp}")}.");
            if (f.IsMoe && f.SharedIntermediateSize > 0 && f.SharedIntermediateSize % tp != 0)
                return new ConfigurationViolation(DeploymentConstraint.MlpWidth, $"Shared-expert width {f.SharedIntermediateSize} (block {block}) is not divisible by TP {tp}.");
            return null;
        }

        /// <summary>The layout of a TP degree <see cref="Check"/> accepted, with the link its collectives cross.</summary>
        public static ParallelLayout Create(HardwareConfig hw, int tp, int pp, int ep, bool dpAttention)
        {
            if (tp * pp <= 1) return new ParallelLayout(tp, pp, ep, dpAttention, 0, "", false);
            int domain = Math.Max(1, hw.ScaleUpDomainSize);
            if (tp <= domain && hw.ScaleUpBandwidthGBs > 0)
                return new ParallelLayout(tp, pp, ep, dpAttention, hw.ScaleUpBandwidthGBs / 2, hw.ScaleUpLink ?? "scale-up", false);
            double so = hw.ScaleOutBandwidthGBs ?? 0;
            if (so <= 0) so = hw.ScaleUpBandwidthGBs > 0 ? hw.ScaleUpBandwidthGBs / 2 : 12.5;
            return new ParallelLayout(tp, pp, ep, dpAttention, so, "scale-out", true);
        }

        internal void NoteLink(HardwareConfig hw, AssumptionLog log, bool moe = false)
        {
            if (NumGpus <= 1) return;
            if (moe && DataParallelAttention && ExpertParallel > 1 && !PeerFabric)
                log.Note("moe_collectives", null, "hardware", $"Experts over {ExpertParallel} GPUs linked only by {LinkName}: no all-to-all dispatch (its kernels need an NVLink fabric); every rank all-gathers the tokens before the experts and reduce-scatters their outputs.");
            if (!LinkBeyondScaleUpDomain)
                log.Note("link_bandwidth", LinkGBsPerDirection, "hardware", $"TP collectives over {LinkName}: {F(hw.ScaleUpBandwidthGBs)} GB/s bidirectional = {F(LinkGBsPerDirection)} GB/s per direction.");
            else
                log.Note("link_bandwidth", LinkGBsPerDirection, "hardware", $"TP group of {TensorParallel} exceeds the scale-up domain of {Math.Max(1, hw.ScaleUpDomainSize)}: collectives limited by scale-out at {F(LinkGBsPerDirection)} GB/s per GPU per direction.");
        }
    }
}
