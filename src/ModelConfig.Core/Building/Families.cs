using System;
using System.Collections.Generic;
using System.Linq;
using ModelConfig.Core.Models;
using static ModelConfig.Core.Building.TensorGroups;

namespace ModelConfig.Core.Building
{
    /// <summary>
    /// One reader per transformers architecture. Each reads config.json the way its Config class does (same keys,
    /// same defaults) and lays out the tensors its modeling code creates: parameters only, no buffers
    /// (rotary inv_freq, causal masks), no multi-token-prediction modules.
    /// </summary>
    internal static partial class Families
    {
        public static readonly Dictionary<string, Func<ConfigReader, ModelDraft>> ByModelType = new Dictionary<string, Func<ConfigReader, ModelDraft>>(StringComparer.Ordinal)
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
        private static ModelDraft Core(ConfigReader r, string defaultArchitecture, bool tieDefault,
            int? hidden = null, int? layers = null, int? vocab = null, int? heads = null, int? kvDefault = null, int? maxPosDefault = null)
        {
            var d = new ModelDraft();
            var arch = r.StrList("architectures");
            d.Architecture = arch != null && arch.Count > 0 ? arch[0] : defaultArchitecture;
            d.HiddenSize = Dim(r, "hidden_size", hidden);
            d.NumLayers = Dim(r, "num_hidden_layers", layers);
            d.VocabSize = Dim(r, "vocab_size", vocab);
            d.NumHeads = Dim(r, "num_attention_heads", heads);
            // Missing: the Config class default (null there means "same as heads"); explicit null: same as heads.
            d.NumKvHeads = r.PosInt("num_key_value_heads", kvDefault ?? d.NumHeads, d.NumHeads);
            // Each key/value head serves a whole group of query heads (transformers' repeat_kv).
            Check(r, d.NumKvHeads <= d.NumHeads && d.NumHeads % d.NumKvHeads == 0, "num_key_value_heads",
                $"({d.NumKvHeads}) must divide num_attention_heads ({d.NumHeads})");
            d.MaxPositionEmbeddings = r.NullableInt("max_position_embeddings", maxPosDefault);
            d.Tied = r.Bool("tie_word_embeddings", tieDefault);
            d.EmbeddingParams = (long)d.VocabSize * d.HiddenSize;
            return d;
        }

        private static int HeadDim(ConfigReader r, ModelDraft d, int? classDefault = null)
        {
            int derived = d.HiddenSize / d.NumHeads;
            if (classDefault == null && derived == 0 && !r.Has("head_dim"))
                throw r.Invalid("num_attention_heads", $"({d.NumHeads}) exceeds hidden_size ({d.HiddenSize}) and no head_dim is given, so a head would have no width");
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

        /// <summary>How the pre-norm decoder layer that most families repeat is dressed: biases, QK norm, MLP form, norms.</summary>
        private sealed class LayerShape
        {
            public bool QkvBias, OutputBias, MlpBias, Parallel, NormBias;
            public string QkNorm = "none";
            public bool GatedMlp = true;
            public string Activation = "silu";
            public string NormKind = Rms;
            public string[] NormNames = { "input_layernorm", "post_attention_layernorm" };
            public string FinalNorm = "norm";
        }

        /// <summary>
        /// Lays out d.NumLayers layers of one shape: attention (sliding where <paramref name="windowOf"/> gives a window),
        /// the dense MLP of d.IntermediateSize unless <paramref name="ffnOf"/> gives another feed-forward, the shape's norms;
        /// then the final norm. Reads nothing from the config, so each family keeps its own read order (and facts).
        /// </summary>
        private static ModelDraft StandardLayers(ModelDraft d, int headDim, LayerShape s, Func<int, int?>? windowOf = null, Func<int, FeedForwardSpec>? ffnOf = null)
        {
            for (int i = 0; i < d.NumLayers; i++)
            {
                int? window = windowOf?.Invoke(i);
                d.AddLayer(window.HasValue ? LayerTypes.SlidingAttention : LayerTypes.FullAttention,
                    Attention(d.HiddenSize, d.NumHeads, d.NumKvHeads, headDim, s.QkvBias, s.OutputBias, qkNorm: s.QkNorm, window: window),
                    ffnOf != null ? ffnOf(i) : Dense(d.HiddenSize, d.IntermediateSize, s.GatedMlp, s.MlpBias, s.Activation),
                    Norms(s.NormKind, s.NormBias, d.HiddenSize, s.NormNames), s.Parallel);
            }
            d.FinalNorm = Norm(s.FinalNorm, s.NormKind, s.NormBias, d.HiddenSize);
            return d;
        }

        /// <summary>hidden / heads for the families whose attention raises when hidden is not a multiple of the heads (GPT-2, GPT-J, GPT-NeoX).</summary>
        private static int WholeHeadDim(ConfigReader r, int hidden, int heads, string hiddenKey, string headsKey)
        {
            Check(r, hidden % heads == 0, headsKey, $"({heads}) must divide {hiddenKey} ({hidden}) evenly, as transformers requires");
            return hidden / heads;
        }

        private static string Activation(ConfigReader r, string fallback) => r.Str("hidden_act", fallback) ?? fallback;

        private static void Check(ConfigReader r, bool ok, string key, string message)
        {
            if (!ok) throw r.Invalid(key, message);
        }
    }
}
