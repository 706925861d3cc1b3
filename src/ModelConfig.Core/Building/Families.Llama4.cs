using System.Collections.Generic;
using System.Linq;
using ModelConfig.Core.Models;
using static ModelConfig.Core.Building.TensorGroups;

namespace ModelConfig.Core.Building
{
    internal static partial class Families
    {
        // ---- Llama 4 (Scout, Maverick): interleaved MoE with a shared expert, chunked attention with NoPE layers ----

        /// <summary>Llama4ForConditionalGeneration: the text decoder under text_config, plus the vision tower when vision_config is given.</summary>
        private static ModelDraft Llama4(ConfigReader r)
        {
            var arch = r.StrList("architectures");
            bool hasVision = r.Has("vision_config");
            var d = Llama4Text(r.Child("text_config"), "Llama4ForConditionalGeneration");
            d.Architecture = arch != null && arch.Count > 0 ? arch[0] : "Llama4ForConditionalGeneration";
            // A text-only copy of the config (as aiconfigurator ships it) describes no tower: count none rather than guess.
            if (hasVision) d.Vision = Llama4Vision(r.Child("vision_config"), d.HiddenSize);
            return d;
        }

        /// <summary>
        /// Llama4TextConfig (defaults are the class defaults, i.e. Scout's). MoE layers are moe_layers, else every
        /// interleave_moe_layer_step-th layer; each has routed experts (fused gate_up/down tensors), a bias-free router and one
        /// shared expert of width intermediate_size. Dense layers use intermediate_size_mlp. The QK norm is a weightless L2 norm.
        /// Layers with RoPE use chunked local attention (attention_chunk_size); every no_rope_layer_interval-th layer is a
        /// global NoPE layer (no_rope_layers[i] = 0), so the KV cache of most layers is bounded by the chunk.
        /// </summary>
        private static ModelDraft Llama4Text(ConfigReader r, string defaultArchitecture)
        {
            var d = Core(r, defaultArchitecture, tieDefault: false, hidden: 5120, layers: 48, vocab: 202048, heads: 40, kvDefault: 8,
                maxPosDefault: 4096 * 32);
            int hd = HeadDim(r, d, 128);
            bool attnBias = r.Bool("attention_bias", false);
            var act = Activation(r, "silu");
            long expertInter = r.PosInt("intermediate_size", 8192);
            long denseInter = r.PosInt("intermediate_size_mlp", 16384);
            int experts = r.Int("num_local_experts", 16);
            int topK = r.PosInt("num_experts_per_tok", 1);
            Check(r, experts >= 0, "num_local_experts", $"must not be negative, found {experts}");
            Check(r, experts == 0 || topK <= experts, "num_experts_per_tok", $"({topK}) exceeds num_local_experts ({experts})");
            int step = r.Int("interleave_moe_layer_step", 1);
            var moeLayers = r.Has("moe_layers")
                ? new HashSet<long>(r.LongList("moe_layers", new long[0]))
                : new HashSet<long>(step > 0 ? Enumerable.Range(0, d.NumLayers).Where(i => i % step == step - 1).Select(i => (long)i) : new long[0]);
            int? chunk = r.NullableInt("attention_chunk_size", 8192);
            Check(r, !chunk.HasValue || chunk.Value > 0, "attention_chunk_size", $"must be positive or null, found {chunk}");
            int interval = r.PosInt("no_rope_layer_interval", 4);
            var ropeFlags = r.Has("no_rope_layers")
                ? r.LongList("no_rope_layers", new long[0])
                : Enumerable.Range(0, d.NumLayers).Select(i => (i + 1) % interval != 0 ? 1L : 0L).ToList();
            Check(r, ropeFlags.Count == d.NumLayers, "no_rope_layers", $"lists {ropeFlags.Count} layers but num_hidden_layers is {d.NumLayers}");
            var types = LayerTypeList(r, d.NumLayers,
                i => ropeFlags[i] != 0 && chunk.HasValue ? LayerTypes.ChunkedAttention : LayerTypes.FullAttention);

            bool anyDense = false;
            for (int i = 0; i < d.NumLayers; i++)
            {
                bool chunked = types[i] == LayerTypes.ChunkedAttention && chunk.HasValue;
                bool isMoe = experts > 0 && moeLayers.Contains(i);
                anyDense |= !isMoe;
                var attention = Attention(d.HiddenSize, d.NumHeads, d.NumKvHeads, hd, attnBias, attnBias);
                if (chunked) attention.ChunkSize = chunk;
                d.AddLayer(chunked ? LayerTypes.ChunkedAttention : LayerTypes.FullAttention,
                    attention,
                    isMoe
                        ? Moe(d.HiddenSize, expertInter, experts, topK, true, false, act, routerParams: (long)experts * d.HiddenSize,
                            numShared: 1, sharedInter: expertInter)
                        : Dense(d.HiddenSize, denseInter, true, false, act),
                    Norms(Rms, false, d.HiddenSize, "input_layernorm", "post_attention_layernorm"));
            }
            d.IntermediateSize = anyDense ? denseInter : 0;
            d.FinalNorm = Norm("norm", Rms, false, d.HiddenSize);
            return d;
        }

        /// <summary>
        /// Llama4VisionModel (Llama4VisionConfig defaults) and Llama4MultiModalProjector: unfold-conv patch embedding (no bias),
        /// class token, learned positions for patches + 1, pre/post LayerNorm, an encoder of LayerNorm/attention/MLP layers with
        /// biases, the pixel-shuffle adapter MLP (two bias-free linears) and a bias-free projector to the text width.
        /// Checked: Scout's tower (1408 wide, 34 layers, 336 px) comes to 871,932,416, exactly the Hub total minus the text model.
        /// </summary>
        private static VisionSpec Llama4Vision(ConfigReader v, int textHidden)
        {
            int h = v.PosInt("hidden_size", 768);
            long inter = v.PosInt("intermediate_size", 5632);
            int layers = v.PosInt("num_hidden_layers", 34);
            v.PosInt("num_attention_heads", 16);
            int channels = v.PosInt("num_channels", 3);
            int image = v.PosInt("image_size", 448);
            int patch = v.PosInt("patch_size", 14);
            long projectorIn = v.PosInt("projector_input_dim", 4096);
            long projectorOut = v.PosInt("projector_output_dim", 4096);
            long visionOut = v.PosInt("vision_output_dim", 7680);
            bool projectorBias = v.Bool("multi_modal_projector_bias", false);
            long patches = (long)(image / patch) * (image / patch);
            long tower = Linear((long)channels * patch * patch, h, false) + h + (patches + 1) * h + 2 * 2L * h;
            long layer = 4 * Linear(h, h, true) + Linear(h, inter, true) + Linear(inter, h, true) + 2 * 2L * h;
            tower += layers * layer;
            tower += Linear(inter, projectorIn, false) + Linear(projectorOut, projectorOut, false);
            long projector = Linear(visionOut, textHidden, projectorBias);
            return new VisionSpec { Kind = "llama4_vision", NumLayers = layers, HiddenSize = h, TowerParams = tower, ProjectorParams = projector };
        }
    }
}
