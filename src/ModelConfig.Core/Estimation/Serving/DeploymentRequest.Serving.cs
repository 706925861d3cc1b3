using ModelConfig.Core.Models;

namespace ModelConfig.Core.Estimation
{
    /// <summary>How open-loop requests arrive (vLLM benchmark_serving: gamma inter-arrivals, shape = burstiness).</summary>
    public enum ArrivalProcess
    {
        /// <summary>Gamma inter-arrival times with shape = Burstiness and mean 1/rate; Burstiness 1 is a Poisson process.</summary>
        Poisson,
        /// <summary>One request every 1/rate seconds.</summary>
        Constant,
    }

    /// <summary>Who drafts the tokens the target model verifies.</summary>
    public enum SpeculativeMethod
    {
        None,
        /// <summary>The model's own multi-token-prediction (next-n) layers (DeepSeek-V3/R1).</summary>
        Mtp,
        /// <summary>An EAGLE head: one decoder layer on the target's hidden states plus the target's lm_head.</summary>
        Eagle,
        /// <summary>A separate, smaller model of the library (DraftModel).</summary>
        DraftModel,
    }

    /// <summary>Prefill/decode disaggregation: workers of each side, each one replica with its own layout.</summary>
    public sealed class DisaggregatedPools
    {
        public int PrefillWorkers { get; set; } = 1;
        public int PrefillTensorParallel { get; set; } = 1;
        public int PrefillExpertParallel { get; set; } = 1;
        public bool PrefillDataParallelAttention { get; set; }
        public int DecodeWorkers { get; set; } = 1;
        public int DecodeTensorParallel { get; set; } = 1;
        public int DecodeExpertParallel { get; set; } = 1;
        public bool DecodeDataParallelAttention { get; set; }

        public int PrefillGpus => PrefillWorkers * PrefillTensorParallel;
        public int DecodeGpus => DecodeWorkers * DecodeTensorParallel;

        // Export-Csv writes this for PlannedDeployment.Disaggregation.
        public override string ToString() =>
            $"prefill {PrefillWorkers}x TP{PrefillTensorParallel}{Ep(PrefillExpertParallel, PrefillDataParallelAttention)} + decode {DecodeWorkers}x TP{DecodeTensorParallel}{Ep(DecodeExpertParallel, DecodeDataParallelAttention)}";

        private static string Ep(int ep, bool dpa) => (ep > 1 ? "EP" + ep : "") + (dpa ? "DPA" : "");

        internal DisaggregatedPools Copy() => (DisaggregatedPools)MemberwiseClone();
    }

    public sealed partial class DeploymentRequest
    {
        /// <summary>Offline max throughput: every one of NumRequests requests is queued at t=0 (default 1000 requests).</summary>
        public bool Offline { get; set; }
        /// <summary>Open loop: requests arrive at this many per second (ArrivalProcess, Burstiness).</summary>
        public double? RequestRate { get; set; }
        public ArrivalProcess ArrivalProcess { get; set; } = ArrivalProcess.Poisson;
        /// <summary>Gamma shape of the inter-arrival times (vLLM --burstiness); null: 1 (Poisson). Ignored for Constant arrivals.</summary>
        public double? Burstiness { get; set; }
        /// <summary>Engine limit on the running batch per replica (per attention rank under DP attention, as TensorRT-LLM counts it).</summary>
        public int? MaxBatchSize { get; set; }
        /// <summary>Engine limit on tokens per forward step (prefill chunks plus decode tokens).</summary>
        public int? MaxNumTokens { get; set; }
        /// <summary>Separate prefill and decode workers; null: aggregated serving.</summary>
        public DisaggregatedPools? Disaggregation { get; set; }
        public SpeculativeMethod SpeculativeMethod { get; set; } = SpeculativeMethod.None;
        /// <summary>Draft tokens per step (next-n for MTP); null: the model's MTP layer count, else 3.</summary>
        public int? SpeculativeTokens { get; set; }
        /// <summary>Probability that each drafted token is accepted; null: the method's published default.</summary>
        public double? AcceptanceRate { get; set; }
        /// <summary>The draft model of SpeculativeMethod DraftModel.</summary>
        public ModelConfiguration? DraftModel { get; set; }
        /// <summary>Share of prompt tokens found in the prefix cache (0..1).</summary>
        public double? PrefixCacheHitRate { get; set; }
    }
}

namespace ModelConfig.Core.Estimation
{
    public sealed partial class DeploymentRequest
    {
        /// <summary>One worker of a disaggregated pool as an aggregated request: the pool's layout, no further disaggregation.</summary>
        internal DeploymentRequest ForPool(int tensorParallel, int expertParallel, bool dataParallelAttention)
        {
            var c = (DeploymentRequest)MemberwiseClone();
            c.TensorParallel = tensorParallel;
            c.ExpertParallel = expertParallel;
            c.DataParallelAttention = dataParallelAttention;
            c.PipelineParallel = 1;
            c.Disaggregation = null;
            // a worker is sized like an offline replica: memory for its weights, the running batch found from its KV cache
            c.Offline = true;
            c.NumRequests = NumRequests ?? DeploymentDefaults.NumRequests;
            c.Concurrency = null;
            c.RequestRate = null;
            c.BatchSize = null;
            return c;
        }
    }
}
