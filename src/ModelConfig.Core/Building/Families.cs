using System;
using System.Collections.Generic;
using System.Linq;
using ModelConfig.Core.Models;
using static ModelConfig.Core.Building.Parts;

namespace ModelConfig.Core.Building
{
    /// <summary>
    /// One reader per transformers architecture. Each reads config.json the way its Config class does (same keys,
    /// same defaults) and lays out the tensors its modeling code creates: parameters only, no buffers
    /// (rotary inv_freq, causal masks), no multi-token-prediction modules.
    /// </summary>
    internal static partial class Families
    {
        public static readonly Dictionary<string, Func<ConfigReader, Draft>> ByModelType = new Dictionary<string, Func<ConfigReader, Draft>>(StringComparer.Ordinal)
        {
            ["llama"] = Llama,
            ["mistral"] = Mistral,
            ["mixtral"] = Mixtral,
            ["qwen2"] = Qwen2,
            ["qwen2_moe"] = Qwen2Moe,
            ["qwen3"] = r => Qwen3(r, moe: false),
            ["qwen3_moe"] = r => Qwen3(r, moe: true),
            ["gemma"] = Gemma,
            ["gemma2"] = Gemma2,
            ["gemma3_text"] = r => Gemma3Text(r, sparseDefaults: false),
            ["gemma3"] = Gemma3,
            ["phi3"] = Phi3,
            ["olmo2"] = Olmo2,
            ["starcoder2"] = Starcoder2,
            ["cohere"] = Cohere,
            ["internlm2"] = InternLM2,
            ["deepseek_v2"] = r => Deepseek(r, v3: false),
            ["deepseek_v3"] = r => Deepseek(r, v3: true),
            ["kimi_k2"] = r => Deepseek(r, v3: true),
            ["gpt_oss"] = GptOss,
            ["gpt2"] = Gpt2,
            ["gpt_neox"] = GptNeoX,
            ["falcon"] = Falcon,
            ["gptj"] = GptJ,
            ["granite"] = Granite,
            ["smollm3"] = r => LlamaLike(r, "SmolLM3ForCausalLM", tieDefault: true, kvDefault: 4),
            ["phi"] = Phi,
            ["minimax_m2"] = MiniMaxM2,
            ["qwen3_next"] = Qwen3Next,
            ["nemotron_h"] = NemotronH,
            ["llama4"] = Llama4,
            ["llama4_text"] = r => Llama4Text(r, "Llama4ForCausalLM"),
        };

        // ---- shared readers --------------------------------------------------------------------------

        private static int Dim(ConfigReader r, string key, int? fallback) => fallback.HasValue ? r.PosInt(key, fallback.Value) : r.PosInt(key);

        /// <summary>hidden, layers, vocab, heads, kv heads (kvDefault: the class default, null = same as heads) and max positions of a decoder config.</summary>
        private static Draft Core(ConfigReader r, string defaultArchitecture, bool tieDefault,
            int? hidden = null, int? layers = null, int? vocab = null, int? heads = null, int? kvDefault = null, int? maxPosDefault = null)
        {
            var d = new Draft();
            var arch = r.StrList("architectures");
            d.Architecture = arch != null && arch.Count > 0 ? arch[0] : defaultArchitecture;
            d.HiddenSize = Dim(r, "hidden_size", hidden);
            d.NumLayers = Dim(r, "num_hidden_layers", layers);
            d.VocabSize = Dim(r, "vocab_size", vocab);
            d.NumHeads = Dim(r, "num_attention_heads", heads);
            // Missing: the Config class default (null there means "same as heads"); explicit null: same as heads.
            d.NumKvHeads = r.PosInt("num_key_value_heads", kvDefault ?? d.NumHeads, d.NumHeads);
            d.MaxPositionEmbeddings = r.NullableInt("max_position_embeddings", maxPosDefault);
            d.Tied = r.Bool("tie_word_embeddings", tieDefault);
            d.EmbeddingParams = (long)d.VocabSize * d.HiddenSize;
            return d;
        }

        private static int HeadDim(ConfigReader r, Draft d, int? classDefault = null)
        {
            int derived = d.HiddenSize / d.NumHeads;
            int hd = r.PosInt("head_dim", classDefault ?? derived);
            d.HeadDim = hd;
            return hd;
        }

        /// <summary>Explicit layer_types when the config lists them, else the family's rule.</summary>
        private static List<string> LayerTypeList(ConfigReader r, int layers, Func<int, string> rule)
        {
            var explicitTypes = r.Has("layer_types") ? r.StrList("layer_types") : null;
            if (explicitTypes != null)
            {
                if (explicitTypes.Count != layers) throw r.Invalid("layer_types", $"lists {explicitTypes.Count} layers but num_hidden_layers is {layers}");
                return explicitTypes;
            }
            var list = new List<string>(layers);
            for (int i = 0; i < layers; i++) list.Add(rule(i));
            return list;
        }

        private static string Activation(ConfigReader r, string fallback) => r.Str("hidden_act", fallback) ?? fallback;

        private static void Check(ConfigReader r, bool ok, string key, string message)
        {
            if (!ok) throw r.Invalid(key, message);
        }

        // ---- Llama family ----------------------------------------------------------------------------

        private static Draft Llama(ConfigReader r) => LlamaLike(r, "LlamaForCausalLM", tieDefault: false, kvDefault: null);

        /// <summary>Granite: Llama shapes; embedding/residual/attention multipliers and logits_scaling are scalars without parameters.</summary>
        private static Draft Granite(ConfigReader r) => LlamaLike(r, "GraniteForCausalLM", tieDefault: false, kvDefault: null);

        /// <summary>
        /// LlamaConfig / GraniteConfig / SmolLM3Config: attention_bias and mlp_bias (default false), head_dim default hidden/heads.
        /// SmolLM3's NoPE layers (no_rope_layers) change no parameter.
        /// </summary>
        private static Draft LlamaLike(ConfigReader r, string arch, bool tieDefault, int? kvDefault)
        {
            var d = Core(r, arch, tieDefault, kvDefault: kvDefault);
            int hd = HeadDim(r, d);
            d.IntermediateSize = r.PosInt("intermediate_size");
            bool attnBias = r.Bool("attention_bias", false);
            bool mlpBias = r.Bool("mlp_bias", false);
            var act = Activation(r, "silu");
            for (int i = 0; i < d.NumLayers; i++)
            {
                d.AddLayer(LayerTypes.FullAttention,
                    Attention(d.HiddenSize, d.NumHeads, d.NumKvHeads, hd, attnBias, attnBias),
                    Dense(d.HiddenSize, d.IntermediateSize, true, mlpBias, act),
                    Norms(Rms, false, d.HiddenSize, "input_layernorm", "post_attention_layernorm"));
            }
            d.FinalNorm = Norm("norm", Rms, false, d.HiddenSize);
            return d;
        }

        private static Draft Mistral(ConfigReader r)
        {
            var d = Core(r, "MistralForCausalLM", false, kvDefault: 8);
            int hd = HeadDim(r, d);
            d.IntermediateSize = r.PosInt("intermediate_size");
            int? window = r.NullableInt("sliding_window", 4096);
            var act = Activation(r, "silu");
            for (int i = 0; i < d.NumLayers; i++)
            {
                d.AddLayer(window.HasValue ? LayerTypes.SlidingAttention : LayerTypes.FullAttention,
                    Attention(d.HiddenSize, d.NumHeads, d.NumKvHeads, hd, false, false, window: window),
                    Dense(d.HiddenSize, d.IntermediateSize, true, false, act),
                    Norms(Rms, false, d.HiddenSize, "input_layernorm", "post_attention_layernorm"));
            }
            d.FinalNorm = Norm("norm", Rms, false, d.HiddenSize);
            return d;
        }

        private static Draft Mixtral(ConfigReader r)
        {
            var d = Core(r, "MixtralForCausalLM", false, kvDefault: 8);
            int hd = HeadDim(r, d);
            long expertInter = r.PosInt("intermediate_size");
            d.IntermediateSize = 0; // no dense layer
            int experts = r.PosInt("num_local_experts", 8);
            int topK = r.PosInt("num_experts_per_tok", 2);
            Check(r, topK <= experts, "num_experts_per_tok", $"({topK}) exceeds num_local_experts ({experts})");
            int? window = r.NullableInt("sliding_window", null);
            var act = Activation(r, "silu");
            for (int i = 0; i < d.NumLayers; i++)
            {
                d.AddLayer(window.HasValue ? LayerTypes.SlidingAttention : LayerTypes.FullAttention,
                    Attention(d.HiddenSize, d.NumHeads, d.NumKvHeads, hd, false, false, window: window),
                    Moe(d.HiddenSize, expertInter, experts, topK, true, false, act, routerParams: (long)experts * d.HiddenSize),
                    Norms(Rms, false, d.HiddenSize, "input_layernorm", "post_attention_layernorm"));
            }
            d.FinalNorm = Norm("norm", Rms, false, d.HiddenSize);
            return d;
        }

        // ---- Qwen ------------------------------------------------------------------------------------

        /// <summary>Qwen2/Qwen3 sliding layout: sliding_window only when use_sliding_window, for layers >= max_window_layers.</summary>
        private static (List<string> types, int? window) QwenWindows(ConfigReader r, int layers)
        {
            bool use = r.Bool("use_sliding_window", false);
            int? window = use ? r.NullableInt("sliding_window", 4096) : null;
            int maxWindowLayers = window.HasValue ? r.Int("max_window_layers", 28) : 0;
            var types = LayerTypeList(r, layers, i => window.HasValue && i >= maxWindowLayers ? LayerTypes.SlidingAttention : LayerTypes.FullAttention);
            return (types, window);
        }

        private static Draft Qwen2(ConfigReader r)
        {
            var d = Core(r, "Qwen2ForCausalLM", false, kvDefault: 32);
            int hd = HeadDim(r, d);
            d.IntermediateSize = r.PosInt("intermediate_size");
            var act = Activation(r, "silu");
            var (types, window) = QwenWindows(r, d.NumLayers);
            for (int i = 0; i < d.NumLayers; i++)
            {
                bool sliding = types[i] == LayerTypes.SlidingAttention;
                d.AddLayer(types[i],
                    Attention(d.HiddenSize, d.NumHeads, d.NumKvHeads, hd, qkvBias: true, outBias: false, window: sliding ? window : null),
                    Dense(d.HiddenSize, d.IntermediateSize, true, false, act),
                    Norms(Rms, false, d.HiddenSize, "input_layernorm", "post_attention_layernorm"));
            }
            d.FinalNorm = Norm("norm", Rms, false, d.HiddenSize);
            return d;
        }

        /// <summary>
        /// Qwen2-MoE (Qwen1.5-MoE, Qwen2-57B-A14B): Qwen2 attention (q/k/v bias), routed experts plus one shared expert
        /// whose output is scaled by a sigmoid gate (shared_expert_gate, hidden -> 1).
        /// </summary>
        private static Draft Qwen2Moe(ConfigReader r)
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
        private static Draft Qwen3(ConfigReader r, bool moe)
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

        // ---- Gemma -----------------------------------------------------------------------------------

        private static string GemmaActivation(ConfigReader r) =>
            r.Has("hidden_activation") ? r.Str("hidden_activation", "gelu_pytorch_tanh")! : r.Str("hidden_act", "gelu_pytorch_tanh")!;

        /// <summary>GemmaConfig: head_dim 256, 16 kv heads by default, GeGLU, tied.</summary>
        private static Draft Gemma(ConfigReader r)
        {
            var d = Core(r, "GemmaForCausalLM", true, kvDefault: 16, maxPosDefault: 8192);
            int hd = HeadDim(r, d, 256);
            d.IntermediateSize = r.PosInt("intermediate_size");
            bool attnBias = r.Bool("attention_bias", false);
            var act = GemmaActivation(r);
            for (int i = 0; i < d.NumLayers; i++)
            {
                d.AddLayer(LayerTypes.FullAttention,
                    Attention(d.HiddenSize, d.NumHeads, d.NumKvHeads, hd, attnBias, attnBias),
                    Dense(d.HiddenSize, d.IntermediateSize, true, false, act),
                    Norms(Rms, false, d.HiddenSize, "input_layernorm", "post_attention_layernorm"));
            }
            d.FinalNorm = Norm("norm", Rms, false, d.HiddenSize);
            return d;
        }

        /// <summary>Gemma2Config: four norms per layer, even layers sliding (window 4096), head_dim 256, tied.</summary>
        private static Draft Gemma2(ConfigReader r)
        {
            var d = Core(r, "Gemma2ForCausalLM", true, kvDefault: 4, maxPosDefault: 8192);
            int hd = HeadDim(r, d, 256);
            d.IntermediateSize = r.PosInt("intermediate_size");
            bool attnBias = r.Bool("attention_bias", false);
            var act = GemmaActivation(r);
            int? window = r.NullableInt("sliding_window", 4096);
            var types = LayerTypeList(r, d.NumLayers, i => (i + 1) % 2 != 0 ? LayerTypes.SlidingAttention : LayerTypes.FullAttention);
            for (int i = 0; i < d.NumLayers; i++)
            {
                bool sliding = types[i] == LayerTypes.SlidingAttention && window.HasValue;
                d.AddLayer(sliding ? LayerTypes.SlidingAttention : LayerTypes.FullAttention,
                    Attention(d.HiddenSize, d.NumHeads, d.NumKvHeads, hd, attnBias, attnBias, window: sliding ? window : null),
                    Dense(d.HiddenSize, d.IntermediateSize, true, false, act),
                    Norms(Rms, false, d.HiddenSize, "input_layernorm", "post_attention_layernorm", "pre_feedforward_layernorm", "post_feedforward_layernorm"));
            }
            d.FinalNorm = Norm("norm", Rms, false, d.HiddenSize);
            return d;
        }

        /// <summary>
        /// Gemma3TextConfig: four norms per layer plus per-head q_norm/k_norm; layer i is full attention when
        /// (i+1) % sliding_window_pattern == 0 (default 6). With sparseDefaults (the nested text_config of a
        /// Gemma3ForConditionalGeneration checkpoint) every dimension may be omitted and takes the class default.
        /// </summary>
        private static Draft Gemma3Text(ConfigReader r, bool sparseDefaults)
        {
            Draft d = sparseDefaults
                ? Core(r, "Gemma3ForCausalLM", true, hidden: 2304, layers: 26, vocab: 262208, heads: 8, kvDefault: 4, maxPosDefault: 131072)
                : Core(r, "Gemma3ForCausalLM", true, kvDefault: 4, maxPosDefault: 131072);
            int hd = HeadDim(r, d, 256);
            d.IntermediateSize = sparseDefaults ? r.PosInt("intermediate_size", 9216) : r.PosInt("intermediate_size");
            bool attnBias = r.Bool("attention_bias", false);
            var act = GemmaActivation(r);
            int? window = r.NullableInt("sliding_window", 4096);
            List<string> types;
            if (r.Has("layer_types")) types = LayerTypeList(r, d.NumLayers, _ => LayerTypes.FullAttention);
            else
            {
                int pattern = r.PosInt("sliding_window_pattern", 6);
                types = LayerTypeList(r, d.NumLayers, i => (i + 1) % pattern != 0 ? LayerTypes.SlidingAttention : LayerTypes.FullAttention);
            }
            for (int i = 0; i < d.NumLayers; i++)
            {
                bool sliding = types[i] == LayerTypes.SlidingAttention && window.HasValue;
                d.AddLayer(sliding ? LayerTypes.SlidingAttention : LayerTypes.FullAttention,
                    Attention(d.HiddenSize, d.NumHeads, d.NumKvHeads, hd, attnBias, attnBias, qkNorm: "per_head", window: sliding ? window : null),
                    Dense(d.HiddenSize, d.IntermediateSize, true, false, act),
                    Norms(Rms, false, d.HiddenSize, "input_layernorm", "post_attention_layernorm", "pre_feedforward_layernorm", "post_feedforward_layernorm"));
            }
            d.FinalNorm = Norm("norm", Rms, false, d.HiddenSize);
            return d;
        }

        /// <summary>Gemma3ForConditionalGeneration: the text decoder (sparse text_config), a SigLIP vision tower and the projector.</summary>
        private static Draft Gemma3(ConfigReader r)
        {
            var arch = r.StrList("architectures");
            var text = r.Child("text_config");
            var d = Gemma3Text(text, sparseDefaults: true);
            d.Architecture = arch != null && arch.Count > 0 ? arch[0] : "Gemma3ForConditionalGeneration";
            var vision = r.Child("vision_config");
            var (towerParams, vLayers, vHidden) = Siglip(vision);
            // Gemma3MultiModalProjector: mm_input_projection_weight [vision_hidden x text_hidden] + mm_soft_emb_norm (RMSNorm, vision_hidden).
            long projector = (long)vHidden * d.HiddenSize + vHidden;
            d.Vision = new VisionSpec { Kind = "siglip", NumLayers = vLayers, HiddenSize = vHidden, TowerParams = towerParams, ProjectorParams = projector };
            return d;
        }

        /// <summary>SiglipVisionModel (SiglipVisionConfig defaults): conv patch embedding, learned positions, encoder, post-LN, optional pooling head.</summary>
        private static (long, int, int) Siglip(ConfigReader v)
        {
            int h = v.PosInt("hidden_size", 768);
            long inter = v.PosInt("intermediate_size", 3072);
            int layers = v.PosInt("num_hidden_layers", 12);
            v.PosInt("num_attention_heads", 12);
            int channels = v.PosInt("num_channels", 3);
            int image = v.PosInt("image_size", 224);
            int patch = v.PosInt("patch_size", 16);
            bool head = v.Bool("vision_use_head", true);
            long patches = (long)(image / patch) * (image / patch);
            long p = (long)channels * patch * patch * h + h + patches * h;
            long layer = 2 * 2L * h + 4 * Linear(h, h, true) + Linear(h, inter, true) + Linear(inter, h, true);
            p += layers * layer + 2L * h;
            if (head) p += h + (3L * h * h + 3L * h + Linear(h, h, true)) + 2L * h + Linear(h, inter, true) + Linear(inter, h, true);
            return (p, layers, h);
        }

        // ---- Phi-3, OLMo-2, StarCoder2, Cohere, InternLM2 ---------------------------------------------

        /// <summary>Phi3: fused qkv_proj and gate_up_proj (same counts as separate), no biases, one sliding_window for all layers.</summary>
        private static Draft Phi3(ConfigReader r)
        {
            var d = Core(r, "Phi3ForCausalLM", false);
            int hd = HeadDim(r, d);
            d.IntermediateSize = r.PosInt("intermediate_size");
            int? window = r.NullableInt("sliding_window", null);
            var act = Activation(r, "silu");
            for (int i = 0; i < d.NumLayers; i++)
            {
                d.AddLayer(window.HasValue ? LayerTypes.SlidingAttention : LayerTypes.FullAttention,
                    Attention(d.HiddenSize, d.NumHeads, d.NumKvHeads, hd, false, false, window: window),
                    Dense(d.HiddenSize, d.IntermediateSize, true, false, act),
                    Norms(Rms, false, d.HiddenSize, "input_layernorm", "post_attention_layernorm"));
            }
            d.FinalNorm = Norm("norm", Rms, false, d.HiddenSize);
            return d;
        }

        /// <summary>
        /// Phi (phi-1/1.5/2): one LayerNorm feeding attention and MLP in parallel, biases on every linear (lm_head too),
        /// optional per-head LayerNorm QK-norm (weight and bias), untied.
        /// </summary>
        private static Draft Phi(ConfigReader r)
        {
            var d = Core(r, "PhiForCausalLM", false);
            int hd = d.HeadDim = d.HiddenSize / d.NumHeads;
            d.IntermediateSize = r.PosInt("intermediate_size");
            bool qkLn = r.Bool("qk_layernorm", false);
            var act = Activation(r, "gelu_new");
            d.LmHeadBias = true;
            for (int i = 0; i < d.NumLayers; i++)
            {
                var attention = Attention(d.HiddenSize, d.NumHeads, d.NumKvHeads, hd, true, true, qkNorm: qkLn ? "per_head" : "none");
                if (qkLn) attention.Params += 2L * hd; // LayerNorm q/k norms also carry a bias
                d.AddLayer(LayerTypes.FullAttention, attention,
                    Dense(d.HiddenSize, d.IntermediateSize, false, true, act),
                    Norms(Ln, true, d.HiddenSize, "input_layernorm"), parallel: true);
            }
            d.FinalNorm = Norm("final_layernorm", Ln, true, d.HiddenSize);
            return d;
        }

        /// <summary>OLMo-2: norms after attention and MLP, QK-norm over the whole projection width.</summary>
        private static Draft Olmo2(ConfigReader r)
        {
            var d = Core(r, "Olmo2ForCausalLM", false);
            int hd = HeadDim(r, d);
            d.IntermediateSize = r.PosInt("intermediate_size");
            bool attnBias = r.Bool("attention_bias", false);
            var act = Activation(r, "silu");
            for (int i = 0; i < d.NumLayers; i++)
            {
                d.AddLayer(LayerTypes.FullAttention,
                    Attention(d.HiddenSize, d.NumHeads, d.NumKvHeads, hd, attnBias, attnBias, qkNorm: "full_width"),
                    Dense(d.HiddenSize, d.IntermediateSize, true, false, act),
                    Norms(Rms, false, d.HiddenSize, "post_attention_layernorm", "post_feedforward_layernorm"));
            }
            d.FinalNorm = Norm("norm", Rms, false, d.HiddenSize);
            return d;
        }

        /// <summary>StarCoder2: biases everywhere (use_bias), LayerNorm with bias, plain 2-matrix MLP, tied by default.</summary>
        private static Draft Starcoder2(ConfigReader r)
        {
            var d = Core(r, "Starcoder2ForCausalLM", true, kvDefault: 2);
            int hd = HeadDim(r, d);
            d.IntermediateSize = r.PosInt("intermediate_size");
            bool bias = r.Bool("use_bias", true);
            int? window = r.NullableInt("sliding_window", null);
            var act = Activation(r, "gelu_pytorch_tanh");
            for (int i = 0; i < d.NumLayers; i++)
            {
                d.AddLayer(window.HasValue ? LayerTypes.SlidingAttention : LayerTypes.FullAttention,
                    Attention(d.HiddenSize, d.NumHeads, d.NumKvHeads, hd, bias, bias, window: window),
                    Dense(d.HiddenSize, d.IntermediateSize, false, bias, act),
                    Norms(Ln, true, d.HiddenSize, "input_layernorm", "post_attention_layernorm"));
            }
            d.FinalNorm = Norm("norm", Ln, true, d.HiddenSize);
            return d;
        }

        /// <summary>Cohere: one bias-free LayerNorm feeding attention and MLP in parallel; optional per-head-weighted QK-norm; tied.</summary>
        private static Draft Cohere(ConfigReader r)
        {
            var d = Core(r, "CohereForCausalLM", true);
            int hd = HeadDim(r, d);
            d.IntermediateSize = r.PosInt("intermediate_size");
            bool attnBias = r.Bool("attention_bias", false);
            bool qkNorm = r.Bool("use_qk_norm", false);
            var act = Activation(r, "silu");
            for (int i = 0; i < d.NumLayers; i++)
            {
                // CohereLayerNorm((heads, head_dim)) holds heads*head_dim weights: the same count as a full-width norm.
                d.AddLayer(LayerTypes.FullAttention,
                    Attention(d.HiddenSize, d.NumHeads, d.NumKvHeads, hd, attnBias, attnBias, qkNorm: qkNorm ? "full_width" : "none"),
                    Dense(d.HiddenSize, d.IntermediateSize, true, false, act),
                    Norms(Ln, false, d.HiddenSize, "input_layernorm"), parallel: true);
            }
            d.FinalNorm = Norm("norm", Ln, false, d.HiddenSize);
            return d;
        }

        /// <summary>InternLM2 (remote code): fused wqkv and wo with config.bias (default true), bias-free MLP, untied output.</summary>
        private static Draft InternLM2(ConfigReader r)
        {
            var d = Core(r, "InternLM2ForCausalLM", false);
            int hd = d.HiddenSize / d.NumHeads;
            d.HeadDim = hd;
            d.IntermediateSize = r.PosInt("intermediate_size");
            bool bias = r.Bool("bias", true);
            var act = Activation(r, "silu");
            for (int i = 0; i < d.NumLayers; i++)
            {
                d.AddLayer(LayerTypes.FullAttention,
                    Attention(d.HiddenSize, d.NumHeads, d.NumKvHeads, hd, bias, bias),
                    Dense(d.HiddenSize, d.IntermediateSize, true, false, act),
                    Norms(Rms, false, d.HiddenSize, "attention_norm", "ffn_norm"));
            }
            d.FinalNorm = Norm("norm", Rms, false, d.HiddenSize);
            return d;
        }
    }
}
