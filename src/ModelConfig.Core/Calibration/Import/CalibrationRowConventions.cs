using System;
using System.Globalization;
using System.Text.RegularExpressions;
using ModelConfig.Core.Estimation;

namespace ModelConfig.Core.Calibration
{
    /// <summary>
    /// What a calibration-set row (../shared/measured/README.md) leaves unstated and its sources settle: the one place both
    /// Import-ServingBenchmark's reader and the accuracy tool take them from, so a user's comparison and the published
    /// accuracy figures estimate the same requests.
    /// </summary>
    public static class CalibrationRowConventions
    {
        /// <summary>Prompts per unit of client concurrency: InferenceMAX's single-node client sends 10 x concurrency.</summary>
        public const int InferenceMaxPromptsPerClient = 10;
        /// <summary>Dynamo performance_sweeps benchmark_disagg.slurm: MULTI_ROUND 8, so num_prompts = 8 x concurrency.</summary>
        public const int DynamoSweepPromptsPerClient = 8;
        /// <summary>InferenceX nvidia-master.yaml, gptoss-fp4-gb200-dynamo-trt: max_num_tokens 20000 on prefill and decode workers.</summary>
        public const int DynamoSweepMaxNumTokens = 20000;

        /// <summary>
        /// Mean over nominal length: a uniform[a, b] sampler's mean (a + b) / 2. InferenceMAX's multi-node launcher does not
        /// record its client's sampling ("not stated"), but its client (Dynamo performance_sweeps scripts/bench.sh) passes
        /// --random-range-ratio 0.8, and every disaggregated row's (e2e - TTFT) / TPOT + 1 gives 0.89-0.91 x nominal output.
        /// </summary>
        public static double LengthFactor(string distribution, bool inferenceMax)
        {
            var m = Regex.Match(distribution ?? "", @"uniform\[\s*([0-9.]+)\s*,\s*([0-9.]+)\s*\]");
            if (m.Success)
                return (double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) + double.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture)) / 2;
            return inferenceMax && distribution == "not stated" ? 0.9 : 1.0;
        }

        /// <summary>
        /// The calibration entry of the engine that ran: TensorRT-LLM before 1.0 ran TensorRT engines from its C++ executor,
        /// in flight as trtllm-engine (its static-batch entry is already those engines); 1.0 on is the PyTorch backend.
        /// </summary>
        public static string EngineEntry(string framework, string version, string mode)
            => framework == "trtllm" && mode != "static_batch" && (version ?? "").StartsWith("0.", StringComparison.Ordinal) ? "trtllm-engine" : framework;

        /// <summary>
        /// The KV-cache dtype of a row that leaves it unstated, where its checkpoint settles it: TensorRT-LLM's v1.0 offline rows
        /// run NVIDIA ModelOpt checkpoints (checkpoint_id nvidia/...), whose export quantizes the KV cache to FP8 unless told
        /// otherwise (TensorRT-Model-Optimizer examples/llm_ptq/hf_ptq.py, --kv_cache_qformat default fp8, written as
        /// kv_cache_quant_algo in hf_quant_config.json), and TensorRT-LLM takes the KV dtype from the checkpoint. Else null.
        /// </summary>
        public static string? UnstatedKvCache(string mode, string version, string checkpointId, string weights)
            => mode == "offline" && (version ?? "").Contains("PyTorch") && (checkpointId ?? "").StartsWith("nvidia/", StringComparison.Ordinal)
                && (weights == "fp8" || weights == "fp4") ? "fp8" : null;

        /// <summary>
        /// Expert parallelism a row leaves unstated: with attention-DP on a MoE model TensorRT-LLM's recipes spread the experts
        /// over the whole TP group (--ep equal to --tp), the only layout where DP attention saves memory; else none.
        /// </summary>
        public static int UnstatedExpertParallel(bool moe, bool dpAttention, int tensorParallel) => moe && dpAttention ? tensorParallel : 1;

        /// <summary>
        /// The prefill and decode pools of a disaggregated row from its prefill_* / decode_* columns (<paramref name="column"/>
        /// gives a cell's text); null when the row states no worker counts. An unstated TP or EP per worker is 1.
        /// </summary>
        public static DisaggregatedPools? Pools(Func<string, string> column)
        {
            int? Int(string name) => ReaderHelpers.ParseNumber(column(name)) is double d ? (int?)Math.Round(d) : null;
            if (!(Int("prefill_workers") is int prefill) || !(Int("decode_workers") is int decode)) return null;
            return new DisaggregatedPools
            {
                PrefillWorkers = prefill, PrefillTensorParallel = Int("prefill_tp") ?? 1, PrefillExpertParallel = Int("prefill_ep") ?? 1,
                PrefillDataParallelAttention = column("prefill_dp_attention") == "true",
                DecodeWorkers = decode, DecodeTensorParallel = Int("decode_tp") ?? 1, DecodeExpertParallel = Int("decode_ep") ?? 1,
                DecodeDataParallelAttention = column("decode_dp_attention") == "true",
            };
        }

        /// <summary>True for InferenceMAX's multi-node runs through NVIDIA Dynamo with TensorRT-LLM (the launcher's settings apply).</summary>
        public static bool IsDynamoTrtllm(string framework, string version)
            => framework == "trtllm" && (version ?? "").IndexOf("Dynamo", StringComparison.Ordinal) >= 0;

        /// <summary>Requests of a closed-loop InferenceMAX run that does not record them: the client's prompts per unit of concurrency.</summary>
        public static int PromptsPerRun(bool dynamoTrtllm, int concurrency)
            => (dynamoTrtllm ? DynamoSweepPromptsPerClient : InferenceMaxPromptsPerClient) * concurrency;
    }
}
