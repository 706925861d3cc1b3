using System.IO;
using System.Linq;
using System.Text.Json;
using ModelConfig.Core.Hardware;
using Xunit;

namespace ModelConfig.Core.Tests.Hardware
{
    /// <summary>
    /// Every data file against data/schemas/hardware.schema.json, using <see cref="MiniSchemaValidator"/>: a small
    /// structural check of the keywords the schema uses (types, required fields, enums, bounds, patterns), not a
    /// full JSON Schema implementation. Rules the schema cannot state are the reader's (see HardwareJsonTests).
    /// </summary>
    public class HardwareSchemaTests
    {
        private static JsonElement Schema() =>
            JsonDocument.Parse(File.ReadAllText(SharedData.DataDir("schemas", "hardware.schema.json"))).RootElement;

        [Fact]
        public void SchemaIsDraft2020_12()
        {
            Assert.Equal("https://json-schema.org/draft/2020-12/schema", Schema().GetProperty("$schema").GetString());
        }

        [Fact]
        public void EveryDataFileSatisfiesTheSchema()
        {
            var schema = Schema();
            var files = Directory.GetFiles(SharedData.DataDir("hardware"), "*.json");
            Assert.NotEmpty(files);
            foreach (var path in files)
            {
                var errors = MiniSchemaValidator.Validate(schema, JsonDocument.Parse(File.ReadAllText(path)).RootElement);
                Assert.True(errors.Count == 0, Path.GetFileName(path) + ": " + string.Join("; ", errors));
            }
        }

        [Fact]
        public void WrittenFileWithEfficiencyAndExtrasSatisfiesTheSchema()
        {
            var h = HardwareJson.Read(HardwareTestFolder.Minimal("x", extra: ",\n  \"efficiency\": { \"memory_efficiency\": 0.8, \"source\": \"s\" },\n  \"extra\": [1]"), null);
            var errors = MiniSchemaValidator.Validate(Schema(), JsonDocument.Parse(HardwareJson.Write(h)).RootElement);
            Assert.Empty(errors);
        }

        [Theory]
        [InlineData("\"source\": \"unit test\"", "\"sauce\": \"unit test\"", "required property 'source'")]
        [InlineData("\"bf16\": 100", "\"bf61\": 100", "$.dense_tflops.bf61")]
        [InlineData("\"chips\": 1", "\"chips\": 1.5", "$.chips")]
        [InlineData("\"kind\": \"chip\"", "\"kind\": \"board\"", "$.kind")]
        [InlineData("\"memory_gb\": 80", "\"memory_gb\": 0", "$.memory_gb")]
        public void TheCheckRejectsBrokenFiles(string from, string to, string expected)
        {
            var doc = JsonDocument.Parse(HardwareTestFolder.Minimal("x").Replace(from, to)).RootElement;
            var errors = MiniSchemaValidator.Validate(Schema(), doc);
            Assert.Contains(errors, e => e.Contains(expected));
        }

        [Fact]
        public void SchemaListsEveryFieldTheWriterEmits()
        {
            var props = Schema().GetProperty("properties").EnumerateObject().Select(p => p.Name).ToHashSet();
            var h = HardwareJson.Read(HardwareTestFolder.Minimal("x", extra: ",\n  \"efficiency\": { \"step_overhead_ms\": 1, \"source\": \"s\" }"), null);
            h.ScaleUpBandwidthGBs = 1; h.ScaleOutBandwidthGBs = 1; h.TdpW = 1; h.LaunchYear = 2024; h.PriceUsdPerGpuHour = 2.5; h.Notes = "n"; h.SparsityNote = "s";
            h.ScaleUpLink = "l"; h.MemoryType = "m"; h.GeneratedFrom = "g"; h.Aliases.Add("y");
            foreach (var kv in HardwareJson.ToJson(h)) Assert.Contains(kv.Key, props);
        }

        [Fact]
        public void APriceInAUserFileIsReadAndWrittenBack()
        {
            var h = HardwareJson.Read(HardwareTestFolder.Minimal("x", extra: ",\n  \"price_usd_per_gpu_hour\": 2.49"), null);
            Assert.Equal(2.49, h.PriceUsdPerGpuHour);
            Assert.Contains("\"price_usd_per_gpu_hour\": 2.49", HardwareJson.Write(h));
            Assert.Null(h.AdditionalFields);
        }
    }
}
