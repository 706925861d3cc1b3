using System.Linq;
using ModelConfig.Core.Calibration;
using Xunit;

namespace ModelConfig.Core.Tests.Calibration
{
    /// <summary>Every import format from its fixture (tests/fixtures/benchmarks), and one error per bad record.</summary>
    public class BenchmarkImportTests
    {
        private static BenchmarkImportResult Import(string fixture, ServingMeasurement? overrides = null) =>
            ServingBenchmarkImport.ReadFile(CalibrationTestData.Fixture(fixture), overrides, CalibrationTestData.Catalog());

        private static readonly ServingMeasurement H200Tp4 = new ServingMeasurement { HardwareId = "nvidia_h200_sxm_141gb", TensorParallel = 4, WeightPrecision = "mxfp4", Framework = "vllm" };

        [Fact]
        public void VllmResultBecomesOneConcurrencyMeasurement()
        {
            var r = Import("vllm/gpt-oss-120b-h200-tp4-c16.json", H200Tp4);
            Assert.Equal(BenchmarkFormats.VllmJson, r.Format);
            Assert.Empty(r.Errors);
            var m = Assert.Single(r.Measurements);
            Assert.Equal("gpt_oss_120b", m.ModelId);
            Assert.Equal("openai/gpt-oss-120b", m.HfModelId);
            Assert.Equal(("concurrency", 16, 160), (m.Mode, m.Concurrency, m.NumRequests));
            Assert.Equal(921.6, m.InputLength!.Value, 1);
            Assert.Equal(57.705, m.TtftMs!.Value, 3);
            Assert.Equal(2730.192, m.OutputTokensPerSecond!.Value, 3);
            Assert.Equal(4, m.TensorParallel);
        }

        [Fact]
        public void SglangJsonLinesGiveOneMeasurementPerLineAndOneErrorForTheBadLine()
        {
            var r = Import("sglang-deepseek-r1.jsonl", new ServingMeasurement { HardwareId = "nvidia_h200_sxm_141gb", TensorParallel = 8, WeightPrecision = "fp8", ModelId = "deepseek-ai/DeepSeek-R1" });
            Assert.Equal(BenchmarkFormats.SglangJsonl, r.Format);
            Assert.Equal(new int?[] { 4, 8 }, r.Measurements.Select(m => m.Concurrency).ToArray());
            Assert.All(r.Measurements, m => Assert.Equal("sglang", m.Framework));
            Assert.All(r.Measurements, m => Assert.True(m.TotalTokensPerSecond > m.OutputTokensPerSecond));
            var e = Assert.Single(r.Errors);
            Assert.Equal(("line 3", "OutputTokensPerSecond"), (e.Record, e.Field));
            Assert.Contains("sglang-deepseek-r1.jsonl", e.Message);
        }

        [Fact]
        public void AiPerfJsonReadsRecordsAndInputConfig()
        {
            var r = Import("aiperf-profile_export_aiperf.json", H200Tp4);
            Assert.Equal(BenchmarkFormats.AiPerfJson, r.Format);
            var m = Assert.Single(r.Measurements);
            Assert.Equal((32, 61.8, 6.61, 6212.4, 4410.7), (m.Concurrency!.Value, m.TtftMs!.Value, m.TpotMs!.Value, m.EndToEndLatencyMs!.Value, m.OutputTokensPerSecond!.Value));
            Assert.Equal("gpt_oss_120b", m.ModelId);
        }

        [Fact]
        public void AiPerfCsvNeedsTheLoadAndModelFromTheCaller()
        {
            var without = Import("genai-perf-profile_export.csv", H200Tp4);
            Assert.Equal(BenchmarkFormats.AiPerfCsv, without.Format);
            Assert.Equal("Concurrency", Assert.Single(without.Errors).Field);
            var with = Import("genai-perf-profile_export.csv", new ServingMeasurement { HardwareId = "nvidia_h200_sxm_141gb", TensorParallel = 4, Concurrency = 32, ModelId = "gpt_oss_120b" });
            var m = Assert.Single(with.Measurements);
            Assert.Equal((6212.4, 922.0, 4410.7, 44.0), (m.EndToEndLatencyMs!.Value, m.OutputLength!.Value, m.OutputTokensPerSecond!.Value, m.TtftMedianMs!.Value));
        }

        [Fact]
        public void GuidellmGivesOneMeasurementPerBenchmark()
        {
            var r = Import("guidellm-benchmarks.json", H200Tp4);
            Assert.Equal(BenchmarkFormats.GuidellmJson, r.Format);
            Assert.Equal(new int?[] { 4, 16 }, r.Measurements.Select(m => m.Concurrency).ToArray());
            Assert.Equal(5201, r.Measurements[0].EndToEndLatencyMs!.Value, 0);
        }

        [Fact]
        public void TrtllmBenchReportReadsLayoutPrecisionAndMetrics()
        {
            var r = Import("trtllm-bench-report.txt", new ServingMeasurement { HardwareId = "nvidia_h200_sxm_141gb" });
            Assert.Equal(BenchmarkFormats.TrtllmBench, r.Format);
            var m = Assert.Single(r.Measurements);
            Assert.Equal(("deepseek_r1", "trtllm", "fp8", 8, 8, 8), (m.ModelId, m.Framework, m.WeightPrecision, m.TensorParallel!.Value, m.ExpertParallel!.Value, m.Concurrency!.Value));
            Assert.Equal((310.0, 30.38, 260.8), (m.TtftMs!.Value, m.TpotMs!.Value, m.OutputTokensPerSecond!.Value));
        }

        [Fact]
        public void CalibrationCsvMergesAConfigurationAndReportsBadRows()
        {
            var r = Import("calibration-sample.csv");
            Assert.Equal(BenchmarkFormats.CalibrationCsv, r.Format);
            var m = Assert.Single(r.Measurements);
            Assert.Equal(("deepseek_r1", 32, 320), (m.ModelId, m.Concurrency!.Value, m.NumRequests!.Value));
            Assert.Equal(7372.8, m.InputLength!.Value, 1);
            Assert.Equal(108.76014673693442 * 8, m.OutputTokensPerSecond!.Value, 6);
            Assert.Equal(33356.455597142485, m.EndToEndLatencyMs!.Value, 6);
            Assert.Equal(2, r.Errors.Count);
            Assert.Contains(r.Errors, e => e.Field == "HardwareId" && e.Message.Contains("acme_x1_64gb") && e.Record.Contains("cfg-unknownhw0001"));
            Assert.Contains(r.Errors, e => e.Field == "TtftMs" && e.Record.Contains("cfg-zerovalue0001"));
        }

        [Theory]
        [InlineData("not-a-benchmark.txt", "file", "(format)")]
        [InlineData("vllm-unknown-model.json", "run", "ModelId")]
        [InlineData("vllm-zero-tpot.json", "run", "TpotMs")]
        public void ABadFileOrRecordIsOneErrorNamingFileRecordAndField(string fixture, string record, string field)
        {
            var r = Import(fixture, H200Tp4);
            Assert.Empty(r.Measurements);
            var e = Assert.Single(r.Errors);
            Assert.Equal((record, field), (e.Record, e.Field));
            Assert.Contains(fixture.Split('/').Last(), e.Message);
        }

        [Fact]
        public void MissingHardwareIsAnErrorUntilTheCallerStatesIt()
        {
            var r = Import("vllm/gpt-oss-120b-h200-tp4-c16.json");
            Assert.Equal("HardwareId", Assert.Single(r.Errors).Field);
            var unknown = Import("vllm/gpt-oss-120b-h200-tp4-c16.json", new ServingMeasurement { HardwareId = "acme_x1_64gb" });
            Assert.Contains("not in the hardware library", Assert.Single(unknown.Errors).Problem);
        }
    }
}
