using System;
using System.Collections.Generic;
using System.Linq;
using ModelConfig.Core.Models;
using static ModelConfig.Core.Building.TensorGroups;

namespace ModelConfig.Core.Building
{
    internal static partial class Families
    {
        // Falcon

        private static int Alias(ConfigReader r, string key, string legacy, int fallback) =>
            r.Has(legacy) && !r.Has(key) ? r.PosInt(legacy) : r.PosInt(key, fallback);

        /// <summary>
        /// Falcon: fused query_key_value (multi-query: one K/V head; new_decoder_architecture: num_kv_heads groups),
        /// LayerNorms with bias (one, or ln_attn+ln_mlp for the new architecture), bias per config.bias, tied by default.
        /// </summary>
        private static ModelDraft Falcon(ConfigReader r)
        {
            var d = new ModelDraft();
            var arch = r.StrList("architectures");
            d.Architecture = arch != null && arch.Count > 0 ? arch[0] : "FalconForCausalLM";
            int h = d.HiddenSize = r.PosInt("hidden_size");
            d.NumLayers = r.Has("n_layer") && !r.Has("num_hidden_layers") ? r.PosInt("n_layer") : r.PosInt("num_hidden_layers");
            int nh = d.NumHeads = r.Has("n_head") && !r.Has("num_attention_heads") ? r.PosInt("n_head") : r.PosInt("num_attention_heads");
            d.VocabSize = r.PosInt("vocab_size");
            d.MaxPositionEmbeddings = r.NullableInt("max_position_embeddings", 2048);
            d.Tied = r.Bool("tie_word_embeddings", true);
            bool newArch = r.Bool("new_decoder_architecture", false);
            bool multiQuery = !newArch && r.Bool("multi_query", true);
            bool parallel = r.Bool("parallel_attn", true);
            bool bias = r.Bool("bias", false);
            int hd = d.HeadDim = h / nh;
            int kv = newArch ? Alias(r, "num_kv_heads", "n_head_kv", nh) : multiQuery ? 1 : nh;
            d.NumKvHeads = kv;
            long ffn = r.Long("ffn_hidden_size", 4L * h);
            d.IntermediateSize = ffn;
            int lnCount = 1;
            if (parallel)
            {
                int? nln = r.NullableInt("num_ln_in_parallel_attn", null);
                if (!nln.HasValue && newArch) nln = 2;
                lnCount = nln == 2 ? 2 : 1;
            }
            else lnCount = 2;
            var norms = !parallel ? Norms(Ln, true, h, "input_layernorm", "post_attention_layernorm")
                : lnCount == 2 ? Norms(Ln, true, h, "ln_attn", "ln_mlp") : Norms(Ln, true, h, "input_layernorm");
            d.EmbeddingParams = (long)d.VocabSize * h;
            var act = r.Str("activation", "gelu")!;
            for (int i = 0; i < d.NumLayers; i++)
            {
                d.AddLayer(LayerTypes.FullAttention,
                    Attention(h, nh, kv, hd, bias, bias),
                    Dense(h, ffn, false, bias, act),
                    norms.Select(n => Norm(n.Name, n.Kind, n.Bias, n.Size)).ToList(), parallel);
            }
            d.FinalNorm = Norm("ln_f", Ln, true, h);
            return d;
        }
    }
}
