using System.Collections.Generic;
using System;
using System.Linq;
using ModelConfig.Core.Estimation;
using Xunit;

namespace ModelConfig.Core.Tests.Estimation
{
    public class DeploymentEstimatorTests
    {
        // Llama-2-7B shape: per layer attention 4*4096^2 = 67,108,864, MLP 3*4096*11008 = 135,266,304, norms 8,192.
        private const double AttnParams = 67_108_864, MlpParams = 135_266_304, NormParams = 8_192, EmbedParams = 131_072_000;

        private static DeploymentRequest Req(int? tp = 1) => new DeploymentRequest
        {
            Model = TestModels.Dense(), Hardware = TestModels.H100(), TensorParallel = tp, InputLength = 128, OutputLength = 2,
        };

        [Fact]
        public void WeightsPerGpu_Bf16Tp1_CountsEveryTensorTwoBytes()
        {
            var e = DeploymentEstimator.Estimate(Req());
            double expected = (32 * (AttnParams + MlpParams + NormParams) + 2 * EmbedParams + 4096) * 2;
            Assert.Equal(expected / 1e9, e.WeightsGB, 6);
        }

        [Fact]
        public void WeightsPerGpu_Fp8Tp2_ShardsLinearLayersKeepsNormsAndEmbeddings16Bit()
        {
            var r = Req(2); r.WeightPrecision = "fp8";
            var e = DeploymentEstimator.Estimate(r);
            double expected = 32 * ((AttnParams + MlpParams) * 1.0 / 2 + NormParams * 2) + 2 * EmbedParams * 2 / 2 + 4096 * 2;
            Assert.Equal(expected / 1e9, e.WeightsGB, 6);
        }

        [Fact]
        public void KvCachePerGpu_Tp2Batch4_IsHalfOfTheFullCache()
        {
            var r = Req(2); r.BatchSize = 4; r.InputLength = 1024; r.OutputLength = 1024;
            var e = DeploymentEstimator.Estimate(r);
            // 2 (K,V) x 32 kv heads x 128 dims x 32 layers x 2 bytes = 524,288 bytes per token; TP 2 halves the heads.
            double expected = 4 * 2048 * 524_288.0 / 2;
            Assert.Equal(expected / 1e9, e.KvCacheGB, 6);
        }

        [Fact]
        public void KvCache_SlidingWindowCapsTheCachedTokens()
        {
            var r = Req(); r.Model = TestModels.Dense(window: 256); r.InputLength = 1024; r.OutputLength = 1024;
            var e = DeploymentEstimator.Estimate(r);
            Assert.Equal(256 * 524_288.0 / 1e9, e.KvCacheGB, 6);
        }

        [Fact]
        public void Batch1Decode_IsMemoryBound_WeightsPlusKvOverBandwidth()
        {
            var r = Req(); r.MemoryEfficiency = 1.0; r.StepOverheadMs = 0; r.LayerOverheadUs = 0;
            var e = DeploymentEstimator.Estimate(r);
            // token 2 is produced with 129 cached tokens; every linear weight (not the embedding table) is read once.
            double weightBytes = (32 * (AttnParams + MlpParams) + EmbedParams) * 2;
            double kvBytes = 129 * 524_288.0;
            double activationBytes = 32 * (2 * 4096 * 2 + 2 * 4096 * 2); // one token in and out of each projection block
            double expectedMs = (weightBytes + kvBytes + activationBytes) / 3350e9 * 1e3;
            Assert.Equal(expectedMs, e.TpotMs, 3);
            Assert.Equal("memory", e.DecodeBottleneck);
        }

        [Fact]
        public void AllReduce_RingFormula()
        {
            // 10 µs + 2(4-1)/4 x 1 MB / 450 GB/s = 10 + 3.333 µs
            Assert.Equal(13.3333, DeploymentEstimator.AllReduceTimeUs(1e6, 4, 450, 10), 3);
            Assert.Equal(0, DeploymentEstimator.AllReduceTimeUs(1e6, 1, 450, 10));
        }

        [Fact]
        public void Moe_ExpectedDistinctExperts()
        {
            Assert.Equal(2.0, DeploymentEstimator.ExpectedDistinctExperts(8, 2, 1), 9);
            Assert.Equal(8 * (1 - Math.Pow(0.75, 4)), DeploymentEstimator.ExpectedDistinctExperts(8, 2, 4), 9);
            Assert.Equal(8.0, DeploymentEstimator.ExpectedDistinctExperts(8, 2, 1000), 6);
        }

        [Fact]
        public void Moe_Batch1DecodeReadsOnlyTopKExperts()
        {
            var r = new DeploymentRequest { Model = TestModels.Moe(), Hardware = TestModels.H100(), TensorParallel = 2, InputLength = 16, OutputLength = 2, IncludeLayers = true };
            var e = DeploymentEstimator.Estimate(r);
            var experts = e.Layers!.Where(l => l.Phase == "decode" && l.Operation == "experts").ToList();
            Assert.Equal(32, experts.Count);
            Assert.Equal("layers.31", experts[31].Layer);
            double perExpert = 3.0 * 4096 * 14336;
            double expected = 2 * perExpert / 2 * 2 + 1 * 2 * 4096 * 2 * 2 / 2.0; // 2 experts, TP 2, bf16, plus activations
            Assert.Equal(expected, experts[0].BytesMoved, 0);
        }

        [Fact]
        public void OutOfMemory_IsFitsFalseWithReason()
        {
            var r = Req(); r.Model = TestModels.Dense("big", 80, 8192, 64, 8, 28672, 32000); r.TensorParallel = 1;
            var e = DeploymentEstimator.Estimate(r);
            Assert.False(e.Fits);
            Assert.Contains("exceed", e.FitReason);
            Assert.Equal(0, e.MaxBatchSize);
        }

        [Fact]
        public void DefaultTp_IsFewestGpusThatFit_AndStated()
        {
            var r = Req(null); r.Model = TestModels.Dense("big", 80, 8192, 64, 8, 28672, 32000);
            var e = DeploymentEstimator.Estimate(r);
            Assert.Equal(2, e.TensorParallel);
            Assert.True(e.Fits);
            Assert.Contains(e.Assumptions, a => a.Text.Contains("TP 2 chosen"));
        }

        [Fact]
        public void Constraints_Throw_NamingTheConstraint()
        {
            var r = Req(3);
            var ex = Assert.Throws<DeploymentConfigurationException>(() => DeploymentEstimator.Estimate(r));
            Assert.Equal("attention_heads", ex.Constraint);
            Assert.Contains("not divisible by TP 3", ex.Message);

            var node = Req(16); node.Hardware = TestModels.H100(8, "node");
            Assert.Equal("gpu_count", Assert.Throws<DeploymentConfigurationException>(() => DeploymentEstimator.Estimate(node)).Constraint);

            var ep = new DeploymentRequest { Model = TestModels.Moe(), Hardware = TestModels.H100(), TensorParallel = 4, ExpertParallel = 3, InputLength = 8, OutputLength = 8 };
            Assert.Equal("expert_parallel", Assert.Throws<DeploymentConfigurationException>(() => DeploymentEstimator.Estimate(ep)).Constraint);

            var both = Req(); both.BatchSize = 2; both.Concurrency = 2;
            Assert.Equal("batch_or_concurrency", Assert.Throws<DeploymentConfigurationException>(() => DeploymentEstimator.Estimate(both)).Constraint);

            var dtype = Req(); dtype.WeightPrecision = "fp7";
            Assert.Equal("weight_precision", Assert.Throws<DeploymentConfigurationException>(() => DeploymentEstimator.Estimate(dtype)).Constraint);
        }

        [Fact]
        public void ChipIds_AllowMoreGpusThanTheDomain_OverScaleOut()
        {
            var r = Req(16); r.Model = TestModels.Dense("big", 80, 8192, 64, 16, 28672, 32000);
            var e = DeploymentEstimator.Estimate(r);
            Assert.Equal(16, e.NumGpus);
            Assert.Contains(e.Assumptions, a => a.Name == "link_bandwidth" && a.Text.Contains("scale-out"));
        }

        [Fact]
        public void Tpot_IntegratesOverGrowingContext()
        {
            var r = Req(); r.BatchSize = 32; r.InputLength = 1024; r.OutputLength = 2048;
            var e = DeploymentEstimator.Estimate(r);
            Assert.True(e.TpotFirstMs < e.TpotMs && e.TpotMs < e.TpotLastMs);
            Assert.Equal(e.TtftMs + 2047 * e.TpotMs, e.EndToEndLatencyMs, 6);
            Assert.Equal(2048.0 * 32 / (e.EndToEndLatencyMs / 1e3), e.OutputTokensPerSecond, 3);
        }

        [Fact]
        public void Concurrency_TtftIncludesQueueing_AndThroughputFollowsLittlesLaw()
        {
            var r = Req(); r.Concurrency = 64; r.InputLength = 1024; r.OutputLength = 1024;
            var e = DeploymentEstimator.Estimate(r);
            Assert.Equal(LoadMode.Concurrency, e.LoadMode);
            Assert.True(e.TtftMs > e.PrefillMs * 0.99);
            Assert.Equal(64 * 1024 / (e.EndToEndLatencyMs / 1e3), e.OutputTokensPerSecond, 3);
        }

        [Fact]
        public void Concurrency_BeyondKvCapacity_CapsTheRunningBatchAndQueues()
        {
            var r = Req(); r.Hardware = TestModels.H100(); r.Hardware.MemoryGB = 24; r.Concurrency = 64; r.InputLength = 2048; r.OutputLength = 2048;
            var e = DeploymentEstimator.Estimate(r);
            Assert.True(e.Fits);
            Assert.InRange(e.MaxBatchSize, 1, 63);
            Assert.Contains("capped at " + e.MaxBatchSize, e.FitReason);
            // Little's law: 64 requests in the system
            Assert.Equal(64.0, e.RequestsPerSecond * e.EndToEndLatencyMs / 1e3, 6);
            var s = Req(); s.Hardware = r.Hardware; s.BatchSize = 64; s.InputLength = 2048; s.OutputLength = 2048;
            Assert.False(DeploymentEstimator.Estimate(s).Fits);
        }

        [Fact]
        public void Concurrency_OutputLengthOne_IsBoundedByTheClosedLoop()
        {
            var r = Req(); r.Concurrency = 16; r.InputLength = 1024; r.OutputLength = 1;
            var e = DeploymentEstimator.Estimate(r);
            var single = DeploymentEstimator.Estimate(new DeploymentRequest { Model = r.Model, Hardware = r.Hardware, TensorParallel = 1, InputLength = 1024, OutputLength = 1 });
            // every request is a prompt: the closed loop serves the 16 prompts one round after another
            Assert.InRange(e.TtftMs, 8 * single.TtftMs, 24 * single.TtftMs + 100);
            Assert.Equal(e.TtftMs, e.EndToEndLatencyMs, 6);
        }

        [Fact]
        public void VectorOnlyHardware_HasNoSmallBatchTilePenalty()
        {
            var hw = new ModelConfig.Core.Hardware.HardwareConfig { HardwareId = "vec", Vendor = "Apple", Name = "M-test", MemoryGB = 192, MemoryBandwidthGBs = 800, DenseTflops = { ["fp32"] = 27 } };
            var r = new DeploymentRequest { Model = TestModels.Dense(), Hardware = hw, InputLength = 128, OutputLength = 64, MemoryEfficiency = 1, StepOverheadMs = 0, LayerOverheadUs = 0 };
            var e = DeploymentEstimator.Estimate(r);
            Assert.Equal("memory", e.DecodeBottleneck);
            Assert.InRange(e.TpotMs, 13.2e9 / 800e9 * 1e3, 13.2e9 / 800e9 * 1e3 * 1.2); // weights without the embedding table
            Assert.Contains(e.Assumptions, a => a.Name == "vector_units");
        }

        [Fact]
        public void Layers_AreReportedWhenAsked()
        {
            var r = Req(2); r.IncludeLayers = true;
            var e = DeploymentEstimator.Estimate(r);
            Assert.Contains(e.Layers!, l => l.Phase == "prefill" && l.Operation == "attention_prefill");
            Assert.Contains(e.Layers!, l => l.Phase == "decode" && l.Operation == "mlp" && l.Bound == "memory");
            Assert.Contains(e.Communications!, c => c.Collective == "all_reduce" && c.CountPerStep == 64);
        }
    }
}

namespace ModelConfig.Core.Tests.Estimation
{
    public class CalibrationFileTests
    {
        [Fact]
        public void Default_IsTheCalibrationFile()
        {
            var path = SharedData.DataDir("calibration", "estimator.json");
            Assert.True(System.IO.File.Exists(path), path + " missing");
            var file = EstimatorCalibration.Load(path);
            Assert.Equal(file.ToJson(), EstimatorCalibration.Default.ToJson());
            Assert.NotNull(file.FittedAtUtc);
            Assert.Contains("calibration.csv", file.Provenance);
        }

        [Fact]
        public void HardwareEfficiency_OverridesCalibration_AndRequestOverridesBoth()
        {
            var hw = TestModels.H100();
            hw.Efficiency = new ModelConfig.Core.Hardware.HardwareEfficiency { MemoryEfficiency = 0.5 };
            var r = new DeploymentRequest { Model = TestModels.Dense(), Hardware = hw, TensorParallel = 1, InputLength = 128, OutputLength = 2 };
            var e = DeploymentEstimator.Estimate(r);
            Assert.Contains(e.Assumptions, a => a.Name == "memory_efficiency" && a.Value == 0.5 && a.Source.StartsWith("hardware file"));
            r.MemoryEfficiency = 0.6;
            var e2 = DeploymentEstimator.Estimate(r);
            Assert.Contains(e2.Assumptions, a => a.Name == "memory_efficiency" && a.Value == 0.6 && a.Source == "request");
            Assert.True(e2.TpotMs < e.TpotMs);
        }

        [Fact]
        public void ErrorBand_ComesFromTheHoldOutSplitOfTheUnseenDimension()
        {
            // bands are out-of-sample residuals: pooled when everything was calibrated, the split's band for an unseen
            // model family / generation / engine, widened by the extrapolation factor per further unseen dimension
            var cal = EstimatorCalibration.Default.Clone();
            cal.ErrorBands = new List<ErrorBandEntry>
            {
                new ErrorBandEntry { Regime = "concurrency", Holdout = "calibrated", Ttft = 0.10, Tpot = 0.05, Throughput = 0.05, Points = 10 },
                new ErrorBandEntry { Regime = "concurrency", Holdout = "family", Ttft = 0.20, Tpot = 0.10, Throughput = 0.10, Points = 10 },
                new ErrorBandEntry { Regime = "concurrency", Holdout = "generation", Ttft = 0.30, Tpot = 0.15, Throughput = 0.15, Points = 10 },
            };
            cal.CalibratedModelFamilies = new List<string> { "llama-2" };
            cal.CalibratedFamilies = new List<string> { "nvidia/hopper" };
            cal.CalibratedEngines = new List<string> { "vllm" };
            cal.Frameworks["vllm/concurrency"] = new FrameworkCalibration();
            var model = TestModels.Dense();
            model.HfModelId = "meta-llama/Llama-2-7b-hf";
            var r = new DeploymentRequest { Model = model, Hardware = TestModels.H100(), TensorParallel = 1, InputLength = 128, OutputLength = 64, Concurrency = 8, Framework = "vllm", Calibration = cal };
            var known = DeploymentEstimator.Estimate(r).ErrorBand;
            Assert.Equal(0.05, known.Tpot);
            Assert.Equal("calibrated", known.Scope);
            Assert.Equal("concurrency", known.Regime);
            model.HfModelId = "acme/Foo-7B";
            var newFamily = DeploymentEstimator.Estimate(r).ErrorBand;
            Assert.Equal(0.10, newFamily.Tpot);
            Assert.Contains("family", newFamily.Scope);
            r.Hardware = new ModelConfig.Core.Hardware.HardwareConfig { HardwareId = "amd_mi300x", Vendor = "AMD", Name = "Instinct MI300X", MemoryGB = 192, MemoryBandwidthGBs = 5300, DenseTflops = { ["bf16"] = 1307.4, ["fp8"] = 2614.9 }, ScaleUpBandwidthGBs = 896, ScaleUpDomainSize = 8 };
            var amd = DeploymentEstimator.Estimate(r).ErrorBand;
            Assert.Equal(Math.Round(0.15 * cal.ExtrapolationFactor, 3), amd.Tpot);
            Assert.Contains("amd/cdna3", amd.Source);
            Assert.Contains("generation", amd.Scope);
        }

        [Fact]
        public void FamilyKey_FallsBackToVendor()
        {
            Assert.Equal("nvidia/hopper", EstimatorCalibration.FamilyOf(TestModels.H100()));
            var amd = new ModelConfig.Core.Hardware.HardwareConfig { Vendor = "AMD", Name = "Instinct MI300X", HardwareId = "amd_mi300x" };
            Assert.Equal("amd/cdna3", EstimatorCalibration.FamilyOf(amd));
        }
    }
}
