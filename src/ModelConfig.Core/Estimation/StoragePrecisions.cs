using static ModelConfig.Core.Estimation.AssumptionLog;

namespace ModelConfig.Core.Estimation
{
    /// <summary>Element types and their storage cost: weights (dense and routed experts may differ), KV cache, activations.</summary>
    internal sealed class StoragePrecisions
    {
        /// <summary>Activations and logits travel in bf16 whatever the weights are stored in.</summary>
        public const double ActivationBytes = 2;
        /// <summary>Recurrent state (linear attention, Mamba) is kept in fp32 by the engines: it accumulates over the whole sequence.</summary>
        public const double RecurrentStateBytes = 4;

        private StoragePrecisions(string weightDtype, string kvDtype, bool expertsOnly)
        {
            WeightDtype = weightDtype;
            KvDtype = kvDtype;
            ExpertsOnly = expertsOnly;
            ExpertWeightBytes = Precision.BytesPerElement(weightDtype);
            DenseWeightBytes = expertsOnly ? 2.0 : ExpertWeightBytes;
            KvBytes = Precision.BytesPerElement(kvDtype);
        }

        public string WeightDtype { get; }
        public string KvDtype { get; }
        /// <summary>The weight precision covers the routed experts only; everything else stays bf16.</summary>
        public bool ExpertsOnly { get; }
        public double ExpertWeightBytes { get; }
        public double DenseWeightBytes { get; }
        public double KvBytes { get; }

        public static StoragePrecisions Resolve(DeploymentRequest r, AssumptionLog log)
        {
            var weight = Precision.Normalize(r.WeightPrecision, "bf16", "weight");
            if (r.WeightPrecision == null) log.Note("weight_precision", null, "default", "Weights bf16 by default.");
            var kv = Precision.Normalize(r.KvCachePrecision, "bf16", "kv");
            if (r.KvCachePrecision == null) log.Note("kv_cache_precision", null, "default", "KV cache in the activation dtype (bf16) by default.");
            var p = new StoragePrecisions(weight, kv, Precision.ExpertsOnly(weight) && ModelPlan.Of(r.Model).IsMoe);
            if (p.ExpertsOnly)
                log.Note("weight_precision_scope", null, "default", $"{weight} applies to the routed experts only; attention, router, dense MLP, embeddings and lm_head stay bf16.");
            // a conditional text is a plain string, formatted at once: only when the notes are kept
            if (!log.Discard) log.Note("weight_bytes", p.ExpertWeightBytes, "model", p.ExpertWeightBytes < 1
                ? $"{weight}: {F(p.ExpertWeightBytes * 8)} bits per weight including block scales; embeddings and lm_head stay 16-bit."
                : $"{weight}: {F(p.ExpertWeightBytes * 8)} bits per weight; embeddings and lm_head stay 16-bit.");
            return p;
        }
    }
}
