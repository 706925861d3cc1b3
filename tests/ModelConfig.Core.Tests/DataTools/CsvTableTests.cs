using System.IO;
using ModelConfig.DataTools;
using ModelConfig.Core.Serialization;
using Xunit;

using ModelConfig.Core.Tests.Library;

namespace ModelConfig.Core.Tests.DataTools
{
    public class CsvTableTests
    {
        [Fact]
        public void ReadsQuotedCellsAndSkipsBlankLines()
        {
            using var folder = new TempFolder();
            var path = folder.Write("t.csv", "id,note,value\r\na,\"x, \"\"quoted\"\"\ny\",1\n\nb,plain\n");
            var records = CsvTable.ReadRecords(path);
            Assert.Equal(2, records.Count);
            Assert.Equal("x, \"quoted\"\ny", records[0]["note"]);
            Assert.Equal("1", records[0]["value"]);
            Assert.Equal("", records[1]["value"]);
        }

        [Fact]
        public void NamesTheLineOfAnUnterminatedQuote()
        {
            var e = Assert.Throws<DataFileFormatException>(() => CsvTable.Parse("id,note\na,\"open\n", "t.csv"));
            Assert.Contains("t.csv", e.Message);
            Assert.Contains("line 2", e.Message);
        }
    }
}
