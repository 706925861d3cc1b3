using System.Collections.Generic;
using System.IO;
using System.Linq;
using ModelConfig.Core.Models;
using ModelConfig.Core.Library;
using ModelConfig.Core.Serialization;
using Xunit;

namespace ModelConfig.Core.Tests.Library
{
    public class ModelLibraryTests
    {
        [Fact]
        public void EarlierFolderWinsAndRecordsWhatItOverrides()
        {
            using var user = new TempFolder();
            using var bundled = new TempFolder();
            var mine = TestModels.Tiny("shared_id");
            mine.Name = "Mine";
            user.Write("shared_id.json", ModelConfigJson.Write(mine));
            bundled.Write("shared_id.json", ModelConfigJson.Write(TestModels.Tiny("shared_id")));
            bundled.Write("other.json", ModelConfigJson.Write(TestModels.Tiny("other")));

            var lib = new ModelLibrary(new[] { user.Path, bundled.Path });
            var entries = lib.Entries();
            Assert.Equal(new[] { "other", "shared_id" }, entries.Select(e => e.Id));
            var shared = entries.Single(e => e.Id == "shared_id");
            Assert.StartsWith(user.Path, shared.FilePath);
            Assert.Single(shared.Overrides);
            Assert.Equal("Mine", lib.Load(shared).Name);
        }

        [Fact]
        public void OneCorruptFileIsOneErrorAndTheRestStillLoad()
        {
            using var folder = new TempFolder();
            folder.Write("good_a.json", ModelConfigJson.Write(TestModels.Tiny("good_a")));
            folder.Write("broken.json", "{ \"schema_version\": 1, ");
            folder.Write("good_b.json", ModelConfigJson.Write(TestModels.Tiny("good_b")));
            var lib = new ModelLibrary(new[] { folder.Path });
            var errors = new List<DataLoadError>();
            var models = lib.LoadAll(lib.Entries(), errors);
            Assert.Equal(new[] { "good_a", "good_b" }, models.Select(m => m.ModelId));
            var error = Assert.Single(errors);
            Assert.EndsWith("broken.json", error.FilePath);
            Assert.Contains("broken.json", error.Message);
        }

        [Fact]
        public void AFileWhoseIdDisagreesWithItsNameIsAnError()
        {
            using var folder = new TempFolder();
            folder.Write("renamed.json", ModelConfigJson.Write(TestModels.Tiny("original")));
            var lib = new ModelLibrary(new[] { folder.Path });
            var e = Assert.Throws<DataFileFormatException>(() => lib.Load(lib.Entries().Single()));
            Assert.Equal("model_id", e.Field);
        }

        [Fact]
        public void ReloadsAFileAfterItChanges()
        {
            using var folder = new TempFolder();
            var path = folder.Write("tiny_model.json", ModelConfigJson.Write(TestModels.Tiny()));
            Assert.False(ModelLibrary.LoadFile(path).Validated);
            var m = TestModels.Tiny();
            m.Validated = true;
            m.ValidationNotes = "reviewed and longer";
            File.WriteAllText(path, ModelConfigJson.Write(m));
            File.SetLastWriteTimeUtc(path, System.DateTime.UtcNow.AddSeconds(5));
            Assert.True(ModelLibrary.LoadFile(path).Validated);
        }

        [Fact]
        public void MissingFoldersAreSkipped()
        {
            var lib = new ModelLibrary(new[] { "/definitely/not/here" });
            Assert.Empty(lib.Entries());
        }

        [Theory]
        [InlineData("llama_3.3_70b", true)]
        [InlineData("../secrets", false)]
        [InlineData("a/b", false)]
        [InlineData("a\\b", false)]
        [InlineData("/etc/passwd", false)]
        [InlineData("C:x", false)]
        [InlineData("..", false)]
        [InlineData("", false)]
        [InlineData("with space", false)]
        public void ModelIdsNeverEscapeTheLibrary(string id, bool valid) => Assert.Equal(valid, ModelIds.IsValid(id, out _));

        [Theory]
        [InlineData("meta-llama/Llama-3.3-70B-Instruct", "llama_3.3_70b_instruct")]
        [InlineData("TinyLlama/TinyLlama-1.1B-Chat-v1.0", "tinyllama_1.1b_chat_v1.0")]
        [InlineData("Qwen/Qwen3-30B-A3B", "qwen3_30b_a3b")]
        public void DerivesIdsFromNames(string name, string id) => Assert.Equal(id, ModelIds.FromName(name));
    }
}
