using System;
using System.Collections.Generic;
using ModelConfig.Core.Estimation;
using ModelConfig.Core.Hardware;
using ModelConfig.Core.Models;
using Xunit;

namespace ModelConfig.Core.Tests.Estimation
{
    /// <summary>Requests that used to estimate to a wrong answer without an error: layouts past the divisibility and size rules, broken hardware.</summary>
    public class RequestGuardTests
    {
        private static DeploymentRequest Request(ModelConfiguration m, HardwareConfig hw, int? tp, bool dp = false) =>
            new DeploymentRequest { Model = m, Hardware = hw, TensorParallel = tp, DataParallelAttention = dp, BatchSize = 1, InputLength = 1024, OutputLength = 256 };

        /// <summary>gpt2-shaped: 12 heads, MLP 3072.</summary>
        private static ModelConfiguration Gpt2() => TestModels.Dense("gpt2", 12, 768, 12, 12, 3072, 50257);

        [Fact]
        public void DpAttention_DoesNotLiftTheMlpOrGpuLimits()
        {
            // Issue 13.14: TP 4096 with DP attention gave 4,096 GPUs and Fits True.
            var ex = Assert.Throws<DeploymentConfigurationException>(() => DeploymentEstimator.Estimate(Request(Gpt2(), TestModels.H100(), 4096, dp: true)));
            Assert.Equal(DeploymentConstraint.GpuCount, ex.Code);
            Assert.Contains("limit of 64", ex.Message);
            Assert.Contains("scale-up domain 8", ex.Message);
            // Within the limit the MLP width still has to divide.
            Assert.Equal(DeploymentConstraint.MlpWidth, ParallelLayout.Check(Gpt2(), TestModels.H100(), 5, 1, 1, true)!.Code);
        }

        [Fact]
        public void DenseMlpWidth_MustDivideByTp()
        {
            // llama_3.1_70b shape: 64 heads / 8 KV heads, MLP 28,672; TP 6 with DP attention passes the head rules only.
            var m = TestModels.Dense("llama70", 80, 8192, 64, 8, 28672, 128256);
            var v = ParallelLayout.Check(m, TestModels.H100(), 6, 1, 1, true);
            Assert.Equal(DeploymentConstraint.MlpWidth, v!.Code);
            Assert.Contains("28672", v.Message);
            Assert.Null(ParallelLayout.Check(m, TestModels.H100(), 8, 1, 1, true));
        }

        [Fact]
        public void ExpertWidth_MustDivideByTheTpOverEpShards()
        {
            var moe = TestModels.Moe();
            moe.Blocks["dense"].Ffn!.IntermediateSize = 1000; // 1000 / 8 = 125, 1000 / 16 is not whole
            Assert.Null(ParallelLayout.Check(moe, TestModels.H100(), 8, 1, 1, false));
            Assert.Null(ParallelLayout.Check(moe, TestModels.H100(16, "node"), 16, 1, 2, false)); // shards 16/2 = 8
            Assert.Equal(DeploymentConstraint.MlpWidth, ParallelLayout.Check(moe, TestModels.H100(16, "node"), 16, 1, 1, false)!.Code);
        }

        [Fact]
        public void TpSearchLimit_IsTheCheckLimit()
        {
            Assert.Equal(64, ParallelLayout.MaxTensorParallel(TestModels.H100()));
            var tpu = TestModels.H100();
            tpu.ScaleUpDomainSize = 256;
            Assert.Equal(256, ParallelLayout.MaxTensorParallel(tpu));
            Assert.Null(ParallelLayout.Check(TestModels.Dense(), TestModels.H100(), 16, 1, 1, false)); // two nodes: scale-out TP stays allowed
        }

        public static IEnumerable<object[]> BrokenHardware()
        {
            yield return new object[] { (Action<HardwareConfig>)(h => h.MemoryBandwidthGBs = double.NaN), "memory_bandwidth_gbs" };
            yield return new object[] { (Action<HardwareConfig>)(h => h.MemoryBandwidthGBs = 0), "memory_bandwidth_gbs" };
            yield return new object[] { (Action<HardwareConfig>)(h => h.MemoryGB = double.PositiveInfinity), "memory_gb" };
            yield return new object[] { (Action<HardwareConfig>)(h => h.DenseTflops = null!), "dense_tflops" };
            yield return new object[] { (Action<HardwareConfig>)(h => h.DenseTflops["fp8"] = double.NaN), "dense_tflops.fp8" };
            yield return new object[] { (Action<HardwareConfig>)(h => h.ScaleUpBandwidthGBs = -1), "scaleup_bandwidth" };
            yield return new object[] { (Action<HardwareConfig>)(h => h.ScaleUpDomainSize = 0), "scaleup_domain_size" };
            yield return new object[] { (Action<HardwareConfig>)(h => h.ScaleOutBandwidthGBs = double.NaN), "scaleout_bandwidth" };
            yield return new object[] { (Action<HardwareConfig>)(h => h.Chips = 0), "chips" };
            yield return new object[] { (Action<HardwareConfig>)(h => h.Efficiency = new HardwareEfficiency { MemoryEfficiency = 1.5 }), "efficiency.memory_efficiency" };
        }

        [Theory]
        [MemberData(nameof(BrokenHardware))]
        public void BrokenHardwareObjects_AreRefusedBeforeEstimating(Action<HardwareConfig> breakIt, string field)
        {
            // Issue 13.15: MemoryBandwidthGBs = NaN gave NaN times and Fits True.
            var hw = TestModels.H100();
            breakIt(hw);
            var ex = Assert.Throws<DeploymentConfigurationException>(() => DeploymentEstimator.Estimate(Request(TestModels.Dense(), hw, 1)));
            Assert.Equal(DeploymentConstraint.Hardware, ex.Code);
            Assert.Contains(field, ex.Message);
            Assert.Contains("test_h100", ex.Message);
            Assert.Null(HardwareCheck.Check(TestModels.H100()));
        }
    }
}
