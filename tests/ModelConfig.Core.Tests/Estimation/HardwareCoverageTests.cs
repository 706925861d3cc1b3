using System;
using System.IO;
using System.Linq;
using ModelConfig.Core.Estimation;
using ModelConfig.Core.Hardware;
using Xunit;

namespace ModelConfig.Core.Tests.Estimation
{
    public class HardwareCoverageTests
    {
        /// <summary>Every bundled hardware file (NVIDIA, AMD, Intel, TPU, Apple ...) gives finite, positive estimates.</summary>
        [Fact]
        public void EveryBundledHardware_GivesFiniteEstimates()
        {
            var dir = SharedData.DataDir("hardware");
            Assert.True(Directory.Exists(dir), dir);
            var files = Directory.GetFiles(dir, "*.json");
            Assert.NotEmpty(files);
            foreach (var f in files)
            {
                var hw = HardwareJson.ReadFile(f);
                foreach (var mode in new[] { "static", "concurrency" })
                {
                    var r = new DeploymentRequest { Model = TestModels.Moe(), Hardware = hw, InputLength = 512, OutputLength = 256, WeightPrecision = "fp8" };
                    if (mode == "concurrency") r.Concurrency = 16; else r.BatchSize = 8;
                    var e = DeploymentEstimator.Estimate(r);
                    foreach (var v in new[] { e.TtftMs, e.TpotMs, e.OutputTokensPerSecond, e.WeightsGB, e.EndToEndLatencyMs })
                        Assert.True(!double.IsNaN(v) && !double.IsInfinity(v) && v > 0, $"{hw.HardwareId} {mode}: {e}");
                    Assert.True(e.TensorParallel >= 1 && e.NumGpus <= (hw.Kind == "chip" ? int.MaxValue : hw.Chips), hw.HardwareId);
                }
            }
        }
    }
}

namespace ModelConfig.Core.Tests.Estimation
{
    public class ReferenceModelCoverageTests
    {
        /// <summary>Every reference config the builder supports estimates without error on an H100 node and an MI300X.</summary>
        [SkippableFact]
        public void EveryReferenceModel_GivesFiniteEstimates()
        {
            var dir = SharedData.RequireShared("reference", "hf-configs");
            var node = HardwareJson.ReadFile(SharedData.DataDir("hardware", "nvidia_hgx_h100_8gpu.json"));
            var amd = HardwareJson.ReadFile(SharedData.DataDir("hardware", "amd_mi300x.json"));
            int built = 0;
            foreach (var cfg in Directory.GetDirectories(dir).Select(d => Path.Combine(d, "config.json")).Where(File.Exists))
            {
                ModelConfig.Core.Models.ModelConfiguration model;
                try { model = ModelConfig.Core.Building.ModelConfigBuilder.Build(ModelConfig.Core.Building.HfConfigJson.Parse(File.ReadAllText(cfg), cfg), new ModelConfig.Core.Building.BuildOptions()); }
                catch (ModelConfig.Core.Building.UnsupportedArchitectureException) { continue; }
                built++;
                foreach (var hw in new[] { node, amd })
                {
                    var r = new DeploymentRequest { Model = model, Hardware = hw, WeightPrecision = "fp8", Concurrency = 32, InputLength = 1024, OutputLength = 512, Framework = "vllm", IncludeLayers = true };
                    DeploymentEstimate e;
                    try { e = DeploymentEstimator.Estimate(r); }
                    catch (DeploymentConfigurationException ex) { Assert.Fail($"{model.ModelId} on {hw.HardwareId}: {ex.Message}"); return; }
                    foreach (var v in new[] { e.TtftMs, e.TpotMs, e.OutputTokensPerSecond, e.WeightsGB })
                        Assert.True(!double.IsNaN(v) && !double.IsInfinity(v) && v > 0, $"{model.ModelId} on {hw.HardwareId}: {e}");
                    Assert.NotEmpty(e.Layers!);
                }
            }
            Assert.True(built > 10, $"only {built} reference configs built");
        }
    }
}
