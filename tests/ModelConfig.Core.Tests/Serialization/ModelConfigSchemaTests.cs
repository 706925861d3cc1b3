using System.IO;
using System.Text.Json;
using ModelConfig.Core.Serialization;
using ModelConfig.Core.Tests.Hardware;
using Xunit;

using ModelConfig.Core.Tests.Library;

namespace ModelConfig.Core.Tests.Serialization
{
    /// <summary>
    /// The bundled model configs and the writer's output against data/schemas/model-config.schema.json, with the
    /// small structural checker the hardware schema uses (types, required fields, enums, bounds, patterns).
    /// Cross-field rules (layer count, block names, sums) are the reader's and Test-ModelConfig's.
    /// </summary>
    public class ModelConfigSchemaTests
    {
        private static JsonElement Schema() =>
            JsonDocument.Parse(File.ReadAllText(SharedData.DataDir("schemas", "model-config.schema.json"))).RootElement;

        [Fact]
        public void EveryBundledConfigSatisfiesTheSchema()
        {
            var schema = Schema();
            var files = Directory.GetFiles(SharedData.DataDir("model_configs"), "*.json");
            Assert.True(files.Length >= 30, $"only {files.Length} bundled configs");
            foreach (var path in files)
            {
                var errors = MiniSchemaValidator.Validate(schema, JsonDocument.Parse(File.ReadAllText(path)).RootElement);
                Assert.True(errors.Count == 0, Path.GetFileName(path) + ": " + string.Join("; ", errors));
            }
        }

        [Fact]
        public void EveryBundledConfigLoadsAndHasASchemaVersion()
        {
            foreach (var path in Directory.GetFiles(SharedData.DataDir("model_configs"), "*.json"))
            {
                var model = ModelConfigJson.ReadFile(path);
                Assert.Equal(1, model.SchemaVersion);
                Assert.Equal(Path.GetFileNameWithoutExtension(path), model.ModelId);
            }
        }

        [Fact]
        public void TheWritersOutputSatisfiesTheSchema()
        {
            var text = ModelConfigJson.Write(TestModels.Tiny());
            Assert.Empty(MiniSchemaValidator.Validate(Schema(), JsonDocument.Parse(text).RootElement));
        }

        [Fact]
        public void TheSchemaRejectsAWrongType()
        {
            var json = ModelConfigJson.ToJson(TestModels.Tiny());
            json["total_params"] = "many";
            Assert.NotEmpty(MiniSchemaValidator.Validate(Schema(), JsonDocument.Parse(json.ToJsonString()).RootElement));
        }
    }
}
