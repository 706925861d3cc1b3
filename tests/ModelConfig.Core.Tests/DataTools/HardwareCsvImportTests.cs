using System.IO;
using System.Linq;
using ModelConfig.DataTools;
using ModelConfig.Core.Hardware;
using ModelConfig.Core.Serialization;
using Xunit;

using ModelConfig.Core.Tests.Hardware;

namespace ModelConfig.Core.Tests.DataTools
{
    public class HardwareCsvImportTests
    {
        private const string Header = "id,vendor,name,kind,chips,memory_gb,memory_type,memory_bw_gbs,dense_tflops_fp32,dense_tflops_tf32,dense_tflops_bf16,dense_tflops_fp16,dense_tflops_fp8,dense_tflops_fp6,dense_tflops_fp4,dense_tops_int8,sparsity_note,scaleup_link,scaleup_bw_gbs_per_chip,scaleup_domain_size,scaleout_bw_gbs_per_chip,tdp_w,launch_year,source,notes";

        /// <summary>The committed data/hardware files are exactly what the tool writes from the reference CSV.</summary>
        [SkippableFact]
        public void CommittedDataEqualsToolOutput()
        {
            var csv = SharedData.RequireShared("reference", "hardware.csv");
            var rendered = HardwareCsvImport.Render(HardwareCsvImport.ReadCsvFile(csv));
            var folder = SharedData.DataDir("hardware");
            var committed = Directory.GetFiles(folder, "*.json").Select(Path.GetFileName).OrderBy(n => n).ToList();
            Assert.Equal(rendered.Select(kv => kv.Key).OrderBy(n => n), committed);
            foreach (var kv in rendered)
            {
                var text = File.ReadAllText(Path.Combine(folder, kv.Key)).Replace("\r\n", "\n");
                Assert.True(text == kv.Value, $"{kv.Key} differs from the tool's output; re-run tools/hardware-import/Import-HardwareCsv.ps1");
            }
        }

        [SkippableFact]
        public void ReRunningTheToolChangesNothing()
        {
            var csv = SharedData.RequireShared("reference", "hardware.csv");
            using var tmp = new HardwareTestFolder();
            var first = HardwareCsvImport.ImportFile(csv, tmp.Path);
            Assert.True(first.Created.Count >= 39);
            var stamps = Directory.GetFiles(tmp.Path).ToDictionary(p => p, File.GetLastWriteTimeUtc);
            var second = HardwareCsvImport.ImportFile(csv, tmp.Path);
            Assert.Empty(second.Created);
            Assert.Empty(second.Updated);
            Assert.Equal(first.Created.Count, second.Unchanged.Count);
            foreach (var kv in stamps) Assert.Equal(kv.Value, File.GetLastWriteTimeUtc(kv.Key));
        }

        [Fact]
        public void QuotedCellsWithCommasQuotesAndLineBreaks()
        {
            var csv = Header + "\n" +
                "acc_1,Vendor,\"Card, \"\"Pro\"\"\",chip,1,48,GDDR6,864,91.6,183,362.05,362.05,733,,,733,\"Dense;\nsparse = 2x\",PCIe,64,8,,350,2023,\"src, with comma\",\r\n";
            var h = Assert.Single(HardwareCsvImport.ReadCsv(csv, "t.csv"));
            Assert.Equal("Card, \"Pro\"", h.Name);
            Assert.Equal("Dense;\nsparse = 2x", h.SparsityNote);
            Assert.Equal(362.05, h.DenseTflopsBf16);
            Assert.Null(h.Peak("fp6"));
            Assert.False(h.DenseTflops.ContainsKey("fp4"));
            Assert.Null(h.ScaleOutBandwidthGBs);
            Assert.Null(h.Notes);
            Assert.Equal(HardwareCsvImport.GeneratedFrom, h.GeneratedFrom);
        }

        [Fact]
        public void LegacyAliasesAreAddedByTheTool()
        {
            var csv = Header + "\nnvidia_gb200_nvl72,NVIDIA,GB200 NVL72,rack,72,186,HBM3e,8000,,,2500,,,,,,Per GPU dense,NVLink 5,1800,72,50,1200,2024,src,\n";
            Assert.Equal(new[] { "nvidia_nvl72_rack" }, Assert.Single(HardwareCsvImport.ReadCsv(csv, null)).Aliases);
        }

        [Theory]
        [InlineData("acc_1,V,N,chip,1,48,,864,,,\"1,000\",,,,,,,,,1,,,,src,", "dense_tflops_bf16")]
        [InlineData("acc_1,V,N,gpu,1,48,,864,,,100,,,,,,,,,1,,,,src,", "kind")]
        [InlineData("acc_1,V,N,chip,1,48,,864,,,100,,,,,,,,,1,,,,,", "source")]
        [InlineData("acc_1,V,N,chip,two,48,,864,,,100,,,,,,,,,1,,,,src,", "chips")]
        public void BadCellsNameLineAndColumn(string row, string column)
        {
            var e = Assert.Throws<DataFileFormatException>(() => HardwareCsvImport.ReadCsv(Header + "\n" + row + "\n", "t.csv"));
            Assert.Contains("line 2", e.Field);
            Assert.Contains(column, e.Field);
        }

        [Fact]
        public void UnknownColumnIsAnErrorNotSilentlyDropped()
        {
            var e = Assert.Throws<DataFileFormatException>(() => HardwareCsvImport.ReadCsv(Header + ",price_usd\n", "t.csv"));
            Assert.Equal("header", e.Field);
            Assert.Contains("price_usd", e.Message);
        }

        [Fact]
        public void CheckFlagsASparseFigureAmongDenseOnes()
        {
            var h = new HardwareConfig { HardwareId = "x", SparsityNote = "dense" };
            h.DenseTflops["tf32"] = 494.7;
            h.DenseTflops["bf16"] = 1978.9; // the sparse H100 figure
            h.DenseTflops["fp16"] = 989.4;
            Assert.Contains(HardwareCsvImport.Check(h), w => w.StartsWith("fp16/bf16"));
            Assert.Contains(HardwareCsvImport.Check(h), w => w.StartsWith("bf16/tf32"));
        }
    }
}
