using System;
using System.Collections.Generic;
using System.Linq;
using ModelConfig.Core.Models;
using static ModelConfig.Core.Building.TensorGroups;

namespace ModelConfig.Core.Building
{
    internal static partial class Families
    {
        // Phi lineage: phi-1/1.5/2 and Phi-3/Phi-4-mini

        /// <summary>Phi3: fused qkv_proj and gate_up_proj (same counts as separate), no biases, one sliding_window for all layers.</summary>
        private static ModelDraft Phi3(ConfigReader r)
        {
            var d = Core(r, "Phi3ForCausalLM", false);
            int hd = HeadDim(r, d);
            d.IntermediateSize = r.PosInt("intermediate_size");
            int? window = r.NullableInt("sliding_window", null);
            var act = Activation(r, "silu");
            return StandardLayers(d, hd, new LayerShape { Activation = act }, _ => window);
        }

        /// <summary>
        /// Phi (phi-1/1.5/2): one LayerNorm feeding attention and MLP in parallel, biases on every linear (lm_head too),
        /// optional per-head LayerNorm QK-norm (weight and bias), untied.
        /// </summary>
        private static ModelDraft Phi(ConfigReader r)
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
    }
}
