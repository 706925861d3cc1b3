using ModelConfig.Core.Models;
using Xunit;

namespace ModelConfig.Core.Tests.Models
{
    public class ParameterCountTests
    {
        [Theory]
        [InlineData(70553706496L, "70.55B")]
        [InlineData(1100048384L, "1.10B")]
        [InlineData(671026419200L, "671.03B")]
        [InlineData(124439808L, "124.44M")]
        [InlineData(512L, "512")]
        public void FormatsForDisplay(long count, string expected) => Assert.Equal(expected, ParameterCount.Format(count));
    }
}
