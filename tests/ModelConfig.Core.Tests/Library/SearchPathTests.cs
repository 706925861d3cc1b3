using System.IO;
using ModelConfig.Core.Library;
using Xunit;

namespace ModelConfig.Core.Tests.Library
{
    public class SearchPathTests
    {
        [Fact]
        public void SearchPathPutsExplicitFoldersFirstThenEnvironmentThenBundled()
        {
            var sep = Path.PathSeparator;
            var path = SearchPath.Build(new[] { "/explicit" }, $"/env1{sep}{sep}/env2", "/bundled");
            Assert.Equal(new[] { "/explicit", "/env1", "/env2", "/bundled" }, path);
        }

        [Fact]
        public void SplitIgnoresEmptyEntriesAndRemovesRepeats()
        {
            var sep = Path.PathSeparator;
            Assert.Equal(new[] { "/a", "/b" }, SearchPath.Split($"{sep}/a{sep} {sep}/b{sep}/a{sep}/a/{sep}"));
            Assert.Empty(SearchPath.Split(null));
            Assert.Empty(SearchPath.Split("   "));
        }

        [Fact]
        public void AFolderListedTwiceKeepsItsFirstPlace()
        {
            var path = SearchPath.Build(new[] { "/bundled" }, "/env", "/bundled");
            Assert.Equal(new[] { "/bundled", "/env" }, path);
        }
    }
}
