using System;
using System.IO;
using System.Linq;
using BenchmarkDotNet.Attributes;
using ModelConfig.Core.Building;
using ModelConfig.Core.Estimation;
using ModelConfig.Core.Hardware;
using ModelConfig.Core.Models;
using ModelConfig.Core.Serialization;

namespace ModelConfig.Benchmarks
{
    /// <summary>
    /// DeploymentEstimator.Estimate throughput. Models come from the bundled library (data/model_configs) or,
    /// failing that, are built from ../shared/reference/hf-configs; hardware from data/hardware.
    /// </summary>
    [MemoryDiagnoser]
    public class EstimatorBenchmarks
    {
        private DeploymentRequest _llamaConcurrency = null!, _llamaStatic = null!, _llamaDefaultTp = null!, _llamaLayers = null!;
        private DeploymentRequest _dsConcurrency = null!, _dsStatic = null!;
        private DeploymentRequest _offline = null!, _requestRate = null!, _disaggregated = null!, _mtp = null!;

        [GlobalSetup]
        public void Setup()
        {
            var repo = Repo.Root;
            var hw = new HardwareLibrary(Path.Combine(repo, "data", "hardware"));
            var h100 = hw.Find("nvidia_h100_sxm_80gb") ?? throw new InvalidOperationException("nvidia_h100_sxm_80gb not in data/hardware");
            var h200 = hw.Find("nvidia_h200_sxm_141gb") ?? throw new InvalidOperationException("nvidia_h200_sxm_141gb not in data/hardware");
            var llama = Repo.Model("meta-llama/Llama-3.3-70B-Instruct");
            var ds = Repo.Model("deepseek-ai/DeepSeek-V3");
            _llamaConcurrency = new DeploymentRequest { Model = llama, Hardware = h100, TensorParallel = 4, WeightPrecision = "fp8", KvCachePrecision = "fp8", Concurrency = 64, NumRequests = 640, InputLength = 1024, OutputLength = 1024, Framework = "vllm" };
            _llamaStatic = new DeploymentRequest { Model = llama, Hardware = h100, TensorParallel = 4, WeightPrecision = "fp8", BatchSize = 64, InputLength = 2048, OutputLength = 2048, Framework = "trtllm" };
            _llamaDefaultTp = new DeploymentRequest { Model = llama, Hardware = h100, InputLength = 1024, OutputLength = 1024 };
            _llamaLayers = new DeploymentRequest { Model = llama, Hardware = h100, TensorParallel = 4, Concurrency = 64, InputLength = 1024, OutputLength = 1024, IncludeLayers = true };
            _dsConcurrency = new DeploymentRequest { Model = ds, Hardware = h200, TensorParallel = 8, ExpertParallel = 8, DataParallelAttention = true, WeightPrecision = "fp8", KvCachePrecision = "fp8", Concurrency = 64, NumRequests = 640, InputLength = 1024, OutputLength = 1024, Framework = "vllm" };
            _dsStatic = new DeploymentRequest { Model = ds, Hardware = h200, TensorParallel = 8, WeightPrecision = "fp8", BatchSize = 32, InputLength = 1024, OutputLength = 1024 };
            _offline = new DeploymentRequest { Model = llama, Hardware = h100, TensorParallel = 4, WeightPrecision = "fp8", Offline = true, NumRequests = 3000, InputLength = 1000, OutputLength = 1000, Framework = "trtllm" };
            _requestRate = new DeploymentRequest { Model = llama, Hardware = h100, TensorParallel = 4, WeightPrecision = "fp8", RequestRate = 4, Burstiness = 0.5, InputLength = 1024, OutputLength = 1024, Framework = "vllm" };
            _disaggregated = new DeploymentRequest { Model = ds, Hardware = h200, WeightPrecision = "fp8", Concurrency = 256, InputLength = 8192, OutputLength = 1024, Framework = "trtllm",
                Disaggregation = new DisaggregatedPools { PrefillWorkers = 1, PrefillTensorParallel = 8, PrefillExpertParallel = 8, PrefillDataParallelAttention = true, DecodeWorkers = 1, DecodeTensorParallel = 8, DecodeExpertParallel = 8, DecodeDataParallelAttention = true } };
            _mtp = new DeploymentRequest { Model = ds, Hardware = h200, TensorParallel = 8, ExpertParallel = 4, WeightPrecision = "fp8", Concurrency = 1, SpeculativeMethod = SpeculativeMethod.Mtp, SpeculativeTokens = 3, InputLength = 1024, OutputLength = 2048, Framework = "trtllm" };
        }

        internal DeploymentRequest[] Requests() => new[] { _llamaConcurrency, _llamaStatic, _llamaDefaultTp, _dsConcurrency, _dsStatic, _offline, _requestRate, _disaggregated, _mtp };

        [Benchmark(Description = "Llama-3.3-70B, H100 TP4 fp8, concurrency 64")]
        public double Llama70B_Concurrency() => DeploymentEstimator.Estimate(_llamaConcurrency).TpotMs;

        [Benchmark(Description = "Llama-3.3-70B, H100 TP4 fp8, static batch 64")]
        public double Llama70B_StaticBatch() => DeploymentEstimator.Estimate(_llamaStatic).TpotMs;

        [Benchmark(Description = "Llama-3.3-70B, H100, default TP search, batch 1")]
        public double Llama70B_DefaultTp() => DeploymentEstimator.Estimate(_llamaDefaultTp).TpotMs;

        [Benchmark(Description = "Llama-3.3-70B, H100 TP4, concurrency 64, per-layer detail")]
        public int Llama70B_WithLayers() => DeploymentEstimator.Estimate(_llamaLayers).Layers!.Count;

        [Benchmark(Description = "DeepSeek-V3, H200 TP8 EP8 DP-attention fp8, concurrency 64")]
        public double DeepSeekV3_Concurrency() => DeploymentEstimator.Estimate(_dsConcurrency).TpotMs;

        [Benchmark(Description = "Llama-3.3-70B, H100 TP4 fp8, offline 3000 requests")]
        public double Llama70B_Offline() => DeploymentEstimator.Estimate(_offline).OutputTokensPerSecond;

        [Benchmark(Description = "Llama-3.3-70B, H100 TP4 fp8, request rate 4/s burstiness 0.5 (percentiles)")]
        public double Llama70B_RequestRate() => DeploymentEstimator.Estimate(_requestRate).TtftP99Ms ?? 0;

        [Benchmark(Description = "DeepSeek-V3, H200 disaggregated 8+8 DP-attention, concurrency 256")]
        public double DeepSeekV3_Disaggregated() => DeploymentEstimator.Estimate(_disaggregated).TpotMs;

        [Benchmark(Description = "DeepSeek-V3, H200 TP8 EP4 fp8, MTP 3 tokens, concurrency 1")]
        public double DeepSeekV3_Mtp() => DeploymentEstimator.Estimate(_mtp).TpotMs;

        [Benchmark(Description = "DeepSeek-V3, H200 TP8 fp8, static batch 32")]
        public double DeepSeekV3_StaticBatch() => DeploymentEstimator.Estimate(_dsStatic).TpotMs;
    }

    internal static class Repo
    {
        public static string Root { get; } = Find();

        private static string Find()
        {
            foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
            {
                var dir = new DirectoryInfo(start);
                while (dir != null && !File.Exists(Path.Combine(dir.FullName, "ModelConfig.sln"))) dir = dir.Parent;
                if (dir != null) return dir.FullName;
            }
            throw new InvalidOperationException("ModelConfig.sln not found above " + Directory.GetCurrentDirectory());
        }

        /// <summary>The bundled library entry with this HF id, else a build of ../shared/reference/hf-configs/&lt;org--name&gt;/config.json.</summary>
        public static ModelConfiguration Model(string hfId)
        {
            var lib = Path.Combine(Root, "data", "model_configs");
            if (Directory.Exists(lib))
            {
                foreach (var f in Directory.EnumerateFiles(lib, "*.json"))
                {
                    try
                    {
                        var m = ModelConfigJson.ReadFile(f);
                        if (string.Equals(m.HfModelId, hfId, StringComparison.OrdinalIgnoreCase)) return m;
                    }
                    catch (Exception) { /* not a model file */ }
                }
            }
            var shared = Environment.GetEnvironmentVariable("MODELCONFIG_SHARED_DIR") ?? Path.Combine(Root, "..", "shared");
            var cfg = Path.Combine(shared, "reference", "hf-configs", hfId.Replace("/", "--"), "config.json");
            if (!File.Exists(cfg)) throw new FileNotFoundException($"{hfId}: not in data/model_configs and {cfg} is missing");
            return ModelConfigBuilder.Build(HfConfigJson.Parse(File.ReadAllText(cfg), cfg), new BuildOptions { HfModelId = hfId });
        }
    }
}
