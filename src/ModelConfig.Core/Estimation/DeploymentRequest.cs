using ModelConfig.Core.Hardware;
using ModelConfig.Core.Models;

namespace ModelConfig.Core.Estimation
{
    /// <summary>
    /// What to estimate: a model on some hardware with a parallel layout, precisions, a load and request lengths.
    /// Every property left null is filled with a default that the estimate states in its Assumptions.
    /// </summary>
    public sealed partial class DeploymentRequest
    {
        public ModelConfiguration Model { get; set; } = null!;
        public HardwareConfig Hardware { get; set; } = null!;

        /// <summary>Tensor-parallel degree; null: the fewest GPUs (a power of 2 dividing the heads) that fit.</summary>
        public int? TensorParallel { get; set; }
        public int PipelineParallel { get; set; } = 1;
        /// <summary>Expert-parallel degree inside the TP group (1: experts sharded by TP; = TP: experts distributed).</summary>
        public int ExpertParallel { get; set; } = 1;
        /// <summary>Attention runs data-parallel (full attention weights per GPU, sequences split) while MoE/MLP uses TP/EP.</summary>
        public bool DataParallelAttention { get; set; }

        /// <summary>bf16 (default), fp16, fp8, int8, int4, fp4/nvfp4, mxfp4. On MoE models mxfp4 applies to the routed experts only (as gpt-oss publishes it). Embeddings and lm_head stay 16-bit.</summary>
        public string? WeightPrecision { get; set; }
        /// <summary>KV-cache element type; null: the activation dtype (bf16).</summary>
        public string? KvCachePrecision { get; set; }

        /// <summary>Static batch size (all sequences start and end together). Exactly one of BatchSize/Concurrency; default BatchSize 1.</summary>
        public int? BatchSize { get; set; }
        /// <summary>Closed-loop continuous batching with this many requests in flight.</summary>
        public int? Concurrency { get; set; }
        /// <summary>Concurrency mode: total requests of the benchmark run. When given, the initial burst (all N requests arriving together) is included in the mean TTFT.</summary>
        public int? NumRequests { get; set; }

        public int InputLength { get; set; }
        public int OutputLength { get; set; }

        /// <summary>Serving engine: vllm, trtllm, sglang ... selects the per-step overhead; null: the generic calibrated value.</summary>
        public string? Framework { get; set; }

        // ---- overrides (null: hardware file efficiency, else calibration) ----
        /// <summary>Fraction of dense peak a large GEMM reaches.</summary>
        public double? ComputeEfficiency { get; set; }
        /// <summary>Fraction of peak memory bandwidth reached by weight/KV streaming.</summary>
        public double? MemoryEfficiency { get; set; }
        /// <summary>Fraction of the per-direction scale-up bandwidth collectives reach.</summary>
        public double? CommunicationEfficiency { get; set; }
        /// <summary>Fixed time per forward step (scheduler, sampling, launch), ms.</summary>
        public double? StepOverheadMs { get; set; }
        /// <summary>Fixed time per decoder layer per step (kernel launch and tail), microseconds.</summary>
        public double? LayerOverheadUs { get; set; }
        /// <summary>Memory held by the framework and CUDA context, per GPU, GB; null: calibrated fraction of capacity.</summary>
        public double? ReservedMemoryGB { get; set; }
        /// <summary>Calibration set to use; null: <see cref="EstimatorCalibration.Default"/>.</summary>
        public EstimatorCalibration? Calibration { get; set; }
        /// <summary>Calibration-profile hook (issue 11): overrides named parameters of <see cref="Calibration"/> and annotates the estimate; null: none.</summary>
        public ICalibrationOverlay? CalibrationOverlay { get; set; }

        /// <summary>Add the per-layer prefill/decode breakdown and comms records.</summary>
        public bool IncludeLayers { get; set; }

        /// <summary>A copy of the request as it is now (the estimate states its assumptions from it later); model, hardware and calibration are shared.</summary>
        internal DeploymentRequest Snapshot()
        {
            var c = (DeploymentRequest)MemberwiseClone();
            c.Disaggregation = Disaggregation?.Copy();
            return c;
        }
    }
}
