using System.Linq;
using ModelConfig.Core.Estimation;
using Xunit;

namespace ModelConfig.Core.Tests.Estimation
{
    /// <summary>Issue 13.16: an estimate that fits but misleads says why in Warnings.</summary>
    public class EstimateWarningsTests
    {
        private static DeploymentRequest Request() => new DeploymentRequest
        {
            Model = TestModels.Dense(), Hardware = TestModels.H100(), TensorParallel = 1, Concurrency = 1, InputLength = 1024, OutputLength = 256, Framework = "vllm",
        };

        [Fact]
        public void ACalibratedEstimateHasNoWarnings()
        {
            var e = DeploymentEstimator.Estimate(Request());
            Assert.True(e.Fits);
            Assert.Empty(e.Warnings);
        }

        [Fact]
        public void QueueingBehindAFullKvCache_Warns()
        {
            var r = Request();
            r.Model = TestModels.Dense("big", 80, 8192, 64, 8, 28672, 128256);
            r.TensorParallel = 2;
            r.Concurrency = 100;
            var e = DeploymentEstimator.Estimate(r);
            Assert.True(e.Fits);
            Assert.Contains(e.Warnings, w => w.Contains($"KV cache holds {e.MaxBatchSize} of the 100 concurrent requests"));
        }

        [Fact]
        public void ContextBeyondTheModelsMaximum_Warns()
        {
            var r = Request();
            r.InputLength = 200_000;
            r.TensorParallel = 8;
            var e = DeploymentEstimator.Estimate(r);
            Assert.Contains(e.Warnings, w => w.Contains("exceeds the model's maximum of 4096"));
        }

        [Fact]
        public void UnknownFramework_Warns()
        {
            var r = Request();
            r.Framework = "vllmx";
            var e = DeploymentEstimator.Estimate(r);
            Assert.Contains(e.Warnings, w => w.Contains("Unknown framework 'vllmx'"));
        }

        [Fact]
        public void UncalibratedHardwareFamily_Warns()
        {
            var r = Request();
            r.Hardware.Vendor = "Acme";
            r.Hardware.Name = "Acme X1";
            r.Hardware.HardwareId = "acme_x1";
            var e = DeploymentEstimator.Estimate(r);
            Assert.Contains(e.Warnings, w => w.StartsWith("Extrapolated: hardware family acme"));
        }

        [Fact]
        public void HardwareWithoutAPeak_Warns()
        {
            var r = Request();
            r.Hardware.DenseTflops.Clear();
            var e = DeploymentEstimator.Estimate(r);
            Assert.Contains(e.Warnings, w => w.Contains("lists no dense peak"));
        }

        [Fact]
        public void SaturatedOpenLoop_Warns()
        {
            var r = Request();
            r.Concurrency = null;
            r.RequestRate = 10_000;
            r.NumRequests = 1000;
            var e = DeploymentEstimator.Estimate(r);
            Assert.True(e.Saturated);
            Assert.Contains(e.Warnings, w => w.StartsWith("Saturated"));
        }
    }
}
