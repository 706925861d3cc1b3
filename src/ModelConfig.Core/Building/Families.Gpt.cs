using System;
using System.Collections.Generic;
using System.Linq;
using ModelConfig.Core.Models;
using static ModelConfig.Core.Building.TensorGroups;

namespace ModelConfig.Core.Building
{
    internal static partial class Families
    {
        // GPT lineage: GPT-2, GPT-J, GPT-NeoX and gpt-oss

        /// <summary>gpt-oss: q/k/v/o biases, per-head sinks, router with bias, experts with biases, sliding/full alternation.</summary>
        private static ModelDraft GptOss(ConfigReader r)
        {
            var d = Core(r, "GptOssForCausalLM", false, kvDefault: 8);
            int hd = HeadDim(r, d, 64);
            long expertInter = r.PosInt("intermediate_size");
            int experts = r.PosInt("num_local_experts", 128);
            int topK = r.PosInt("num_experts_per_tok", 4);
            Check(r, topK <= experts, "num_experts_per_tok", $"({topK}) exceeds num_local_experts ({experts})");
            bool attnBias = r.Bool("attention_bias", true);
            int? window = r.NullableInt("sliding_window", 128);
            var types = LayerTypeList(r, d.NumLayers, i => (i + 1) % 2 != 0 ? LayerTypes.SlidingAttention : LayerTypes.FullAttention);
            for (int i = 0; i < d.NumLayers; i++)
            {
                bool sliding = types[i] == LayerTypes.SlidingAttention && window.HasValue;
                d.AddLayer(sliding ? LayerTypes.SlidingAttention : LayerTypes.FullAttention,
                    Attention(d.HiddenSize, d.NumHeads, d.NumKvHeads, hd, attnBias, attnBias, sinks: true, window: sliding ? window : null),
                    Moe(d.HiddenSize, expertInter, experts, topK, true, true, "swiglu_oai", Linear(d.HiddenSize, experts, true)),
                    Norms(Rms, false, d.HiddenSize, "input_layernorm", "post_attention_layernorm"));
            }
            d.FinalNorm = Norm("norm", Rms, false, d.HiddenSize);
            return d;
        }

        /// <summary>GPT-2: learned positions, Conv1D with biases everywhere, LayerNorms with bias, tied lm_head; attn.bias masks are buffers.</summary>
        private static ModelDraft Gpt2(ConfigReader r)
        {
            var d = new ModelDraft();
            var arch = r.StrList("architectures");
            d.Architecture = arch != null && arch.Count > 0 ? arch[0] : "GPT2LMHeadModel";
            int h = d.HiddenSize = r.PosInt("n_embd");
            d.NumLayers = r.PosInt("n_layer");
            d.NumHeads = d.NumKvHeads = r.PosInt("n_head");
            d.VocabSize = r.PosInt("vocab_size");
            int positions = r.PosInt("n_positions");
            d.MaxPositionEmbeddings = positions;
            long inner = r.Long("n_inner", 4L * h);
            d.IntermediateSize = inner;
            d.Tied = r.Bool("tie_word_embeddings", true);
            if (r.Bool("add_cross_attention", false)) throw r.Invalid("add_cross_attention", "is true; GPT-2 with cross-attention is not a causal LM this builder counts");
            var act = r.Str("activation_function", "gelu_new")!;
            int hd = d.HeadDim = WholeHeadDim(r, h, d.NumHeads, "n_embd", "n_head");
            d.PositionEmbeddings = positions;
            d.EmbeddingParams = (long)d.VocabSize * h + (long)positions * h;
            for (int i = 0; i < d.NumLayers; i++)
            {
                d.AddLayer(LayerTypes.FullAttention,
                    Attention(h, d.NumHeads, d.NumHeads, hd, true, true),
                    Dense(h, inner, false, true, act),
                    Norms(Ln, true, h, "ln_1", "ln_2"));
            }
            d.FinalNorm = Norm("ln_f", Ln, true, h);
            return d;
        }

        /// <summary>GPT-J: one LayerNorm feeding attention (no biases) and MLP (biases) in parallel; lm_head with bias, untied.</summary>
        private static ModelDraft GptJ(ConfigReader r)
        {
            var d = new ModelDraft();
            var arch = r.StrList("architectures");
            d.Architecture = arch != null && arch.Count > 0 ? arch[0] : "GPTJForCausalLM";
            int h = d.HiddenSize = r.PosInt("n_embd");
            d.NumLayers = r.PosInt("n_layer");
            d.NumHeads = d.NumKvHeads = r.PosInt("n_head");
            d.VocabSize = r.PosInt("vocab_size");
            d.MaxPositionEmbeddings = r.NullableInt("n_positions", 2048);
            long inner = r.Long("n_inner", 4L * h);
            d.IntermediateSize = inner;
            d.Tied = r.Bool("tie_word_embeddings", false);
            var act = r.Str("activation_function", "gelu_new")!;
            int hd = d.HeadDim = WholeHeadDim(r, h, d.NumHeads, "n_embd", "n_head");
            d.EmbeddingParams = (long)d.VocabSize * h;
            d.LmHeadBias = true;
            for (int i = 0; i < d.NumLayers; i++)
            {
                d.AddLayer(LayerTypes.FullAttention,
                    Attention(h, d.NumHeads, d.NumHeads, hd, false, false),
                    Dense(h, inner, false, true, act),
                    Norms(Ln, true, h, "ln_1"), parallel: true);
            }
            d.FinalNorm = Norm("ln_f", Ln, true, h);
            return d;
        }

        /// <summary>GPT-NeoX: fused query_key_value and dense with biases (attention_bias), 2-matrix MLP with biases, untied embed_out.</summary>
        private static ModelDraft GptNeoX(ConfigReader r)
        {
            var d = Core(r, "GPTNeoXForCausalLM", false);
            int h = d.HiddenSize;
            int hd = d.HeadDim = WholeHeadDim(r, h, d.NumHeads, "hidden_size", "num_attention_heads");
            d.NumKvHeads = d.NumHeads;
            d.IntermediateSize = r.PosInt("intermediate_size");
            bool bias = r.Bool("attention_bias", true);
            bool parallel = r.Bool("use_parallel_residual", true);
            var act = Activation(r, "gelu");
            for (int i = 0; i < d.NumLayers; i++)
            {
                d.AddLayer(LayerTypes.FullAttention,
                    Attention(h, d.NumHeads, d.NumHeads, hd, bias, bias),
                    Dense(h, d.IntermediateSize, false, true, act),
                    Norms(Ln, true, h, "input_layernorm", "post_attention_layernorm"), parallel);
            }
            d.FinalNorm = Norm("final_layer_norm", Ln, true, h);
            return d;
        }
    }
}
