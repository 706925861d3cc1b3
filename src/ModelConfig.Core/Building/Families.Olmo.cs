using System;
using System.Collections.Generic;
using System.Linq;
using ModelConfig.Core.Models;
using static ModelConfig.Core.Building.TensorGroups;

namespace ModelConfig.Core.Building
{
    internal static partial class Families
    {
        // OLMo lineage: OLMo-2

        /// <summary>OLMo-2: norms after attention and MLP, QK-norm over the whole projection width.</summary>
        private static ModelDraft Olmo2(ConfigReader r)
        {
            var d = Core(r, "Olmo2ForCausalLM", false);
            int hd = HeadDim(r, d);
            d.IntermediateSize = r.PosInt("intermediate_size");
            bool attnBias = r.Bool("attention_bias", false);
            var act = Activation(r, "silu");
            return StandardLayers(d, hd, new LayerShape
            {
                QkvBias = attnBias, OutputBias = attnBias, QkNorm = "full_width", Activation = act,
                NormNames = new[] { "post_attention_layernorm", "post_feedforward_layernorm" },
            });
        }
    }
}
