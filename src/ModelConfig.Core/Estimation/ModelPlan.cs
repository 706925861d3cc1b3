using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using ModelConfig.Core.Models;

namespace ModelConfig.Core.Estimation
{
    /// <summary>
    /// What every estimate of one model reads from its layer structure, worked out once per model object: which block
    /// templates the decoder layers use and how often, the kernels a step launches, the widest MLP and attention, and
    /// the per-layer weight sums of the layouts asked for so far. A model's structure is fixed until
    /// <see cref="ModelConfiguration.InvalidateLayers"/> (the contract its cached Layers and KV plans already rest on):
    /// a plan belongs to one Layers list and is rebuilt when the model hands out another.
    /// </summary>
    internal sealed class ModelPlan
    {
        /// <summary>A block template and how many decoder layers use it, in order of first use.</summary>
        internal readonly struct BlockGroup
        {
            public BlockGroup(string key, DecoderBlockSpec block, int layers)
            {
                Key = key;
                Block = block;
                Layers = layers;
            }

            /// <summary>The name decoder layers use for the block (its key in ModelConfiguration.Blocks).</summary>
            public string Key { get; }
            public DecoderBlockSpec Block { get; }
            public int Layers { get; }
        }

        private sealed class Holder
        {
            public ModelPlan? Plan;
        }

        private static readonly ConditionalWeakTable<ModelConfiguration, Holder> Plans = new ConditionalWeakTable<ModelConfiguration, Holder>();
        private static readonly ConditionalWeakTable<ModelConfiguration, Holder>.CreateValueCallback NewHolder = _ => new Holder();

        public static ModelPlan Of(ModelConfiguration m)
        {
            var layers = m.GetLayers();
            var holder = Plans.GetValue(m, NewHolder);
            var plan = holder.Plan;
            if (plan != null && ReferenceEquals(plan.Layers, layers)) return plan;
            // replaced whole: a reader on another thread sees the old plan or the new one, never half of one
            plan = new ModelPlan(m, layers);
            holder.Plan = plan;
            return plan;
        }

        private ModelPlan(ModelConfiguration m, IReadOnlyList<LayerSpec> layers)
        {
            Layers = layers;
            var order = new List<string>();
            var counts = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var name in m.DecoderLayerBlocks)
            {
                if (counts.TryGetValue(name, out var c)) counts[name] = c + 1;
                else { counts[name] = 1; order.Add(name); }
            }
            Groups = new BlockGroup[order.Count];
            for (int i = 0; i < order.Count; i++)
            {
                Groups[i] = new BlockGroup(order[i], m.Blocks[order[i]], counts[order[i]]);
                KernelsPerStep += Groups[i].Layers * KernelCounts.PerLayer(Groups[i].Block);
                QuantizedGemmInputsPerStep += Groups[i].Layers * KernelCounts.QuantizedGemmInputsPerLayer(Groups[i].Block);
            }
            foreach (var b in m.Blocks.Values)
            {
                var f = b.Ffn;
                if (f != null && f.IsMoe)
                {
                    IsMoe = true;
                    FirstMoe ??= f;
                }
                if (f != null) WidestFfn = Math.Max(WidestFfn, f.IsMoe ? f.IntermediateSize * f.TopK + f.SharedIntermediateSize : f.IntermediateSize);
                if (b.Attention != null) WidestQkv = Math.Max(WidestQkv, (double)(b.Attention.NumHeads + 2 * b.Attention.NumKvHeads) * Math.Max(1, b.Attention.HeadDim));
            }
        }

        public IReadOnlyList<LayerSpec> Layers { get; }
        public BlockGroup[] Groups { get; }
        /// <summary>GPU kernels one step launches over all decoder layers (<see cref="KernelCounts"/>).</summary>
        public int KernelsPerStep { get; }
        /// <summary>GEMM inputs per step that W8A8 engines quantise in a kernel of their own (<see cref="KernelCounts.QuantizedGemmInputsPerLayer"/>).</summary>
        public int QuantizedGemmInputsPerStep { get; }
        /// <summary>The FFN of the first MoE block (in the order of Blocks), null on a dense model.</summary>
        public FeedForwardSpec? FirstMoe { get; }
        public bool IsMoe { get; }
        /// <summary>Activation widths: the widest FFN (top-k experts plus shared) and the widest Q+K+V projection over all blocks.</summary>
        public double WidestFfn { get; }
        public double WidestQkv { get; }

        // decoder-layer weight bytes per (TP, attention shards, dense and expert bytes per weight); a search asks for a handful.
        // A class, not a tuple: a generic over a value type would be compiled at run time in a new session's first estimate.
        private sealed class WeightEntry
        {
            public WeightEntry(int tp, double shards, double dense, double expert, double bytes)
            {
                Tp = tp;
                Shards = shards;
                Dense = dense;
                Expert = expert;
                Bytes = bytes;
            }

            public readonly int Tp;
            public readonly double Shards, Dense, Expert, Bytes;

            public bool Is(int tp, double shards, double dense, double expert) => Tp == tp && Shards.Equals(shards) && Dense.Equals(dense) && Expert.Equals(expert);
        }

        private WeightEntry[] _layerWeights = new WeightEntry[0];

        /// <summary>
        /// Bytes of every decoder layer's weights on one GPU of the TP group (before the PP split), summed layer by layer in
        /// order as MemoryModel always summed them, so the figure is the same to the last bit.
        /// </summary>
        public double DecoderWeightBytes(int tp, double attentionShards, double dense, double expert)
        {
            var known = _layerWeights;
            foreach (var k in known)
                if (k.Is(tp, attentionShards, dense, expert)) return k.Bytes;
            double layers = 0;
            foreach (var b in Layers)
            {
                if (b.LayerKind != LayerKind.Decoder) continue;
                layers += (b.Attention?.Params ?? 0) * dense / attentionShards;
                layers += b.NormParams * 2;
                var f = b.Ffn;
                if (f == null) continue;
                if (f.IsMoe)
                {
                    long routed = f.Params - f.SharedExpertParams - f.RouterParams;
                    layers += routed * expert / tp + f.SharedExpertParams * dense / tp + f.RouterParams * 2;
                }
                else layers += f.Params * dense / tp;
            }
            var grown = new WeightEntry[known.Length < 32 ? known.Length + 1 : 1];
            if (grown.Length > 1) Array.Copy(known, grown, known.Length);
            grown[grown.Length - 1] = new WeightEntry(tp, attentionShards, dense, expert, layers);
            _layerWeights = grown;
            return layers;
        }
    }
}
