using System;
using System.Collections.Generic;
using System.Linq;
using ModelConfig.Core.Models;
using static ModelConfig.Core.Building.TensorGroups;

namespace ModelConfig.Core.Building
{
    internal static partial class Families
    {
        // StarCoder lineage: StarCoder2

        /// <summary>StarCoder2: biases everywhere (use_bias), LayerNorm with bias, plain 2-matrix MLP, tied by default.</summary>
        private static ModelDraft Starcoder2(ConfigReader r)
        {
            var d = Core(r, "Starcoder2ForCausalLM", true, kvDefault: 2);
            int hd = HeadDim(r, d);
            d.IntermediateSize = r.PosInt("intermediate_size");
            bool bias = r.Bool("use_bias", true);
            int? window = r.NullableInt("sliding_window", null);
            var act = Activation(r, "gelu_pytorch_tanh");
            return StandardLayers(d, hd, new LayerShape
            {
                QkvBias = bias, OutputBias = bias, GatedMlp = false, MlpBias = bias, Activation = act, NormKind = Ln, NormBias = true,
            }, _ => window);
        }
    }
}
