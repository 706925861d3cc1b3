using System;
using System.Collections.Generic;
using System.Linq;
using ModelConfig.Core.Models;
using static ModelConfig.Core.Building.TensorGroups;

namespace ModelConfig.Core.Building
{
    internal static partial class Families
    {
        // Cohere lineage: Command-R, Aya

        /// <summary>Cohere: one bias-free LayerNorm feeding attention and MLP in parallel; optional per-head-weighted QK-norm; tied.</summary>
        private static ModelDraft Cohere(ConfigReader r)
        {
            var d = Core(r, "CohereForCausalLM", true);
            int hd = HeadDim(r, d);
            d.IntermediateSize = r.PosInt("intermediate_size");
            bool attnBias = r.Bool("attention_bias", false);
            bool qkNorm = r.Bool("use_qk_norm", false);
            var act = Activation(r, "silu");
            // CohereLayerNorm((heads, head_dim)) holds heads*head_dim weights: the same count as a full-width norm.
            return StandardLayers(d, hd, new LayerShape
            {
                QkvBias = attnBias, OutputBias = attnBias, QkNorm = qkNorm ? "full_width" : "none", Activation = act,
                NormKind = Ln, NormNames = new[] { "input_layernorm" }, Parallel = true,
            });
        }
    }
}
