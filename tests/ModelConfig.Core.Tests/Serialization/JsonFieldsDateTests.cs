using System;
using System.Globalization;
using System.Text.Json.Nodes;
using ModelConfig.Core.Serialization;
using Xunit;

namespace ModelConfig.Core.Tests.Serialization
{
    /// <summary>
    /// Dates in the writer's form are parsed exactly (a faster first read in a session); every form must still read as the
    /// general parser reads it, and what neither accepts is the same error.
    /// </summary>
    public class JsonFieldsDateTests
    {
        [Theory]
        [InlineData("2026-12-03T07:13:22Z")]
        [InlineData("2024-02-29T23:59:59Z")]
        [InlineData("2026-12-03")]
        [InlineData("2026-12-03T07:13:22+02:00")]
        [InlineData("2026-12-03T07:13:22.5Z")]
        [InlineData("2026-12-03 07:13:22")]
        public void A_date_reads_as_the_general_parser_reads_it(string text)
        {
            Assert.True(DateTime.TryParse(text, CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var expected));
            var read = Fields(text).OptDate("at");
            Assert.Equal(DateTime.SpecifyKind(expected, DateTimeKind.Utc), read);
            Assert.Equal(DateTimeKind.Utc, read!.Value.Kind);
        }

        [Theory]
        [InlineData("2026-02-30T00:00:00Z")]
        [InlineData("2026-12-03T25:00:00Z")]
        [InlineData("yesterday")]
        public void A_date_neither_parser_accepts_is_an_error_naming_the_field(string text)
        {
            var e = Assert.Throws<DataFileFormatException>(() => Fields(text).OptDate("at"));
            Assert.Equal("at", e.Field);
            Assert.Contains("ISO 8601", e.Message);
        }

        private static JsonFields Fields(string text) => new JsonFields(new JsonObject { ["at"] = text }, "x.json");
    }
}
