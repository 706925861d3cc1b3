using System;
using System.Collections.Generic;
using System.Linq;
using ModelConfig.Core.Models;
using static ModelConfig.Core.Building.TensorGroups;

namespace ModelConfig.Core.Building
{
    internal static partial class Families
    {
        // Llama lineage: Llama, Granite, SmolLM3, Mistral, Mixtral

        private static ModelDraft Llama(ConfigReader r) => LlamaLike(r, "LlamaForCausalLM", tieDefault: false, kvDefault: null);

        /// <summary>Granite: Llama shapes; embedding/residual/attention multipliers and logits_scaling are scalars without parameters.</summary>
        private static ModelDraft Granite(ConfigReader r) => LlamaLike(r, "GraniteForCausalLM", tieDefault: false, kvDefault: null);

        /// <summary>
        /// LlamaConfig / GraniteConfig / SmolLM3Config: attention_bias and mlp_bias (default false), head_dim default hidden/heads.
        /// SmolLM3's NoPE layers (no_rope_layers) change no parameter.
        /// </summary>
        private static ModelDraft LlamaLike(ConfigReader r, string arch, bool tieDefault, int? kvDefault)
        {
            var d = Core(r, arch, tieDefault, kvDefault: kvDefault);
            int hd = HeadDim(r, d);
            d.IntermediateSize = r.PosInt("intermediate_size");
            bool attnBias = r.Bool("attention_bias", false);
            bool mlpBias = r.Bool("mlp_bias", false);
            var act = Activation(r, "silu");
            return StandardLayers(d, hd, new LayerShape { QkvBias = attnBias, OutputBias = attnBias, MlpBias = mlpBias, Activation = act });
        }

        private static ModelDraft Mistral(ConfigReader r)
        {
            var d = Core(r, "MistralForCausalLM", false, kvDefault: 8);
            int hd = HeadDim(r, d);
            d.IntermediateSize = r.PosInt("intermediate_size");
            int? window = r.NullableInt("sliding_window", 4096);
            var act = Activation(r, "silu");
            return StandardLayers(d, hd, new LayerShape { Activation = act }, _ => window);
        }

        private static ModelDraft Mixtral(ConfigReader r)
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
            return StandardLayers(d, hd, new LayerShape { Activation = act }, _ => window,
                _ => Moe(d.HiddenSize, expertInter, experts, topK, true, false, act, routerParams: (long)experts * d.HiddenSize));
        }
    }
}
