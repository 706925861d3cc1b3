using System;
using System.Collections.Generic;
using System.Linq;
using ModelConfig.Core.Models;
using static ModelConfig.Core.Building.TensorGroups;

namespace ModelConfig.Core.Building
{
    internal static partial class Families
    {
        // Gemma lineage: Gemma, Gemma 2, Gemma 3 (text and multimodal with the SigLIP tower)

        private static string GemmaActivation(ConfigReader r) =>
            r.Has("hidden_activation") ? r.Str("hidden_activation", "gelu_pytorch_tanh")! : r.Str("hidden_act", "gelu_pytorch_tanh")!;

        /// <summary>Gemma 2 and 3: a norm before and after both attention and MLP.</summary>
        private static LayerShape GemmaShape(bool attnBias, string act, string qkNorm) => new LayerShape
        {
            QkvBias = attnBias, OutputBias = attnBias, QkNorm = qkNorm, Activation = act,
            NormNames = new[] { "input_layernorm", "post_attention_layernorm", "pre_feedforward_layernorm", "post_feedforward_layernorm" },
        };

        /// <summary>GemmaConfig: head_dim 256, 16 kv heads by default, GeGLU, tied.</summary>
        private static ModelDraft Gemma(ConfigReader r)
        {
            var d = Core(r, "GemmaForCausalLM", true, kvDefault: 16, maxPosDefault: 8192);
            int hd = HeadDim(r, d, 256);
            d.IntermediateSize = r.PosInt("intermediate_size");
            bool attnBias = r.Bool("attention_bias", false);
            var act = GemmaActivation(r);
            return StandardLayers(d, hd, new LayerShape { QkvBias = attnBias, OutputBias = attnBias, Activation = act });
        }

        /// <summary>Gemma2Config: four norms per layer, even layers sliding (window 4096), head_dim 256, tied.</summary>
        private static ModelDraft Gemma2(ConfigReader r)
        {
            var d = Core(r, "Gemma2ForCausalLM", true, kvDefault: 4, maxPosDefault: 8192);
            int hd = HeadDim(r, d, 256);
            d.IntermediateSize = r.PosInt("intermediate_size");
            bool attnBias = r.Bool("attention_bias", false);
            var act = GemmaActivation(r);
            int? window = r.NullableInt("sliding_window", 4096);
            var types = LayerTypeList(r, d.NumLayers, i => (i + 1) % 2 != 0 ? LayerTypes.SlidingAttention : LayerTypes.FullAttention);
            return StandardLayers(d, hd, GemmaShape(attnBias, act, qkNorm: "none"), i => types[i] == LayerTypes.SlidingAttention ? window : null);
        }

        /// <summary>
        /// Gemma3TextConfig: four norms per layer plus per-head q_norm/k_norm; layer i is full attention when
        /// (i+1) % sliding_window_pattern == 0 (default 6). With sparseDefaults (the nested text_config of a
        /// Gemma3ForConditionalGeneration checkpoint) every dimension may be omitted and takes the class default.
        /// </summary>
        private static ModelDraft Gemma3Text(ConfigReader r, bool sparseDefaults)
        {
            ModelDraft d = sparseDefaults
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
            return StandardLayers(d, hd, GemmaShape(attnBias, act, qkNorm: "per_head"), i => types[i] == LayerTypes.SlidingAttention ? window : null);
        }

        /// <summary>Gemma3ForConditionalGeneration: the text decoder (sparse text_config), a SigLIP vision tower and the projector.</summary>
        private static ModelDraft Gemma3(ConfigReader r)
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
    }
}
