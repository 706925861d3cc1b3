using System.Linq;
using System.Text.Json.Nodes;
using ModelConfig.Core.Models;
using ModelConfig.Core.Serialization;
using Xunit;

using ModelConfig.Core.Tests.Library;

namespace ModelConfig.Core.Tests.Serialization
{
    public class ModelConfigJsonTests
    {
        [Fact]
        public void RoundTripsEveryField()
        {
            var m = TestModels.Tiny();
            m.Validated = true;
            m.ValidationNotes = "checked";
            m.Validation = new ValidationRecord { ValidatedBy = "ops", ValidatedAtUtc = new System.DateTime(2026, 11, 29, 12, 0, 0, System.DateTimeKind.Utc), ReferenceParams = 1, ReferenceSource = "x" };
            var text = ModelConfigJson.Write(m);
            var back = ModelConfigJson.Read(text, "t.json");
            Assert.Equal(text, ModelConfigJson.Write(back));
            Assert.Equal(m.TotalParams, back.TotalParams);
            Assert.Equal("ops", back.Validation!.ValidatedBy);
            Assert.Equal(2, back.GetLayers().Count(l => l.LayerKind == LayerKind.Decoder));
        }

        [Fact]
        public void RecordsTheSourceByHubIdAndFileNameNeverByTheGeneratingMachinesPath()
        {
            var m = TestModels.Tiny();
            m.Source = new ModelSource { Kind = "file", File = "config.json", HfModelId = "org/tiny", CommitSha = "0123456789abcdef0123456789abcdef01234567" };
            var source = ModelConfigJson.ToJson(m)["source"]!.AsObject();
            Assert.Equal("config.json", source["file"]!.GetValue<string>());
            Assert.False(source.ContainsKey("path"));
            Assert.Equal("org/tiny@0123456789abcdef0123456789abcdef01234567 (config.json)", m.Source.ToString());
        }

        [Fact]
        public void ReadsAnOldAbsoluteSourcePathAsItsFileNameOnly()
        {
            var json = ModelConfigJson.ToJson(TestModels.Tiny());
            json["source"] = new JsonObject { ["kind"] = "file", ["path"] = "/home/someone/models/org--tiny/config.json" };
            var back = ModelConfigJson.FromJson(json, "t.json");
            Assert.Equal("config.json", back.Source!.File);
            Assert.DoesNotContain("/home/someone", ModelConfigJson.Write(back));
        }

        [Fact]
        public void StoresEachBlockOnceAndANamePerLayer()
        {
            var json = ModelConfigJson.ToJson(TestModels.Tiny());
            Assert.Single(json["blocks"]!.AsObject());
            Assert.Equal(new[] { "decoder", "decoder" }, json["layers"]!.AsArray().Select(n => n!.GetValue<string>()));
        }

        [Fact]
        public void PreservesUnknownFields()
        {
            var json = ModelConfigJson.ToJson(TestModels.Tiny());
            json["x_team_owner"] = new JsonObject { ["name"] = "infra", ["ticket"] = 42 };
            var back = ModelConfigJson.FromJson(json, "t.json");
            var again = ModelConfigJson.ToJson(back);
            Assert.Equal("infra", again["x_team_owner"]!["name"]!.GetValue<string>());
            Assert.Equal(42, again["x_team_owner"]!["ticket"]!.GetValue<int>());
        }

        [Fact]
        public void ExpandsLayersInOrder()
        {
            var layers = TestModels.Tiny().GetLayers();
            Assert.Equal(new[] { "embed_tokens", "layers.0", "layers.1", "norm", "lm_head" }, layers.Select(l => l.Name));
            Assert.Equal(Enumerable.Range(0, 5), layers.Select(l => l.Index));
            Assert.Equal(TestModels.Tiny().TotalParams, layers.Sum(l => l.Params));
        }

        [Fact]
        public void NamesFileAndPositionOfASyntaxError()
        {
            var e = Assert.Throws<DataFileFormatException>(() => ModelConfigJson.Read("{ \"schema_version\": 1,\n \"model_id\": }", "/lib/bad.json"));
            Assert.Contains("/lib/bad.json", e.Message);
            Assert.Contains("line 2", e.Message);
        }

        [Theory]
        [InlineData("total_params", "\"many\"", "must be an integer")]
        [InlineData("validated", "\"yes\"", "must be true or false")]
        [InlineData("model_id", "\"../etc/passwd\"", "must not contain")]
        [InlineData("schema_version", "99", "reads 1 to")]
        public void NamesTheFieldOfASchemaError(string field, string value, string expected)
        {
            var json = ModelConfigJson.ToJson(TestModels.Tiny());
            json[field] = JsonNode.Parse(value);
            var e = Assert.Throws<DataFileFormatException>(() => ModelConfigJson.FromJson(json, "/lib/tiny_model.json"));
            Assert.Equal(field, e.Field);
            Assert.Contains(expected, e.Message);
            Assert.Contains("/lib/tiny_model.json", e.Message);
        }

        [Fact]
        public void RejectsALayerThatNamesAnUndefinedBlock()
        {
            var json = ModelConfigJson.ToJson(TestModels.Tiny());
            json["layers"]!.AsArray()[1] = "moe";
            var e = Assert.Throws<DataFileFormatException>(() => ModelConfigJson.FromJson(json, "f.json"));
            Assert.Equal("layers[1]", e.Field);
        }

        [Fact]
        public void RejectsALayerCountThatDisagreesWithNumLayers()
        {
            var json = ModelConfigJson.ToJson(TestModels.Tiny());
            json["num_layers"] = 3;
            var e = Assert.Throws<DataFileFormatException>(() => ModelConfigJson.FromJson(json, "f.json"));
            Assert.Equal("layers", e.Field);
        }

        [Fact]
        public void RequiresTotalParams()
        {
            var json = ModelConfigJson.ToJson(TestModels.Tiny());
            json.Remove("total_params");
            var e = Assert.Throws<DataFileFormatException>(() => ModelConfigJson.FromJson(json, "f.json"));
            Assert.Equal("total_params", e.Field);
            Assert.Contains("is required", e.Message);
        }

        [Fact]
        public void RejectsANonObjectTopLevel()
        {
            Assert.Throws<DataFileFormatException>(() => ModelConfigJson.Read("[1,2]", "f.json"));
        }
    }
}
