using System;
using System.Collections.Generic;
using System.Linq;
using ModelConfig.Core.Models;
using static ModelConfig.Core.Building.TensorGroups;

namespace ModelConfig.Core.Building
{
    internal static partial class Families
    {
        // InternLM lineage: InternLM2 / 2.5

        /// <summary>InternLM2 (remote code): fused wqkv and wo with config.bias (default true), bias-free MLP, untied output.</summary>
        private static ModelDraft InternLM2(ConfigReader r)
        {
            var d = Core(r, "InternLM2ForCausalLM", false);
            int hd = d.HiddenSize / d.NumHeads;
            d.HeadDim = hd;
            d.IntermediateSize = r.PosInt("intermediate_size");
            bool bias = r.Bool("bias", true);
            var act = Activation(r, "silu");
            return StandardLayers(d, hd, new LayerShape
            {
                QkvBias = bias, OutputBias = bias, Activation = act, NormNames = new[] { "attention_norm", "ffn_norm" },
            });
        }
    }
}
