using System;
using System.IO;
using ModelConfig.Core.Hub;
using ModelConfig.Core.Serialization;
using Xunit;

namespace ModelConfig.Core.Tests.Hub
{
    public sealed class HubLocalTests : IDisposable
    {
        private const string Sha = "0123456789abcdef0123456789abcdef01234567";
        private readonly string _root = Path.Combine(Path.GetTempPath(), "mc-local-tests-" + Guid.NewGuid().ToString("N"));

        public HubLocalTests() => Directory.CreateDirectory(_root);

        public void Dispose()
        {
            try { Directory.Delete(_root, true); } catch (IOException) { }
        }

        private string Write(string relative, string content)
        {
            var path = Path.Combine(_root, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, content);
            return path;
        }

        [Fact]
        public void A_config_file_is_read_without_hub_identity()
        {
            var file = Write(Path.Combine("checkout", "config.json"), "{\"model_type\":\"bert\"}");
            var r = HubResolver.ResolveLocal(file);
            Assert.Equal("bert", (string?)r.Config["model_type"]);
            Assert.Equal(file, r.ConfigPath);
            Assert.Null(r.HfModelId);
            Assert.Null(r.CommitSha);
        }

        [Fact]
        public void A_folder_holding_config_json_is_accepted()
        {
            var file = Write(Path.Combine("checkout", "config.json"), "\uFEFF{\"model_type\":\"bert\"}");   // with a BOM
            var r = HubResolver.ResolveLocal(Path.Combine(_root, "checkout"));
            Assert.Equal(file, r.ConfigPath);
            Assert.Equal("bert", (string?)r.Config["model_type"]);
        }

        [Fact]
        public void A_cache_snapshot_folder_gives_repo_id_sha_and_ref()
        {
            var repoDir = Path.Combine("hub", "models--meta-llama--Llama-3.1-8B");
            Write(Path.Combine(repoDir, "snapshots", Sha, "config.json"), "{\"model_type\":\"llama\"}");
            Write(Path.Combine(repoDir, "refs", "main"), Sha);
            Write(Path.Combine(repoDir, "refs", "v1"), Sha);
            var r = HubResolver.ResolveLocal(Path.Combine(_root, repoDir, "snapshots", Sha));
            Assert.Equal("meta-llama/Llama-3.1-8B", r.HfModelId);
            Assert.Equal(Sha, r.CommitSha);
            Assert.Equal("main", r.Revision);
        }

        [Fact]
        public void A_snapshot_without_refs_uses_the_sha_as_revision()
        {
            var file = Write(Path.Combine("models--org--name", "snapshots", Sha, "config.json"), "{}");
            var r = HubResolver.ResolveLocal(file);
            Assert.Equal("org/name", r.HfModelId);
            Assert.Equal(Sha, r.Revision);
        }

        [Fact]
        public void Missing_path_and_folder_without_config_name_the_path()
        {
            var missing = Path.Combine(_root, "nowhere");
            var e1 = Assert.Throws<FileNotFoundException>(() => HubResolver.ResolveLocal(missing));
            Assert.Contains(missing, e1.Message);
            Directory.CreateDirectory(Path.Combine(_root, "empty"));
            var e2 = Assert.Throws<FileNotFoundException>(() => HubResolver.ResolveLocal(Path.Combine(_root, "empty")));
            Assert.Contains(Path.Combine(_root, "empty"), e2.Message);
        }

        [Theory]
        [InlineData("{ broken")]
        [InlineData("[1]")]
        public void Bad_content_is_a_format_error_naming_the_file(string content)
        {
            var file = Write("config.json", content);
            var e = Assert.Throws<DataFileFormatException>(() => HubResolver.ResolveLocal(file));
            Assert.Equal(file, e.FilePath);
            Assert.Contains(file, e.Message);
        }
    }
}
