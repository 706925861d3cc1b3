using ModelConfig.Core.Library;
using Xunit;

namespace ModelConfig.Core.Tests.Library
{
    /// <summary>The semantics of PowerShell's -like, which users already know from every other cmdlet.</summary>
    public class WildcardMatcherTests
    {
        [Theory]
        [InlineData("llama*", "llama_3.1_8b", true)]
        [InlineData("LLAMA*", "llama_3.1_8b", true)]
        [InlineData("*8b", "llama_3.1_8b", true)]
        [InlineData("llama*", "tinyllama", false)]
        [InlineData("ll?ma", "llama", true)]
        [InlineData("ll?ma", "llma", false)]
        [InlineData("[lt]*", "tiny", true)]
        [InlineData("[lt]*", "qwen", false)]
        [InlineData("qwen[0-9]_*", "qwen3_8b", true)]
        [InlineData("qwen[0-9]_*", "qwenx_8b", false)]
        [InlineData("[A-C]x", "bx", true)]
        [InlineData("[a-]x", "-x", true)]
        [InlineData("a`*b", "a*b", true)]
        [InlineData("a`*b", "axb", false)]
        [InlineData("`[x`]", "[x]", true)]
        [InlineData("`[x`]", "x", false)]
        [InlineData("[`]]", "]", true)]
        [InlineData("a]b", "a]b", true)]
        [InlineData("a.b", "axb", false)]
        [InlineData("a+b*", "a+bc", true)]
        [InlineData("exact_id", "EXACT_ID", true)]
        [InlineData("exact_id", "exact_id2", false)]
        public void MatchesLikePowerShell(string pattern, string value, bool expected) =>
            Assert.Equal(expected, WildcardMatcher.Parse(pattern).IsMatch(value));

        [Theory]
        [InlineData("[")]
        [InlineData("llama[")]
        [InlineData("[abc")]
        [InlineData("[]")]
        [InlineData("[z-a]")]
        [InlineData("x*`")]
        public void MalformedPatternsAreATypedErrorNamingThePattern(string pattern)
        {
            var e = Assert.Throws<InvalidWildcardException>(() => WildcardMatcher.Parse(pattern));
            Assert.Equal(pattern, e.Pattern);
            Assert.Contains(pattern, e.Message);
            Assert.Null(WildcardMatcher.TryParse(pattern, out var error));
            Assert.Equal(pattern, error!.Pattern);
        }

        [Theory]
        [InlineData("a*", true)]
        [InlineData("a?", true)]
        [InlineData("[", true)]
        [InlineData("a`*", false)]
        [InlineData("a`[b", false)]
        [InlineData("nvidia_h100_80gb", false)]
        [InlineData("a]", false)]
        public void KnowsWhichPatternsAreWildcards(string pattern, bool wildcard)
        {
            Assert.Equal(wildcard, WildcardMatcher.ContainsWildcard(pattern));
            if (pattern != "[") Assert.Equal(wildcard, WildcardMatcher.Parse(pattern).IsWildcard);
        }

        [Fact]
        public void AnEscapedLiteralMatchesItsUnescapedText() => Assert.True(WildcardMatcher.Parse("a`*").IsMatch("A*"));
    }
}
