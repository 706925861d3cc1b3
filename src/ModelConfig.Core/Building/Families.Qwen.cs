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

        /// <summary>
        /// The Qwen MoE layout (Qwen2-MoE, Qwen3-MoE, Qwen3-Next): layer i is MoE when (i+1) % decoder_sparse_step == 0 and it is
        /// not in mlp_only_layers; the shared expert (where the family has one) is gated by a hidden -> 1 sigmoid.
        /// Keys are read in the Config classes' order, so the recorded facts keep their order.
        /// </summary>
        private sealed class QwenMoeLayout
        {
            private int _experts, _topK, _step;
            private long _expertWidth, _sharedWidth;
            private HashSet<long> _denseLayers = new HashSet<long>();

            public static QwenMoeLayout Read(ConfigReader r, int experts, int topK, long expertWidth, long? sharedWidth)
            {
                var m = new QwenMoeLayout
                {
                    _experts = r.Int("num_experts", experts),
                    _topK = r.PosInt("num_experts_per_tok", topK),
                    _expertWidth = r.PosInt("moe_intermediate_size", (int)expertWidth),
                };
                if (sharedWidth.HasValue) m._sharedWidth = r.Long("shared_expert_intermediate_size", sharedWidth.Value);
                m._step = r.PosInt("decoder_sparse_step", 1);
                m._denseLayers = new HashSet<long>(r.LongList("mlp_only_layers", new long[0]));
                Check(r, m._experts == 0 || m._topK <= m._experts, "num_experts_per_tok", $"({m._topK}) exceeds num_experts ({m._experts})");
                return m;
            }

            public bool IsMoeLayer(int i) => _experts > 0 && !_denseLayers.Contains(i) && (i + 1) % _step == 0;

            public bool AnyDense(int layers) => Enumerable.Range(0, layers).Any(i => !IsMoeLayer(i));

            public FeedForwardSpec Ffn(long hidden, string act) => Moe(hidden, _expertWidth, _experts, _topK, true, false, act, (long)_experts * hidden,
                _sharedWidth > 0 ? 1 : 0, _sharedWidth, _sharedWidth > 0 ? hidden : 0);
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
            var moe = QwenMoeLayout.Read(r, experts: 60, topK: 4, expertWidth: 1408, sharedWidth: 5632);
            d.IntermediateSize = moe.AnyDense(d.NumLayers) ? inter : 0;
            return StandardLayers(d, hd, new LayerShape { QkvBias = qkvBias, Activation = act }, i => types[i] == LayerTypes.SlidingAttention ? window : null,
                i => moe.IsMoeLayer(i) ? moe.Ffn(d.HiddenSize, act) : Dense(d.HiddenSize, inter, true, false, act));
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
            var layout = moe ? QwenMoeLayout.Read(r, experts: 128, topK: 8, expertWidth: 768, sharedWidth: null) : null;
            d.IntermediateSize = layout == null || layout.AnyDense(d.NumLayers) ? inter : 0;
            return StandardLayers(d, hd, new LayerShape { QkvBias = attnBias, OutputBias = attnBias, QkNorm = "per_head", Activation = act },
                i => types[i] == LayerTypes.SlidingAttention ? window : null,
                i => layout != null && layout.IsMoeLayer(i) ? layout.Ffn(d.HiddenSize, act) : Dense(d.HiddenSize, inter, true, false, act));
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
            var moe = QwenMoeLayout.Read(r, experts: 512, topK: 10, expertWidth: 512, sharedWidth: 512);
            var act = Activation(r, "silu");
            for (int i = 0; i < d.NumLayers; i++)
            {
                var attention = types[i] == LayerTypes.LinearAttention ? NewLinear()
                    : types[i] == LayerTypes.FullAttention ? Attention(h, d.NumHeads, d.NumKvHeads, hd, attnBias, attnBias, qkNorm: "per_head", gatedQuery: true)
                    : throw r.Invalid("layer_types", $"has '{types[i]}' at layer {i}; Qwen3-Next layers are linear_attention or full_attention");
                d.AddLayer(types[i], attention,
                    moe.IsMoeLayer(i) ? moe.Ffn(h, act) : Dense(h, inter, true, false, act),
                    Norms(Rms, false, h, "input_layernorm", "post_attention_layernorm"));
            }
            d.IntermediateSize = moe.AnyDense(d.NumLayers) ? inter : 0;
            d.FinalNorm = Norm("norm", Rms, false, h);
            return d;
        }
    }
}
