using ModelConfig.Core.Hub;
using Xunit;

namespace ModelConfig.Core.Tests.Hub
{
    public sealed class HubIdsTests
    {
        [Theory]
        [InlineData("meta-llama/Llama-3.1-8B")]
        [InlineData("Qwen/Qwen2.5-0.5B-Instruct")]
        [InlineData("org_1/model.v2")]
        public void Valid_repo_ids(string id) => Assert.True(HubIds.IsValidRepoId(id, out _));

        [Theory]
        [InlineData("gpt2", "no organisation")]
        [InlineData("a/b/c", "exactly one '/'")]
        [InlineData("a/..b", "'..'")]
        [InlineData("a--b/c", "'--'")]
        [InlineData("a/b c", "found ' '")]
        [InlineData("a/-b", "start or end")]
        [InlineData("/b", "empty")]
        public void Invalid_repo_ids_say_why(string id, string reasonPart)
        {
            Assert.False(HubIds.IsValidRepoId(id, out var reason));
            Assert.Contains(reasonPart, reason);
        }

        [Theory]
        [InlineData("main", true)]
        [InlineData("v1.0.2", true)]
        [InlineData("refs/pr/12", true)]
        [InlineData("..", false)]
        [InlineData("a/../b", false)]
        [InlineData("C:x", false)]
        [InlineData("a b", false)]
        [InlineData("a/", false)]
        public void Revisions(string rev, bool valid) => Assert.Equal(valid, HubIds.IsValidRevision(rev, out _));

        [Fact]
        public void Cache_folder_names_round_trip()
        {
            Assert.Equal("models--org--name", HubIds.CacheFolderName("org/name"));
            Assert.Equal("org/name", HubIds.RepoIdFromCacheFolderName("models--org--name"));
            Assert.Null(HubIds.RepoIdFromCacheFolderName("datasets--org--name"));
            Assert.Null(HubIds.RepoIdFromCacheFolderName("models--a--b--c"));
        }
    }
}
