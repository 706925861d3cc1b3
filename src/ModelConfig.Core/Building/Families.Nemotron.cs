using System;
using System.Collections.Generic;
using System.Linq;
using ModelConfig.Core.Models;
using static ModelConfig.Core.Building.TensorGroups;

namespace ModelConfig.Core.Building
{
    internal static partial class Families
    {
        // Nemotron lineage: Nemotron-H (Mamba, attention and MLP layers)

        /// <summary>
        /// Nemotron-H: hybrid_override_pattern gives each layer's mixer (M = Mamba2, * = attention, - = MLP); every layer is one
        /// RMSNorm plus its mixer.
        /// </summary>
        private static ModelDraft NemotronH(ConfigReader r)
        {
            var d = Core(r, "NemotronHForCausalLM", false, kvDefault: 8);
            int h = d.HiddenSize;
            string pattern = r.Str("hybrid_override_pattern", null) ?? throw r.Invalid("hybrid_override_pattern", "is required by this architecture but is missing or null");
            if (pattern.Length != d.NumLayers) throw r.Invalid("hybrid_override_pattern", $"has {pattern.Length} entries but num_hidden_layers is {d.NumLayers}");
            int hd = d.HeadDim = r.PosInt("attention_head_dim", () => h / d.NumHeads);
            bool attnBias = r.Bool("attention_bias", false);
            d.IntermediateSize = r.PosInt("intermediate_size");
            bool mlpBias = r.Bool("mlp_bias", false);
            var mlpAct = r.Str("mlp_hidden_act", "relu2")!;
            int mHeads = 0, mHeadDim = 0, state = 0, groups = 0, kernel = 0;
            bool useBias = false, convBias = true;
            if (pattern.IndexOf('M') >= 0)
            {
                mHeads = r.PosInt("mamba_num_heads");
                mHeadDim = r.PosInt("mamba_head_dim");
                state = r.PosInt("ssm_state_size");
                groups = r.PosInt("n_groups");
                kernel = r.PosInt("conv_kernel");
                useBias = r.Bool("use_bias", false);
                convBias = r.Bool("use_conv_bias", true);
            }
            long mInter = (long)mHeads * mHeadDim, convDim = mInter + 2L * groups * state;
            long mambaParams = Linear(h, mInter + convDim + mHeads, useBias) + convDim * kernel + (convBias ? convDim : 0)
                + 3L * mHeads + mInter + Linear(mInter, h, useBias);
            for (int i = 0; i < d.NumLayers; i++)
            {
                var norm = Norms(Rms, false, h, "norm");
                switch (pattern[i])
                {
                    case 'M':
                        d.AddLayer(LayerTypes.Mamba, new AttentionSpec
                        {
                            Form = AttentionForms.Mamba,
                            NumHeads = mHeads,
                            NumKvHeads = groups,
                            HeadDim = mHeadDim,
                            VHeadDim = mHeadDim,
                            StateElementsPerSequence = (long)mHeads * mHeadDim * state + convDim * (kernel - 1),
                            Params = mambaParams,
                        }, null, norm);
                        break;
                    case '*':
                        d.AddLayer(LayerTypes.FullAttention, Attention(h, d.NumHeads, d.NumKvHeads, hd, attnBias, attnBias), null, norm);
                        break;
                    case '-':
                        d.AddLayer(LayerTypes.MlpOnly, null, Dense(h, d.IntermediateSize, false, mlpBias, mlpAct), norm);
                        break;
                    default:
                        throw r.Invalid("hybrid_override_pattern", $"has '{pattern[i]}' at layer {i}; this builder knows M (Mamba2), * (attention) and - (MLP)");
                }
            }
            d.FinalNorm = Norm("norm_f", Rms, false, h);
            return d;
        }
    }
}
