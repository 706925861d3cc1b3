using System;
using System.Collections.Generic;
using System.Linq;
using ModelConfig.Core.Models;
using static ModelConfig.Core.Building.Parts;

namespace ModelConfig.Core.Building
{
    internal static partial class Families
    {
        // ---- DeepSeek-V2 / V3 / Kimi-K2 (MLA + MoE) ---------------------------------------------------

        /// <summary>
        /// DeepSeek MLA attention and first-k-dense MoE. Multi-token-prediction layers (num_nextn_predict_layers) are not
        /// part of the transformers model and are not counted. The router carries e_score_correction_bias when topk_method
        /// is noaux_tc (DeepSeek-V3 default), as the checkpoint stores it.
        /// </summary>
        private static Draft Deepseek(ConfigReader r, bool v3)
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

        // ---- gpt-oss ---------------------------------------------------------------------------------

        /// <summary>gpt-oss: q/k/v/o biases, per-head sinks, router with bias, experts with biases, sliding/full alternation.</summary>
        private static Draft GptOss(ConfigReader r)
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

        // ---- GPT-2, GPT-J, GPT-NeoX, Falcon ----------------------------------------------------------

        /// <summary>GPT-2: learned positions, Conv1D with biases everywhere, LayerNorms with bias, tied lm_head; attn.bias masks are buffers.</summary>
        private static Draft Gpt2(ConfigReader r)
        {
            var d = new Draft();
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
            int hd = d.HeadDim = h / d.NumHeads;
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
        private static Draft GptJ(ConfigReader r)
        {
            var d = new Draft();
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
            int hd = d.HeadDim = h / d.NumHeads;
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
        private static Draft GptNeoX(ConfigReader r)
        {
            var d = Core(r, "GPTNeoXForCausalLM", false);
            int h = d.HiddenSize;
            int hd = d.HeadDim = h / d.NumHeads;
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

        private static int Alias(ConfigReader r, string key, string legacy, int fallback) =>
            r.Has(legacy) && !r.Has(key) ? r.PosInt(legacy) : r.PosInt(key, fallback);

        /// <summary>
        /// Falcon: fused query_key_value (multi-query: one K/V head; new_decoder_architecture: num_kv_heads groups),
        /// LayerNorms with bias (one, or ln_attn+ln_mlp for the new architecture), bias per config.bias, tied by default.
        /// </summary>
        private static Draft Falcon(ConfigReader r)
        {
            var d = new Draft();
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

        // ---- stretch: MiniMax-M2, Qwen3-Next, Nemotron-H ---------------------------------------------

        /// <summary>MiniMax-M2: full attention with full-width QK-norm (qk_norm_type per_layer), 256-expert MoE with routing bias; MTP modules not counted.</summary>
        private static Draft MiniMaxM2(ConfigReader r)
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

        /// <summary>
        /// Qwen3-Next: every full_attention_interval-th layer is gated full attention (q_proj doubled for the gate, per-head QK-norm),
        /// the others Gated DeltaNet linear attention; MoE with a gated shared expert.
        /// </summary>
        private static Draft Qwen3Next(ConfigReader r)
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

        /// <summary>
        /// Nemotron-H: hybrid_override_pattern gives each layer's mixer (M = Mamba2, * = attention, - = MLP); every layer is one
        /// RMSNorm plus its mixer.
        /// </summary>
        private static Draft NemotronH(ConfigReader r)
        {
            var d = Core(r, "NemotronHForCausalLM", false, kvDefault: 8);
            int h = d.HiddenSize;
            string pattern = r.Str("hybrid_override_pattern", null) ?? throw r.Invalid("hybrid_override_pattern", "is required by this architecture but is missing or null");
            if (pattern.Length != d.NumLayers) throw r.Invalid("hybrid_override_pattern", $"has {pattern.Length} entries but num_hidden_layers is {d.NumLayers}");
            int hd = d.HeadDim = r.PosInt("attention_head_dim", () => h / d.NumHeads);
            bool attnBias = r.Bool("attention_bias", false);
            d.IntermediateSize = r.PosInt("intermediate_size");
            bool mlpBias = r.Bool("mlp_bias", false);
            var mlpAct = r.Str("mlp_hidden_act", "relu2")!;
            int mHeads = 0, mHeadDim = 0, state = 0, groups = 0, kernel = 0;
            bool useBias = false, convBias = true;
            if (pattern.IndexOf('M') >= 0)
            {
                mHeads = r.PosInt("mamba_num_heads");
                mHeadDim = r.PosInt("mamba_head_dim");
                state = r.PosInt("ssm_state_size");
                groups = r.PosInt("n_groups");
                kernel = r.PosInt("conv_kernel");
                useBias = r.Bool("use_bias", false);
                convBias = r.Bool("use_conv_bias", true);
            }
            long mInter = (long)mHeads * mHeadDim, convDim = mInter + 2L * groups * state;
            long mambaParams = Linear(h, mInter + convDim + mHeads, useBias) + convDim * kernel + (convBias ? convDim : 0)
                + 3L * mHeads + mInter + Linear(mInter, h, useBias);
            for (int i = 0; i < d.NumLayers; i++)
            {
                var norm = Norms(Rms, false, h, "norm");
                switch (pattern[i])
                {
                    case 'M':
                        d.AddLayer(LayerTypes.Mamba, new AttentionSpec
                        {
                            Form = AttentionForms.Mamba,
                            NumHeads = mHeads,
                            NumKvHeads = groups,
                            HeadDim = mHeadDim,
                            VHeadDim = mHeadDim,
                            StateElementsPerSequence = (long)mHeads * mHeadDim * state + convDim * (kernel - 1),
                            Params = mambaParams,
                        }, null, norm);
                        break;
                    case '*':
                        d.AddLayer(LayerTypes.FullAttention, Attention(h, d.NumHeads, d.NumKvHeads, hd, attnBias, attnBias), null, norm);
                        break;
                    case '-':
                        d.AddLayer(LayerTypes.MlpOnly, null, Dense(h, d.IntermediateSize, false, mlpBias, mlpAct), norm);
                        break;
                    default:
                        throw r.Invalid("hybrid_override_pattern", $"has '{pattern[i]}' at layer {i}; this builder knows M (Mamba2), * (attention) and - (MLP)");
                }
            }
            d.FinalNorm = Norm("norm_f", Rms, false, h);
            return d;
        }
    }
}
