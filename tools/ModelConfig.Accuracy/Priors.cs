using System.Collections.Generic;
using ModelConfig.Core.Estimation;

namespace ModelConfig.Accuracy
{
    /// <summary>
    /// Per-generation priors from public microbenchmarks. They are what a generation gets when the calibration set has
    /// no (or, in a hold-out fold, no more) data on it, and what its fitted values are pulled towards. Each states its source.
    /// </summary>
    internal static class Priors
    {

        /// <summary>A fresh table of generation entries holding only priors.</summary>
        public static Dictionary<string, FamilyCalibration> Generations() => new Dictionary<string, FamilyCalibration>(System.StringComparer.OrdinalIgnoreCase)
        {
            ["nvidia/ampere"] = new FamilyCalibration { GemmEfficiency16 = 0.72, Source = "prior: A100 SXM dense FP16/BF16 GEMMs reach ~230-250 of 312 TFLOPS in cuBLAS at large shapes (NVIDIA A100 whitepaper / MLPerf-era cuBLAS benchmarks; FlashAttention-2 paper, Dao 2023: 50-73% of peak for attention), ~1.7-1.8 of 2.0 TB/s HBM2e in streaming tests" },
            ["nvidia/ada"] = new FamilyCalibration { GemmEfficiency16 = 0.55, GemmEfficiency8 = 0.5, Source = "prior: L40S is a 350 W PCIe card whose sustained tensor clock sits well below the boost clock the 362 TFLOPS FP16 peak is quoted at, so dense GEMMs reach about half of it (public L40S GEMM sweeps report ~180-220 TFLOPS FP16)" },
            ["nvidia/hopper"] = new FamilyCalibration { GemmEfficiency16 = 0.70, GemmEfficiency8 = 0.60, Source = "prior: H100 SXM dense BF16 GEMMs reach ~700-750 of 989 TFLOPS and FP8 ~1,200-1,300 of 1,979 TFLOPS in cuBLASLt at large shapes (SemiAnalysis 'MI300X vs H100 vs H200 Benchmark Part 1', Dec 2024; FlashAttention-3 paper, Shah et al. 2024: FP8 attention ~1.2 PFLOPS, BF16 740 TFLOPS = 75%), less at inference shapes" },
            ["nvidia/blackwell"] = new FamilyCalibration { GemmEfficiency16 = 0.70, GemmEfficiency8 = 0.65, GemmEfficiency4 = 0.55, Source = "prior: B200 dense BF16/FP8 GEMMs at ~70%/65% of 2.25/4.5 PFLOPS and NVFP4 at ~55% of 9 PFLOPS (CUTLASS/cuBLASLt Blackwell GEMM results published with TensorRT-LLM 1.0 and FlashInfer), HBM3e at ~90% of 8 TB/s" },
            ["amd/cdna3"] = new FamilyCalibration { GemmEfficiency16 = 0.45, GemmEfficiency8 = 0.37, MemoryEfficiency = 0.78, KernelOverheadScale = 1.6, CollectiveLatencyUs = 25, Source = "prior: MI300X reaches ~45-50% of its 1,307 TFLOPS BF16 and ~35-40% of its 2,615 TFLOPS FP8 dense peak in hipBLASLt GEMMs (SemiAnalysis, Dec 2024), ~4.0-4.3 of 5.3 TB/s HBM in streaming tests; HIP kernel dispatch and RCCL/custom all-reduce small-message latency are higher than CUDA graphs/NVLS on H100 (ROCm vLLM/SGLang tuning guides)" },
            ["amd/cdna4"] = new FamilyCalibration { GemmEfficiency16 = 0.45, GemmEfficiency8 = 0.37, GemmEfficiency4 = 0.35, MemoryEfficiency = 0.78, KernelOverheadScale = 1.6, CollectiveLatencyUs = 25, Source = "prior: MI355X taken as CDNA3 efficiencies (same software stack, AMD-published MI355X-vs-MI300X gains track the datasheet peaks), MXFP4 GEMMs at ~35% of the 10 PF dense peak (early hipBLASLt/AITER MXFP4 kernels); refined by the fit where the calibration set has MI355X rows" },
        };

        /// <summary>
        /// Engines' documented defaults: token budget per step, whether decode runs as CUDA/HIP graphs, and the prior of the
        /// fixed cost per forward step. Engines that overlap the host's scheduling of step n+1 with the GPU's step n leave only
        /// sampling and one host sync per step exposed (prior 0.3 ms); a runtime that schedules between steps pays all of it
        /// (prior 1 ms). These priors are what an engine gets when the calibration set has no (or, in a hold-out fold, no more)
        /// data on it.
        /// </summary>
        public static void EngineDefaults(EstimatorCalibration c)
        {
            void Set(string key, int? budget, bool graphs, double stepMs, string note)
            {
                if (!c.Frameworks.TryGetValue(key, out var f)) c.Frameworks[key] = f = new FrameworkCalibration();
                f.MaxTokensPerStep = budget; f.CudaGraphs = graphs; f.Note = note;
                f.StepOverheadMs = stepMs;
            }
            Set("vllm/concurrency", 8192, true, StepOverheadPrior("vllm/concurrency"), "vLLM V1 server: max_num_batched_tokens 8192 on >=70 GiB GPUs, decode under piecewise CUDA graphs (vLLM docs, engine args); async scheduling (host schedules step n+1 while the GPU runs step n) on by default from the Q4 2025 roadmap (vLLM PR #27614)");
            Set("sglang/concurrency", 8192, true, StepOverheadPrior("sglang/concurrency"), "SGLang: chunked_prefill_size 8192 on 80-160 GB GPUs, decode CUDA graphs up to cuda_graph_max_bs (SGLang server arguments); zero-overhead overlap scheduler by default since v0.4 (LMSYS blog, 2024-12-04)");
            Set("trtllm/concurrency", 8192, true, StepOverheadPrior("trtllm/concurrency"), "TensorRT-LLM PyTorch backend / trtllm-serve: max_num_tokens 8192, CUDA graphs with padding (TensorRT-LLM perf overview); overlap scheduler enabled by default (TensorRT-LLM docs, 'Overlap Scheduler')");
            // not fitted: the per-request host work of the PyTorch executor at offline batch sizes, from public traces
            // (TensorRT-LLM PR #16564: ~8.8 ms per iteration at 256 requests on GB200 = 34 µs; issue #13957: ~580 µs at 64 on B200 = 9 µs)
            c.Frameworks["trtllm/concurrency"].OfflineHostPerSequenceUs = OfflineHostPerSequencePriorUs;
            // not fitted: the cache transceiver's KV hand-off in disaggregated serving, from TensorRT-LLM PR #12273's baseline
            // (Qwen3-235B-A22B-FP4, 8,192-token prompts, context TEP4: transfer median 10.8 ms for 197 MB per context GPU,
            // prepare_args median 8.1 ms per request)
            c.Frameworks["trtllm/concurrency"].KvTransferGBsPerGpu = KvTransferGBsPerGpuPrior;
            c.Frameworks["trtllm/concurrency"].KvTransferSetupMs = KvTransferSetupMsPrior;
            Set("trtllm/static_batch", null, false, StepOverheadPrior("trtllm/static_batch"), "TensorRT-LLM 0.5-0.9 engines run by the static-batch benchmark: no CUDA graphs (eager enqueue per kernel)");
        }

        /// <summary>
        /// Host µs per running sequence per step of TensorRT-LLM's PyTorch executor in an offline run, within the 9-34 µs per
        /// request and iteration of the two public traces.
        /// </summary>
        public const double OfflineHostPerSequencePriorUs = 20;

        /// <summary>TensorRT-LLM's cache transceiver: GB/s per sending GPU and host ms per request (PR #12273 baseline).</summary>
        public const double KvTransferGBsPerGpuPrior = 18, KvTransferSetupMsPrior = 8;

        /// <summary>Prior of the fixed cost per forward step, ms: 0.3 for overlap-scheduling serving engines, 1 otherwise.</summary>
        public static double StepOverheadPrior(string engineMode) => engineMode switch
        {
            "vllm/concurrency" or "sglang/concurrency" or "trtllm/concurrency" => 0.3,
            _ => 1.0,
        };
    }
}
