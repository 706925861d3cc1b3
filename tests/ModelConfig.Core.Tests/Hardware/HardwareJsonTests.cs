using System.IO;
using System.Text.Json.Nodes;
using ModelConfig.Core.Hardware;
using ModelConfig.Core.Serialization;
using Xunit;

namespace ModelConfig.Core.Tests.Hardware
{
    public class HardwareJsonTests
    {
        [Fact]
        public void EveryDataFileRoundTripsByteForByte()
        {
            foreach (var path in Directory.GetFiles(SharedData.DataDir("hardware"), "*.json"))
            {
                var text = File.ReadAllText(path).Replace("\r\n", "\n"); // a Windows checkout may turn LF into CRLF
                Assert.Equal(text, HardwareJson.Write(HardwareJson.ReadFile(path)));
            }
        }

        [Fact]
        public void UnknownFieldsArePreservedAfterTheKnownOnes()
        {
            var text = HardwareTestFolder.Minimal("x1", extra: ",\n  \"vendor_sku\": \"ABC-1\",\n  \"pricing\": { \"usd_per_hour\": 2.5, \"as_of\": \"2026-01\" }");
            var h = HardwareJson.Read(text, "x1.json");
            var written = HardwareJson.Write(h);
            var o = JsonNode.Parse(written)!.AsObject();
            Assert.Equal("ABC-1", (string?)o["vendor_sku"]);
            Assert.Equal(2.5, (double?)o["pricing"]!["usd_per_hour"]);
            // A second trip is stable.
            Assert.Equal(written, HardwareJson.Write(HardwareJson.Read(written, null)));
            // Known fields keep their fixed order; unknown ones follow.
            Assert.True(written.IndexOf("\"source\"") < written.IndexOf("\"vendor_sku\""));
        }

        [Fact]
        public void EfficiencyOverridesRoundTrip()
        {
            var text = HardwareTestFolder.Minimal("x2", extra: ",\n  \"efficiency\": { \"compute_efficiency\": 0.62, \"step_overhead_ms\": 3, \"source\": \"fit to calibration.csv rows 1-40\" }");
            var h = HardwareJson.Read(text, null);
            Assert.Equal(0.62, h.Efficiency!.ComputeEfficiency);
            Assert.Null(h.Efficiency.MemoryEfficiency);
            Assert.Equal(3, h.Efficiency.StepOverheadMs);
            var again = HardwareJson.Read(HardwareJson.Write(h), null);
            Assert.Equal(0.62, again.Efficiency!.ComputeEfficiency);
            Assert.Equal("fit to calibration.csv rows 1-40", again.Efficiency.Source);
        }

        [Theory]
        [InlineData("\"bf16\": \"fast\"", "dense_tflops.bf16")]
        [InlineData("\"bf61\": 100", "dense_tflops.bf61")]
        [InlineData("\"bf16\": -1", "dense_tflops.bf16")]
        public void BadDenseFigureNamesTheField(string dense, string field)
        {
            var text = HardwareTestFolder.Minimal("x3").Replace("\"bf16\": 100", dense);
            var e = Assert.Throws<DataFileFormatException>(() => HardwareJson.Read(text, "x3.json"));
            Assert.Equal("x3.json", e.FilePath);
            Assert.Equal(field, e.Field);
        }

        [Fact]
        public void AFileWithoutDenseTflops_IsRefused()
        {
            // An empty object is a vendor publishing no peak (Apple); a missing field is a broken file.
            var text = HardwareTestFolder.Minimal("x5").Replace("\"dense_tflops\": { \"bf16\": 100 },", "");
            Assert.DoesNotContain("dense_tflops", text);
            var e = Assert.Throws<DataFileFormatException>(() => HardwareJson.Read(text, "x5.json"));
            Assert.Equal("dense_tflops", e.Field);
        }

        [Theory]
        [InlineData("\"chips\": 1", "\"chips\": 0", "chips")]
        [InlineData("\"chips\": 1", "\"chips\": \"one\"", "chips")]
        [InlineData("\"kind\": \"chip\"", "\"kind\": \"gpu\"", "kind")]
        [InlineData("\"source\": \"unit test\"", "\"source\": \"\"", "source")]
        [InlineData("\"memory_gb\": 80", "\"memory_gb\": 80, \"memory_bytes\": 80000000000", "memory_bytes")] // 80 GiB converted as decimal GB
        [InlineData("\"aliases\": []", "\"aliases\": [\"x4\"]", "aliases[0]")]
        [InlineData("\"schema_version\": 1", "\"schema_version\": 9", "schema_version")]
        public void BadFieldsAreNamed(string from, string to, string field)
        {
            var text = HardwareTestFolder.Minimal("x4").Replace(from, to);
            var e = Assert.Throws<DataFileFormatException>(() => HardwareJson.Read(text, "x4.json"));
            Assert.Equal(field, e.Field);
            Assert.Contains("x4.json", e.Message);
        }

        [Fact]
        public void EfficiencyNeedsASourceAndFractionsAtMostOne()
        {
            var noSource = HardwareTestFolder.Minimal("x5", extra: ",\n  \"efficiency\": { \"compute_efficiency\": 0.5 }");
            Assert.Equal("efficiency.source", Assert.Throws<DataFileFormatException>(() => HardwareJson.Read(noSource, null)).Field);
            var tooHigh = HardwareTestFolder.Minimal("x5", extra: ",\n  \"efficiency\": { \"memory_efficiency\": 1.2, \"source\": \"s\" }");
            Assert.Equal("efficiency.memory_efficiency", Assert.Throws<DataFileFormatException>(() => HardwareJson.Read(tooHigh, null)).Field);
        }

        [Fact]
        public void MemoryGbCountsGiB()
        {
            // README-hardware.md: vendors print GiB as "GB" (an H200 "141 GB" shows 143,771 MiB); bytes = memory_gb x 2^30.
            var h = HardwareJson.Read(HardwareTestFolder.Minimal("x6").Replace("\"memory_gb\": 80", "\"memory_gb\": 141"), null);
            Assert.Equal(141L << 30, h.MemoryBytes);
            Assert.Contains("\"memory_bytes\": 151397597184", HardwareJson.Write(h));
        }

        [Fact]
        public void InvalidJsonIsOneErrorNamingTheFile()
        {
            var e = Assert.Throws<DataFileFormatException>(() => HardwareJson.Read("{ \"schema_version\": 1, ", "bad.json"));
            Assert.Equal("bad.json", e.FilePath);
            Assert.Contains("not valid JSON", e.Message);
        }
    }
}
