using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using ModelConfig.Core.Models;

namespace ModelConfig.Accuracy
{
    /// <summary>
    /// Minimal HF config.json → ModelConfiguration for the calibration architectures (llama, mistral, mixtral,
    /// gptj, gpt_oss, deepseek_v3), used only when neither the bundled library nor the core builder provides the model.
    /// </summary>
    internal static class FallbackModelBuilder
    {
        private static int I(JsonObject c, params string[] names)
        {
            foreach (var n in names) if (c[n] is JsonValue v && v.TryGetValue<int>(out var x)) return x;
            foreach (var n in names) if (c[n] is JsonValue v && v.TryGetValue<long>(out var y)) return (int)y;
            return 0;
        }

        public static ModelConfiguration Build(JsonObject c, string id)
        {
            string type = c["model_type"]?.GetValue<string>() ?? "";
            int hidden = I(c, "hidden_size", "n_embd");
            int layers = I(c, "num_hidden_layers", "n_layer");
            int heads = I(c, "num_attention_heads", "n_head");
            int kvh = I(c, "num_key_value_heads"); if (kvh == 0) kvh = heads;
            int hd = I(c, "head_dim"); if (hd == 0) hd = hidden / heads;
            int vocab = I(c, "vocab_size");
            long inter = I(c, "intermediate_size", "n_inner"); if (inter == 0) inter = 4L * hidden;
            bool tied = c["tie_word_embeddings"] is JsonValue tv && tv.TryGetValue<bool>(out var tb) && tb;
            int window = I(c, "sliding_window");
            bool attnBias = c["attention_bias"] is JsonValue ab && ab.TryGetValue<bool>(out var abv) && abv;
            var m = new ModelConfiguration
            {
                ModelId = id, HfModelId = id, ModelType = type, HiddenSize = hidden, NumLayers = layers, VocabSize = vocab,
                NumAttentionHeads = heads, NumKeyValueHeads = kvh, HeadDim = hd, IntermediateSize = inter, TieWordEmbeddings = tied,
                MaxPositionEmbeddings = I(c, "max_position_embeddings", "n_positions"),
                Embedding = new EmbeddingSpec { VocabSize = vocab, HiddenSize = hidden, Params = (long)vocab * hidden },
                LmHead = new LmHeadSpec { Tied = tied, Params = tied ? 0 : (long)vocab * hidden + (type == "gptj" ? vocab : 0) },
                FinalNorm = new NormSpec { Name = "norm", Size = hidden, Kind = type == "gptj" ? "layer_norm" : "rms_norm", Bias = type == "gptj" },
            };
            AttentionSpec Attn(string form, int? win)
            {
                if (type == "deepseek_v3" || type == "deepseek_v2")
                {
                    int ql = I(c, "q_lora_rank"), kl = I(c, "kv_lora_rank"), nope = I(c, "qk_nope_head_dim"), rope = I(c, "qk_rope_head_dim"), v = I(c, "v_head_dim");
                    long p = (long)hidden * ql + ql + (long)ql * heads * (nope + rope) + (long)hidden * (kl + rope) + kl + (long)kl * heads * (nope + v) + (long)heads * v * hidden;
                    return new AttentionSpec { Form = AttentionForms.Mla, NumHeads = heads, NumKvHeads = heads, HeadDim = nope + rope, VHeadDim = v, QLoraRank = ql, KvLoraRank = kl, QkNopeHeadDim = nope, QkRopeHeadDim = rope, Params = p };
                }
                long ap = (long)hidden * heads * hd + 2L * hidden * kvh * hd + (long)heads * hd * hidden;
                if (attnBias) ap += (long)heads * hd + 2L * kvh * hd + hidden;
                if (type == "gpt_oss") ap += heads; // sinks
                return new AttentionSpec { Form = kvh == heads ? AttentionForms.Mha : kvh == 1 ? AttentionForms.Mqa : AttentionForms.Gqa, NumHeads = heads, NumKvHeads = kvh, HeadDim = hd, VHeadDim = hd, SlidingWindow = win, QkvBias = attnBias, Params = ap, Sinks = type == "gpt_oss" };
            }
            List<NormSpec> Norms() => type == "gptj"
                ? new List<NormSpec> { new NormSpec { Name = "ln_1", Kind = "layer_norm", Size = hidden, Bias = true } }
                : new List<NormSpec> { new NormSpec { Name = "input_layernorm", Size = hidden }, new NormSpec { Name = "post_attention_layernorm", Size = hidden } };
            FeedForwardSpec Dense(long width) => type == "gptj"
                ? new FeedForwardSpec { Form = "dense", Gated = false, Activation = "gelu_new", Bias = true, IntermediateSize = width, Params = 2L * hidden * width + width + hidden }
                : new FeedForwardSpec { Form = "dense", IntermediateSize = width, Params = 3L * hidden * width };
            FeedForwardSpec Moe()
            {
                int e = I(c, "num_local_experts", "n_routed_experts", "num_experts"), k = I(c, "num_experts_per_tok", "experts_per_token");
                long w = I(c, "moe_intermediate_size"); if (w == 0) w = inter;
                bool bias = type == "gpt_oss";
                long per = 3L * hidden * w + (bias ? 2 * w + hidden : 0);
                int shared = I(c, "n_shared_experts");
                long sharedP = shared * 3L * hidden * w;
                long router = (long)hidden * e + (bias ? e : 0);
                return new FeedForwardSpec { Form = "moe", IntermediateSize = w, NumExperts = e, TopK = k, NumSharedExperts = shared, SharedIntermediateSize = shared * w, ParamsPerExpert = per, SharedExpertParams = sharedP, RouterParams = router, Params = per * e + sharedP + router };
            }
            bool moe = I(c, "num_local_experts", "n_routed_experts", "num_experts") > 0;
            int firstDense = I(c, "first_k_dense_replace");
            var layerTypes = (c["layer_types"] as JsonArray)?.Select(x => x!.GetValue<string>()).ToList();
            for (int i = 0; i < layers; i++)
            {
                bool sliding = layerTypes != null ? layerTypes[i] == LayerTypes.SlidingAttention : (type == "mistral" || type == "mixtral") && window > 0 && false;
                bool moeLayer = moe && i >= firstDense;
                string name = (sliding ? "sliding" : "full") + (moeLayer ? "_moe" : "_dense");
                if (!m.Blocks.ContainsKey(name))
                    m.Blocks[name] = new DecoderBlockSpec
                    {
                        Name = name, LayerType = sliding ? LayerTypes.SlidingAttention : LayerTypes.FullAttention,
                        Attention = Attn(name, sliding ? window : (int?)null), Ffn = moeLayer ? Moe() : Dense(inter), Norms = Norms(), ParallelResidual = type == "gptj",
                    };
                m.DecoderLayerBlocks.Add(name);
            }
            m.TotalParams = m.Embedding.Params + m.LmHead.Params + m.FinalNorm.Params + m.DecoderLayerBlocks.Sum(n => m.Blocks[n].Params);
            m.ActiveParams = m.Embedding.Params + m.LmHead.Params + m.DecoderLayerBlocks.Sum(n => m.Blocks[n].ActiveParams);
            return m;
        }
    }
}
