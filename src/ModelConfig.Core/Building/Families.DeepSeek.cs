using System;
using System.Collections.Generic;
using System.Linq;
using ModelConfig.Core.Models;
using static ModelConfig.Core.Building.TensorGroups;

namespace ModelConfig.Core.Building
{
    internal static partial class Families
    {
        // DeepSeek lineage: DeepSeek-V2/V3/R1 and Kimi-K2 (MLA + MoE)

        /// <summary>
        /// DeepSeek MLA attention and first-k-dense MoE. Multi-token-prediction layers (num_nextn_predict_layers) are not
        /// part of the transformers model and are not counted. The router carries e_score_correction_bias when topk_method
        /// is noaux_tc (DeepSeek-V3 default), as the checkpoint stores it.
        /// </summary>
        private static ModelDraft Deepseek(ConfigReader r, bool v3)
        {
            var d = Core(r, v3 ? "DeepseekV3ForCausalLM" : "DeepseekV2ForCausalLM", false, kvDefault: v3 ? 128 : 32);
            int h = d.HiddenSize, nh = d.NumHeads;
            int? qLora = r.NullableInt("q_lora_rank", 1536);
            int kvLora = r.PosInt("kv_lora_rank", 512);
            int rope = r.PosInt("qk_rope_head_dim", 64);
            int nope = r.Int("qk_nope_head_dim", 128);
            int vDim = r.PosInt("v_head_dim", 128);
            bool attnBias = r.Bool("attention_bias", false);
            int qkHead = nope + rope;
            d.HeadDim = qkHead;
            long attn = qLora.HasValue
                ? Linear(h, qLora.Value, attnBias) + qLora.Value + Linear(qLora.Value, (long)nh * qkHead, false)
                : Linear(h, (long)nh * qkHead, false);
            attn += Linear(h, kvLora + rope, attnBias) + kvLora + Linear(kvLora, (long)nh * (nope + vDim), false) + Linear((long)nh * vDim, h, attnBias);
            AttentionSpec NewAttention() => new AttentionSpec
            {
                Form = AttentionForms.Mla,
                NumHeads = nh,
                NumKvHeads = nh,
                HeadDim = qkHead,
                VHeadDim = vDim,
                QkvBias = attnBias,
                OutputBias = attnBias,
                QLoraRank = qLora,
                KvLoraRank = kvLora,
                QkNopeHeadDim = nope,
                QkRopeHeadDim = rope,
                Params = attn,
            };

            long inter = r.PosInt("intermediate_size");
            var act = Activation(r, "silu");
            int? routed = r.NullableInt("n_routed_experts", v3 ? 256 : (int?)null);
            int? shared = r.NullableInt("n_shared_experts", v3 ? 1 : (int?)null);
            int firstDense = r.Int("first_k_dense_replace", v3 ? 3 : 0);
            int freq = r.PosInt("moe_layer_freq", 1);
            long moeInter = 0; int topK = 0; long router = 0;
            if (routed.HasValue)
            {
                moeInter = r.PosInt("moe_intermediate_size", v3 ? 2048 : 1407);
                topK = v3 ? r.PosInt("num_experts_per_tok", 8) : r.PosInt("num_experts_per_tok");
                Check(r, topK <= routed.Value, "num_experts_per_tok", $"({topK}) exceeds n_routed_experts ({routed})");
                string method = r.Str("topk_method", v3 ? "noaux_tc" : "greedy") ?? "";
                router = (long)routed.Value * h + (method == "noaux_tc" ? routed.Value : 0);
            }
            bool anyDense = false;
            for (int i = 0; i < d.NumLayers; i++)
            {
                bool moe = routed.HasValue && i >= firstDense && i % freq == 0;
                anyDense |= !moe;
                d.AddLayer(LayerTypes.FullAttention, NewAttention(),
                    moe
                        ? Moe(h, moeInter, routed!.Value, topK, true, false, act, router, shared ?? 0, shared.HasValue ? moeInter * shared.Value : 0)
                        : Dense(h, inter, true, false, act),
                    Norms(Rms, false, h, "input_layernorm", "post_attention_layernorm"));
            }
            d.IntermediateSize = anyDense ? inter : 0;
            d.FinalNorm = Norm("norm", Rms, false, h);
            return d;
        }
    }
}
