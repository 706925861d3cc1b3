using System;
using System.Linq;
using ModelConfig.Core.Calibration;
using ModelConfig.Core.Estimation;
using Xunit;

namespace ModelConfig.Core.Tests.Calibration
{
    /// <summary>
    /// Measurements of the serving modes the estimator models (offline, open loop, disaggregated, speculative decoding)
    /// become the request that reproduces them, so Compare-DeploymentEstimate and New-EstimatorCalibration take them.
    /// </summary>
    public class ServingModeMeasurementTests
    {
        private static BenchmarkImportResult Import(string fixture, ServingMeasurement? overrides = null) =>
            ServingBenchmarkImport.ReadFile(CalibrationTestData.Fixture(fixture), overrides, CalibrationTestData.Catalog());

        private static ServingMeasurement Row(string hfId, Func<ServingMeasurement, bool>? where = null) =>
            Import("calibration-serving-modes.csv").Measurements.Single(m => m.HfModelId == hfId && (where == null || where(m)));

        private static DeploymentRequest Request(ServingMeasurement m) => MeasurementEstimates.Request(m, CalibrationTestData.Catalog());

        [Fact]
        public void EveryRowOfTheServingModeColumnsImports()
        {
            var r = Import("calibration-serving-modes.csv");
            Assert.Empty(r.Errors);
            Assert.Equal(4, r.Measurements.Count);
            Assert.All(r.Measurements, m => Assert.Null(MeasurementEstimates.NotEstimable(m)));
        }

        [Fact]
        public void AnOfflineRowIsAnOfflineRequestWithItsRequestCountAndTheExpertsOverTheAttentionDataParallelGroup()
        {
            var m = Row("meta-llama/Llama-4-Scout-17B-16E-Instruct");
            Assert.Equal(("offline", 30000, (int?)null), (m.Mode, m.NumRequests!.Value, m.ExpertParallel));
            var r = Request(m);
            Assert.True(r.Offline);
            Assert.Equal((30000, 4, 4, true), (r.NumRequests!.Value, r.TensorParallel!.Value, r.ExpertParallel, r.DataParallelAttention));
            Assert.Equal(LoadMode.Offline, DeploymentEstimator.Estimate(r).LoadMode);
        }

        [Fact]
        public void AnOfflineRowOfAnNvidiaCheckpointHasItsFp8KvCache()
        {
            // ModelOpt exports the KV cache as FP8 by default; a row that names no checkpoint keeps the estimator's default
            Assert.Null(Row("meta-llama/Llama-4-Scout-17B-16E-Instruct").KvCachePrecision);
            Assert.Equal("fp8", CalibrationRowConventions.UnstatedKvCache("offline", "1.0 (PyTorch backend)", "nvidia/Qwen3-30B-A3B-FP4", "fp4"));
            Assert.Null(CalibrationRowConventions.UnstatedKvCache("offline", "0.14.0", "nvidia/Qwen3-30B-A3B-FP4", "fp4"));
            Assert.Null(CalibrationRowConventions.UnstatedKvCache("concurrency", "1.0 (PyTorch backend)", "nvidia/Qwen3-30B-A3B-FP4", "fp4"));
        }

        [Fact]
        public void TensorRtLlmBeforeOneZeroRunsTheEngineEntryInFlight()
        {
            Assert.Equal("trtllm-engine", Row("mistralai/Mixtral-8x7B-v0.1").Framework);
            Assert.Equal("trtllm", Row("meta-llama/Llama-4-Scout-17B-16E-Instruct").Framework);
        }

        [Fact]
        public void ADisaggregatedRowKeepsBothPoolsAndCountsEveryGpu()
        {
            var m = Row("openai/gpt-oss-120b");
            var pools = Assert.IsType<DisaggregatedPools>(m.Disaggregation);
            Assert.Equal("prefill 1x TP1 + decode 3x TP4EP4DPA", pools.ToString());
            Assert.Null(m.TensorParallel);
            Assert.Equal(13, m.NumGpus);
            // per-GPU metrics of the deployment: total over all 13 GPUs, output over the 12 decode GPUs
            Assert.Equal(17000.0 * 13, m.TotalTokensPerSecond!.Value, 6);
            Assert.Equal(9500.0 * 12, m.OutputTokensPerSecond!.Value, 6);
            // the Dynamo launcher's client and limits: 0.9 x nominal lengths, 8 x concurrency prompts, 20000 tokens per step
            Assert.Equal((921.6, 8 * 3072, 20000), (m.InputLength!.Value, m.NumRequests!.Value, m.MaxNumTokens!.Value));

            var e = DeploymentEstimator.Estimate(Request(m));
            Assert.Equal((13, 1, 12), (e.NumGpus, e.PrefillGpus!.Value, e.DecodeGpus!.Value));
            Assert.Equal(LoadMode.Concurrency, e.LoadMode);
        }

        [Fact]
        public void AnMtpRowEstimatesWithTheModelsNextNLayersAndTheRunsBatchLimit()
        {
            var m = Row("deepseek-ai/DeepSeek-R1");
            Assert.Equal(("mtp", 3, 1), (m.SpeculativeDecoding, m.SpeculativeTokens!.Value, m.MaxBatchSize!.Value));
            var r = Request(m);
            Assert.Equal((SpeculativeMethod.Mtp, 3, 1), (r.SpeculativeMethod, r.SpeculativeTokens!.Value, r.MaxBatchSize!.Value));
            Assert.True(DeploymentEstimator.Estimate(r).AcceptedTokensPerStep > 1);
        }

        [Fact]
        public void AVllmRequestRateRunIsAnOpenLoopRequestWithItsBurstiness()
        {
            var r = Import("vllm-request-rate.json", new ServingMeasurement { HardwareId = "nvidia_h200_sxm_141gb", TensorParallel = 4, WeightPrecision = "mxfp4" });
            var m = Assert.Single(r.Measurements);
            Assert.Equal(("request_rate", 2.0, 0.5, 200), (m.Mode, m.RequestRate!.Value, m.Burstiness!.Value, m.NumRequests!.Value));
            var request = Request(m);
            Assert.Equal((2.0, 0.5, ArrivalProcess.Poisson), (request.RequestRate!.Value, request.Burstiness!.Value, request.ArrivalProcess));
            var e = DeploymentEstimator.Estimate(request);
            Assert.Equal(LoadMode.RequestRate, e.LoadMode);
            Assert.True(e.TtftP99Ms >= e.TtftP50Ms);
        }

        [Fact]
        public void PercentilesAreComparedWhereTheEstimateHasThemAndOnlyThere()
        {
            var h200 = new ServingMeasurement { HardwareId = "nvidia_h200_sxm_141gb", TensorParallel = 4, WeightPrecision = "mxfp4" };
            var open = Assert.Single(Import("vllm-request-rate.json", h200).Measurements);
            Assert.Equal((120.4, 6.1, 5400.0), (open.TtftP99Ms!.Value, open.TpotP99Ms!.Value, open.EndToEndLatencyP99Ms!.Value));
            var openErrors = EstimateComparisons.Compare(open, DeploymentEstimator.Estimate(Request(open))).Errors.Select(x => x.Metric).ToList();
            Assert.Contains("TtftP99Ms", openErrors);
            Assert.Contains("EndToEndLatencyP99Ms", openErrors);

            // a closed-loop run reports p99 too, but the closed-loop estimate has no percentiles to hold against it
            var closed = Assert.Single(Import("vllm/gpt-oss-120b-h200-tp4-c16.json", h200).Measurements);
            Assert.NotNull(closed.TtftP99Ms);
            var closedErrors = EstimateComparisons.Compare(closed, DeploymentEstimator.Estimate(Request(closed))).Errors.Select(x => x.Metric).ToList();
            Assert.DoesNotContain("TtftP99Ms", closedErrors);
            Assert.Contains("TtftMs", closedErrors);
            Assert.All(new FitCases(new[] { closed }, CalibrationTestData.Catalog(), EstimatorCalibration.Default).Cases.Single().Metrics,
                v => Assert.DoesNotContain("P99", v.Metric.Name));
        }

        [Fact]
        public void GuidellmConstantRateRunsArriveEvenly()
        {
            var m = new ServingMeasurement { Mode = "request_rate", RequestRate = 4, ArrivalProcess = "Constant", ModelId = "llama_3.1_8b", HardwareId = "nvidia_h100_sxm_80gb", TensorParallel = 1, InputLength = 1000, OutputLength = 200 };
            Assert.Equal(ArrivalProcess.Constant, Request(m).ArrivalProcess);
        }

        [Theory]
        [InlineData("request_rate", null, false, null, "finite request rate")]
        [InlineData("request_rate", double.PositiveInfinity, false, null, "finite request rate")]
        [InlineData("concurrency", null, true, null, "does not state the prefill and decode layouts")]
        [InlineData("concurrency", null, false, "draft_model", "'draft_model' is not a method")]
        [InlineData("sweep", null, false, null, "load mode 'sweep'")]
        public void WhatCannotBeEstimatedSaysWhy(string mode, double? rate, bool disaggregated, string? speculative, string why)
        {
            var m = new ServingMeasurement { Mode = mode, RequestRate = rate, Disaggregated = disaggregated, SpeculativeDecoding = speculative, Concurrency = 8 };
            Assert.Contains(why, MeasurementEstimates.NotEstimable(m));
            Assert.Throws<InvalidOperationException>(() => Request(m));
        }
    }
}
