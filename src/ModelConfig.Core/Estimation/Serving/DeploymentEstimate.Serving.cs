namespace ModelConfig.Core.Estimation
{
    /// <summary>The figures of the offline, open-loop, disaggregated and speculative modes (null when the mode is off).</summary>
    public partial class DeploymentEstimate
    {
        /// <summary>Offline / open loop: requests of the run.</summary>
        public int? NumRequests { get; set; }
        /// <summary>Open loop: requests per second offered.</summary>
        public double? RequestRate { get; set; }
        /// <summary>Sequences in the running batch of one replica (decode worker) in steady state.</summary>
        public double? RunningBatch { get; set; }
        /// <summary>Open loop: the offered rate exceeds what the deployment serves; the queue grows over the run (FitReason says why).</summary>
        public bool Saturated { get; set; }

        public double? TtftP50Ms { get; set; }
        public double? TtftP90Ms { get; set; }
        public double? TtftP99Ms { get; set; }
        public double? TpotP50Ms { get; set; }
        public double? TpotP90Ms { get; set; }
        public double? TpotP99Ms { get; set; }
        public double? EndToEndLatencyP50Ms { get; set; }
        public double? EndToEndLatencyP90Ms { get; set; }
        public double? EndToEndLatencyP99Ms { get; set; }

        /// <summary>Disaggregated: GPUs of all prefill workers and of all decode workers.</summary>
        public int? PrefillGpus { get; set; }
        public int? DecodeGpus { get; set; }
        /// <summary>Disaggregated: time to move one prompt's KV cache from a prefill to a decode worker.</summary>
        public double? KvTransferMs { get; set; }
        /// <summary>Disaggregated: output tokens/s divided by the decode GPUs only (InferenceMAX's per-GPU figure).</summary>
        public double? OutputTokensPerSecondPerDecodeGpu { get; set; }
        /// <summary>Disaggregated: Prefill or Decode, the pool that runs closest to its capacity.</summary>
        public string? LimitingPool { get; set; }

        /// <summary>Speculative decoding: method, draft length and expected tokens per verify step incl. the bonus token.</summary>
        /// <remarks>The <see cref="Estimation.SpeculativeMethod"/> by name, so that ConvertTo-Json writes a name (see <see cref="DeploymentEstimate.Mode"/>).</remarks>
        public string SpeculativeMethod => Speculative.ToString();
        internal SpeculativeMethod Speculative { get; set; }
        public int? SpeculativeTokens { get; set; }
        public double? AcceptanceRate { get; set; }
        public double? AcceptedTokensPerStep { get; set; }
        public double? PrefixCacheHitRate { get; set; }
    }
}
