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
