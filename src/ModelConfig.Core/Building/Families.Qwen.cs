using System;
using System.Collections.Generic;
using System.Linq;
using ModelConfig.Core.Models;
using static ModelConfig.Core.Building.TensorGroups;

namespace ModelConfig.Core.Building
{
    internal static partial class Families
    {
        // Qwen lineage: Qwen2, Qwen2-MoE, Qwen3, Qwen3-MoE, Qwen3-Next

        /// <summary>Qwen2/Qwen3 sliding layout: sliding_window only when use_sliding_window, for layers >= max_window_layers.</summary>
        private static (List<string> types, int? window) QwenWindows(ConfigReader r, int layers)
        {
            bool use = r.Bool("use_sliding_window", false);
            int? window = use ? r.NullableInt("sliding_window", 4096) : null;
            int maxWindowLayers = window.HasValue ? r.Int("max_window_layers", 28) : 0;
            var types = LayerTypeList(r, layers, i => window.HasValue && i >= maxWindowLayers ? LayerTypes.SlidingAttention : LayerTypes.FullAttention);
            return (types, window);
        }

        private static ModelDraft Qwen2(ConfigReader r)
        {
            var d = Core(r, "Qwen2ForCausalLM", false, kvDefault: 32);
            int hd = HeadDim(r, d);
            d.IntermediateSize = r.PosInt("intermediate_size");
            var act = Activation(r, "silu");
            var (types, window) = QwenWindows(r, d.NumLayers);
            return StandardLayers(d, hd, new LayerShape { QkvBias = true, Activation = act }, i => types[i] == LayerTypes.SlidingAttention ? window : null);
        }

        /// <summary>
        /// Qwen2-MoE (Qwen1.5-MoE, Qwen2-57B-A14B): Qwen2 attention (q/k/v bias), routed experts plus one shared expert
        /// whose output is scaled by a sigmoid gate (shared_expert_gate, hidden -> 1).
        /// </summary>
        private static ModelDraft Qwen2Moe(ConfigReader r)
        {
            var d = Core(r, "Qwen2MoeForCausalLM", false, kvDefault: 16);
            int hd = HeadDim(r, d);
            bool qkvBias = r.Bool("qkv_bias", true);
            var act = Activation(r, "silu");
            var (types, window) = QwenWindows(r, d.NumLayers);
            long inter = r.PosInt("intermediate_size");
            int experts = r.Int("num_experts", 60);
            int topK = r.PosInt("num_experts_per_tok", 4);
            long moeInter = r.PosInt("moe_intermediate_size", 1408);
            long sharedInter = r.Long("shared_expert_intermediate_size", 5632);
            int step = r.PosInt("decoder_sparse_step", 1);
            var mlpOnly = new HashSet<long>(r.LongList("mlp_only_layers", new long[0]));
            Check(r, experts == 0 || topK <= experts, "num_experts_per_tok", $"({topK}) exceeds num_experts ({experts})");
            bool anyDense = false;
            for (int i = 0; i < d.NumLayers; i++)
            {
                bool sliding = types[i] == LayerTypes.SlidingAttention;
                bool isMoe = !mlpOnly.Contains(i) && experts > 0 && (i + 1) % step == 0;
                anyDense |= !isMoe;
                d.AddLayer(types[i],
                    Attention(d.HiddenSize, d.NumHeads, d.NumKvHeads, hd, qkvBias, false, window: sliding ? window : null),
                    isMoe
                        ? Moe(d.HiddenSize, moeInter, experts, topK, true, false, act, (long)experts * d.HiddenSize,
                            sharedInter > 0 ? 1 : 0, sharedInter, sharedInter > 0 ? d.HiddenSize : 0)
                        : Dense(d.HiddenSize, inter, true, false, act),
                    Norms(Rms, false, d.HiddenSize, "input_layernorm", "post_attention_layernorm"));
            }
            d.IntermediateSize = anyDense ? inter : 0;
            d.FinalNorm = Norm("norm", Rms, false, d.HiddenSize);
            return d;
        }

        /// <summary>Qwen3 / Qwen3-MoE: per-head q_norm/k_norm (not announced in config), head_dim default 128 (Qwen3Config).</summary>
        private static ModelDraft Qwen3(ConfigReader r, bool moe)
        {
            var d = Core(r, moe ? "Qwen3MoeForCausalLM" : "Qwen3ForCausalLM", false, kvDefault: moe ? 4 : 32);
            int hd = HeadDim(r, d, moe ? (int?)null : 128);
            bool attnBias = r.Bool("attention_bias", false);
            var act = Activation(r, "silu");
            var (types, window) = QwenWindows(r, d.NumLayers);
            long inter = r.PosInt("intermediate_size");
            int experts = 0, topK = 0, step = 1;
            long moeInter = 0;
            HashSet<long> mlpOnly = new HashSet<long>();
            if (moe)
            {
                experts = r.Int("num_experts", 128);
                topK = r.PosInt("num_experts_per_tok", 8);
                moeInter = r.PosInt("moe_intermediate_size", 768);
                step = r.PosInt("decoder_sparse_step", 1);
                mlpOnly = new HashSet<long>(r.LongList("mlp_only_layers", new long[0]));
                Check(r, experts == 0 || topK <= experts, "num_experts_per_tok", $"({topK}) exceeds num_experts ({experts})");
            }
            bool anyDense = false;
            for (int i = 0; i < d.NumLayers; i++)
            {
                bool sliding = types[i] == LayerTypes.SlidingAttention;
                bool isMoe = moe && !mlpOnly.Contains(i) && experts > 0 && (i + 1) % step == 0;
                anyDense |= !isMoe;
                d.AddLayer(types[i],
                    Attention(d.HiddenSize, d.NumHeads, d.NumKvHeads, hd, attnBias, attnBias, qkNorm: "per_head", window: sliding ? window : null),
                    isMoe
                        ? Moe(d.HiddenSize, moeInter, experts, topK, true, false, act, routerParams: (long)experts * d.HiddenSize)
                        : Dense(d.HiddenSize, inter, true, false, act),
                    Norms(Rms, false, d.HiddenSize, "input_layernorm", "post_attention_layernorm"));
            }
            d.IntermediateSize = anyDense ? inter : 0;
            d.FinalNorm = Norm("norm", Rms, false, d.HiddenSize);
            return d;
        }

        /// <summary>
        /// Qwen3-Next: every full_attention_interval-th layer is gated full attention (q_proj doubled for the gate, per-head QK-norm),
        /// the others Gated DeltaNet linear attention; MoE with a gated shared expert.
        /// </summary>
        private static ModelDraft Qwen3Next(ConfigReader r)
        {
            var d = Core(r, "Qwen3NextForCausalLM", false, kvDefault: 2);
            int h = d.HiddenSize;
            int hd = HeadDim(r, d, 256);
            bool attnBias = r.Bool("attention_bias", false);
            int interval = r.PosInt("full_attention_interval", 4);
            var types = LayerTypeList(r, d.NumLayers, i => (i + 1) % interval != 0 ? LayerTypes.LinearAttention : LayerTypes.FullAttention);
            int kHeads = r.PosInt("linear_num_key_heads", 16);
            int vHeads = r.PosInt("linear_num_value_heads", 32);
            int kDim = r.PosInt("linear_key_head_dim", 128);
            int vDim = r.PosInt("linear_value_head_dim", 128);
            int kernel = r.PosInt("linear_conv_kernel_dim", 4);
            long keyDim = (long)kHeads * kDim, valueDim = (long)vHeads * vDim, convDim = 2 * keyDim + valueDim;
            long linearParams = Linear(h, 2 * keyDim + 2 * valueDim, false) + Linear(h, 2L * vHeads, false)
                + convDim * kernel + 2L * vHeads + vDim + Linear(valueDim, h, false);
            AttentionSpec NewLinear() => new AttentionSpec
            {
                Form = AttentionForms.Linear,
                NumHeads = vHeads,
                NumKvHeads = kHeads,
                HeadDim = kDim,
                VHeadDim = vDim,
                StateElementsPerSequence = (long)vHeads * kDim * vDim + convDim * (kernel - 1),
                Params = linearParams,
            };
            long inter = r.PosInt("intermediate_size");
            int experts = r.Int("num_experts", 512);
            int topK = r.PosInt("num_experts_per_tok", 10);
            long moeInter = r.PosInt("moe_intermediate_size", 512);
            long sharedInter = r.Long("shared_expert_intermediate_size", 512);
            int step = r.PosInt("decoder_sparse_step", 1);
            var mlpOnly = new HashSet<long>(r.LongList("mlp_only_layers", new long[0]));
            Check(r, experts == 0 || topK <= experts, "num_experts_per_tok", $"({topK}) exceeds num_experts ({experts})");
            var act = Activation(r, "silu");
            bool anyDense = false;
            for (int i = 0; i < d.NumLayers; i++)
            {
                bool isMoe = !mlpOnly.Contains(i) && experts > 0 && (i + 1) % step == 0;
                anyDense |= !isMoe;
                var attention = types[i] == LayerTypes.LinearAttention ? NewLinear()
                    : types[i] == LayerTypes.FullAttention ? Attention(h, d.NumHeads, d.NumKvHeads, hd, attnBias, attnBias, qkNorm: "per_head", gatedQuery: true)
                    : throw r.Invalid("layer_types", $"has '{types[i]}' at layer {i}; Qwen3-Next layers are linear_attention or full_attention");
                d.AddLayer(types[i], attention,
                    isMoe
                        ? Moe(h, moeInter, experts, topK, true, false, act, (long)experts * h, sharedInter > 0 ? 1 : 0, sharedInter, sharedInter > 0 ? h : 0)
                        : Dense(h, inter, true, false, act),
                    Norms(Rms, false, h, "input_layernorm", "post_attention_layernorm"));
            }
            d.IntermediateSize = anyDense ? inter : 0;
            d.FinalNorm = Norm("norm", Rms, false, h);
            return d;
        }
    }
}
