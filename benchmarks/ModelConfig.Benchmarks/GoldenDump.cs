using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using ModelConfig.Core.Estimation;
using ModelConfig.Core.Hardware;
using ModelConfig.Core.Models;

namespace ModelConfig.Benchmarks
{
    /// <summary>
    /// --golden FILE: a few thousand estimates' full JSON (assumptions included) across models, chips, layouts, precisions
    /// and load modes. Performance work on the estimator must leave the file byte-identical (diff before/after).
    /// </summary>
    internal static class GoldenDump
    {
        public static int Write(string path)
        {
            var chips = new HardwareLibrary(Path.Combine(Repo.Root, "data", "hardware")).List(out _)
                .Where(h => string.Equals(h.Kind, "chip", StringComparison.OrdinalIgnoreCase)).OrderBy(h => h.HardwareId, StringComparer.Ordinal).Take(16).ToList();
            var models = new[] { "meta-llama/Llama-3.3-70B-Instruct", "meta-llama/Llama-3.1-8B-Instruct", "Qwen/Qwen3-30B-A3B", "deepseek-ai/DeepSeek-V3" }.Select(Repo.Model).ToList();
            var json = new JsonSerializerOptions { WriteIndented = false };
            int n = 0;
            using var w = new StreamWriter(path, false, new UTF8Encoding(false));
            foreach (var m in models)
                foreach (var hw in chips)
                    foreach (int tp in new[] { 1, 2, 4, 8 })
                        foreach (var prec in new[] { "bf16", "fp8" })
                            for (int mode = 0; mode < 5; mode++)
                            {
                                var r = new DeploymentRequest { Model = m, Hardware = hw, TensorParallel = tp, WeightPrecision = prec, InputLength = 2048, OutputLength = 256 };
                                switch (mode)
                                {
                                    case 0: r.Concurrency = 64; break;
                                    case 1: r.BatchSize = 8; break;
                                    case 2: r.RequestRate = 2; break;
                                    case 3: r.Offline = true; r.NumRequests = 500; break;
                                    default: r.Concurrency = 16; r.Disaggregation = new DisaggregatedPools { PrefillTensorParallel = tp, DecodeTensorParallel = tp, DecodeWorkers = 2 }; break;
                                }
                                string line;
                                try { line = JsonSerializer.Serialize(DeploymentEstimator.Estimate(r), json); }
                                catch (DeploymentConfigurationException e) { line = "error: " + e.Message; }
                                w.WriteLine(line);
                                n++;
                            }
            n += WriteExtras(w, chips, json);
            Console.WriteLine($"{n} estimates written to {path}");
            return 0;
        }

        /// <summary>
        /// After the 2,560 above (kept first so older dumps still compare line by line): what they leave out. Sliding
        /// windows, chunked attention, recurrent state and MLA; EP, DP attention, PP and the default TP search; speculative
        /// decoding, prefix caching, engine limits; request overrides; unknown engines, contexts past the model's maximum,
        /// layouts that do not fit; per-layer detail.
        /// </summary>
        private static int WriteExtras(StreamWriter w, System.Collections.Generic.List<HardwareConfig> chips, JsonSerializerOptions json)
        {
            var lib = new HardwareLibrary(Path.Combine(Repo.Root, "data", "hardware"));
            var h100 = lib.Find("nvidia_h100_sxm_80gb")!;
            var h200 = lib.Find("nvidia_h200_sxm_141gb")!;
            var models = new[] { "google/gemma-3-27b-it", "nvidia/Nemotron-H-56B-Base-8K", "openai/gpt-oss-120b", "meta-llama/Llama-4-Scout-17B-16E-Instruct",
                "deepseek-ai/DeepSeek-V3", "Qwen/Qwen3-30B-A3B", "meta-llama/Llama-3.2-1B-Instruct", "meta-llama/Llama-3.3-70B-Instruct" }.Select(Repo.Model).ToList();
            var draft = Repo.Model("meta-llama/Llama-3.2-1B-Instruct");
            int n = 0;
            void Emit(DeploymentRequest r)
            {
                string line;
                try { line = JsonSerializer.Serialize(DeploymentEstimator.Estimate(r), json); }
                catch (DeploymentConfigurationException e) { line = "error: " + e.Message; }
                w.WriteLine(line);
                n++;
            }
            foreach (var m in models)
                foreach (var hw in new[] { h100, h200, lib.Find("amd_mi355x")!, lib.Find("apple_m3_max")!, lib.Find("nvidia_l40s_48gb")! })
                {
                    foreach (int tp in new[] { 1, 2, 4, 8 })
                        foreach (int ep in m.IsMoe ? new[] { 1, tp } : new[] { 1 })
                            foreach (bool dp in m.IsMoe && tp > 1 ? new[] { false, true } : new[] { false })
                                foreach (int pp in new[] { 1, 2 })
                                    for (int mode = 0; mode < 4; mode++)
                                    {
                                        var r = new DeploymentRequest { Model = m, Hardware = hw, TensorParallel = tp, ExpertParallel = ep, DataParallelAttention = dp, PipelineParallel = pp,
                                            WeightPrecision = mode % 2 == 0 ? "fp8" : "mxfp4", KvCachePrecision = mode == 2 ? "fp8" : null, InputLength = 8192, OutputLength = 1024, Framework = mode == 1 ? "trtllm" : "sglang" };
                                        switch (mode)
                                        {
                                            case 0: r.Concurrency = 32; r.NumRequests = 320; break;
                                            case 1: r.BatchSize = 4; break;
                                            case 2: r.RequestRate = 1; r.ArrivalProcess = ArrivalProcess.Constant; r.MaxBatchSize = 16; r.MaxNumTokens = 4096; break;
                                            default: r.Offline = true; r.PrefixCacheHitRate = 0.3; break;
                                        }
                                        Emit(r);
                                    }
                    // default TP search, long contexts, out of memory, unknown engine, overrides
                    Emit(new DeploymentRequest { Model = m, Hardware = hw, InputLength = 1024, OutputLength = 1024 });
                    Emit(new DeploymentRequest { Model = m, Hardware = hw, Concurrency = 4, InputLength = 200000, OutputLength = 2000, Framework = "foo" });
                    Emit(new DeploymentRequest { Model = m, Hardware = hw, TensorParallel = 1, Concurrency = 512, InputLength = 4096, OutputLength = 4096, Framework = "vllm" });
                    Emit(new DeploymentRequest { Model = m, Hardware = hw, TensorParallel = 2, BatchSize = 16, InputLength = 512, OutputLength = 1, ComputeEfficiency = 0.5, MemoryEfficiency = 0.7,
                        CommunicationEfficiency = 0.6, StepOverheadMs = 0.4, LayerOverheadUs = 9, ReservedMemoryGB = 3 });
                    Emit(new DeploymentRequest { Model = m, Hardware = hw, TensorParallel = 4, Concurrency = 8, InputLength = 1024, OutputLength = 256, Framework = "vllm", SpeculativeMethod = SpeculativeMethod.Eagle });
                    Emit(new DeploymentRequest { Model = m, Hardware = hw, TensorParallel = 4, Concurrency = 8, InputLength = 1024, OutputLength = 256, Framework = "trtllm", SpeculativeMethod = SpeculativeMethod.Mtp, SpeculativeTokens = 3 });
                    Emit(new DeploymentRequest { Model = m, Hardware = hw, TensorParallel = 4, RequestRate = 3, InputLength = 1024, OutputLength = 256, SpeculativeMethod = SpeculativeMethod.DraftModel, DraftModel = draft, AcceptanceRate = 0.7 });
                    Emit(new DeploymentRequest { Model = m, Hardware = hw, TensorParallel = 2, Concurrency = 16, InputLength = 1024, OutputLength = 256, IncludeLayers = true });
                    Emit(new DeploymentRequest { Model = m, Hardware = hw, TensorParallel = 2, BatchSize = 2, InputLength = 1024, OutputLength = 256, IncludeLayers = true, Framework = "vllm" });
                    Emit(new DeploymentRequest { Model = m, Hardware = hw, RequestRate = 50, Burstiness = 0.5, InputLength = 1024, OutputLength = 256, Framework = "vllm",
                        Disaggregation = new DisaggregatedPools { PrefillWorkers = 2, PrefillTensorParallel = 2, DecodeTensorParallel = 4, DecodeExpertParallel = m.IsMoe ? 4 : 1, DecodeDataParallelAttention = m.IsMoe } });
                    Emit(new DeploymentRequest { Model = m, Hardware = hw, Offline = true, NumRequests = 100, InputLength = 1024, OutputLength = 256, Framework = "trtllm",
                        Disaggregation = new DisaggregatedPools { PrefillTensorParallel = 4, DecodeTensorParallel = 4 } });
                }
            return n;
        }
    }
}
