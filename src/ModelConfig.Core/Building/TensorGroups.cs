using System.Collections.Generic;
using ModelConfig.Core.Models;

namespace ModelConfig.Core.Building
{
    /// <summary>Parameter arithmetic for the tensor groups transformers builds; every count is exact, no estimate.</summary>
    internal static class TensorGroups
    {
        public static long Linear(long inFeatures, long outFeatures, bool bias) => inFeatures * outFeatures + (bias ? outFeatures : 0);

        public static string FormOf(int heads, int kvHeads) =>
            kvHeads == heads ? AttentionForms.Mha : kvHeads == 1 ? AttentionForms.Mqa : AttentionForms.Gqa;

        /// <summary>
        /// Standard multi-head attention: q (heads x headDim, doubled when the query also carries an output gate), k and v
        /// (kvHeads x headDim), o back to hidden; optional biases, QK-norm weights and per-head sinks.
        /// </summary>
        public static AttentionSpec Attention(long hidden, int heads, int kvHeads, int headDim, bool qkvBias, bool outBias,
            string qkNorm = "none", bool sinks = false, int? window = null, bool gatedQuery = false)
        {
            long q = (long)heads * headDim, kv = (long)kvHeads * headDim;
            long p = Linear(hidden, gatedQuery ? 2 * q : q, qkvBias) + 2 * Linear(hidden, kv, qkvBias) + Linear(q, hidden, outBias);
            if (qkNorm == "per_head") p += 2L * headDim;
            else if (qkNorm == "full_width") p += q + kv;
            if (sinks) p += heads;
            return new AttentionSpec
            {
                Form = FormOf(heads, kvHeads),
                NumHeads = heads,
                NumKvHeads = kvHeads,
                HeadDim = headDim,
                VHeadDim = headDim,
                SlidingWindow = window,
                QkvBias = qkvBias,
                OutputBias = outBias,
                QkNorm = qkNorm,
                Sinks = sinks,
                Params = p,
            };
        }

        public static long MlpParams(long hidden, long inter, bool gated, bool bias) =>
            gated ? 2 * Linear(hidden, inter, bias) + Linear(inter, hidden, bias) : Linear(hidden, inter, bias) + Linear(inter, hidden, bias);

        public static FeedForwardSpec Dense(long hidden, long inter, bool gated, bool bias, string activation) => new FeedForwardSpec
        {
            Form = "dense",
            Activation = activation,
            Gated = gated,
            Bias = bias,
            IntermediateSize = inter,
            Params = MlpParams(hidden, inter, gated, bias),
        };

        /// <summary>A routed MoE layer. routerParams covers the gate weight and any gate bias / score-correction bias.</summary>
        public static FeedForwardSpec Moe(long hidden, long expertInter, int experts, int topK, bool gated, bool expertBias, string activation,
            long routerParams, int numShared = 0, long sharedInter = 0, long sharedExtraParams = 0)
        {
            long perExpert = MlpParams(hidden, expertInter, gated, expertBias);
            long shared = sharedInter > 0 ? MlpParams(hidden, sharedInter, gated, false) + sharedExtraParams : 0;
            return new FeedForwardSpec
            {
                Form = "moe",
                Activation = activation,
                Gated = gated,
                Bias = expertBias,
                IntermediateSize = expertInter,
                NumExperts = experts,
                TopK = topK,
                NumSharedExperts = numShared,
                SharedIntermediateSize = sharedInter,
                RouterParams = routerParams,
                ParamsPerExpert = perExpert,
                SharedExpertParams = shared,
                Params = experts * perExpert + shared + routerParams,
            };
        }

        public static List<NormSpec> Norms(string kind, bool bias, long size, params string[] names)
        {
            var list = new List<NormSpec>(names.Length);
            foreach (var n in names) list.Add(new NormSpec { Name = n, Kind = kind, Size = size, Bias = bias });
            return list;
        }

        public static NormSpec Norm(string name, string kind, bool bias, long size) => new NormSpec { Name = name, Kind = kind, Size = size, Bias = bias };

        public const string Rms = "rms_norm";
        public const string Ln = "layer_norm";
    }
}
