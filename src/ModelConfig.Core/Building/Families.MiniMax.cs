using System;
using System.Collections.Generic;
using System.Linq;
using ModelConfig.Core.Models;
using static ModelConfig.Core.Building.TensorGroups;

namespace ModelConfig.Core.Building
{
    internal static partial class Families
    {
        // MiniMax lineage: MiniMax-M2 (full-attention variants)

        /// <summary>MiniMax-M2: full attention with full-width QK-norm (qk_norm_type per_layer), 256-expert MoE with routing bias; MTP modules not counted.</summary>
        private static ModelDraft MiniMaxM2(ConfigReader r)
        {
            var d = Core(r, "MiniMaxM2ForCausalLM", false);
            if (!r.Has("num_key_value_heads")) throw r.Invalid("num_key_value_heads", "is required by this architecture but is missing or null");
            int hd = HeadDim(r, d);
            long expertInter = r.PosInt("intermediate_size");
            int experts = r.PosInt("num_local_experts");
            int topK = r.PosInt("num_experts_per_tok");
            Check(r, topK <= experts, "num_experts_per_tok", $"({topK}) exceeds num_local_experts ({experts})");
            long sharedInter = r.Long("shared_intermediate_size", 0);
            if (sharedInter != 0) throw r.Invalid("shared_intermediate_size", "is not 0; MiniMax-M2 shared experts are not supported");
            var attnTypes = r.LongList("attn_type_list", Enumerable.Repeat(1L, d.NumLayers));
            if (attnTypes.Any(t => t != 1)) throw r.Invalid("attn_type_list", "contains linear (lightning) attention layers, which this builder does not count");
            bool qkNorm = r.Bool("use_qk_norm", true);
            string normType = qkNorm ? r.Str("qk_norm_type", "per_layer")! : "none";
            bool routingBias = r.Bool("use_routing_bias", true);
            var act = Activation(r, "silu");
            string qk = !qkNorm ? "none" : normType == "per_layer" ? "full_width" : "per_head";
            for (int i = 0; i < d.NumLayers; i++)
            {
                d.AddLayer(LayerTypes.FullAttention,
                    Attention(d.HiddenSize, d.NumHeads, d.NumKvHeads, hd, false, false, qkNorm: qk),
                    Moe(d.HiddenSize, expertInter, experts, topK, true, false, act, (long)experts * d.HiddenSize + (routingBias ? experts : 0)),
                    Norms(Rms, false, d.HiddenSize, "input_layernorm", "post_attention_layernorm"));
            }
            d.FinalNorm = Norm("norm", Rms, false, d.HiddenSize);
            return d;
        }
    }
}
