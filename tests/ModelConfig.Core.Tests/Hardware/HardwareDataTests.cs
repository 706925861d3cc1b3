using System;
using System.IO;
using System.Linq;
using ModelConfig.DataTools;
using ModelConfig.Core.Hardware;
using Xunit;

namespace ModelConfig.Core.Tests.Hardware
{
    /// <summary>The bundled data/hardware files: they load, carry sources, and hold hand-checked datasheet values.</summary>
    public class HardwareDataTests
    {
        private static readonly string Folder = SharedData.DataDir("hardware");
        private static HardwareLibrary Bundled() => new HardwareLibrary(Folder);

        [Fact]
        public void EveryDataFileLoadsWithASourceAndNoErrors()
        {
            var files = Directory.GetFiles(Folder, "*.json");
            Assert.True(files.Length >= 39, $"expected the 39 reference entries, found {files.Length}");
            var list = Bundled().List(out var errors);
            Assert.Empty(errors.Select(e => e.Message));
            Assert.Equal(files.Length, list.Count);
            foreach (var h in list)
            {
                Assert.False(string.IsNullOrWhiteSpace(h.Source), $"{h.HardwareId} has no source");
                Assert.False(string.IsNullOrWhiteSpace(h.SparsityNote), $"{h.HardwareId} has no sparsity_note saying what its figures are");
                Assert.Equal(Path.GetFileNameWithoutExtension(h.SourcePath), h.HardwareId);
                Assert.True(h.MemoryGB > 0 && h.MemoryBandwidthGBs > 0, h.HardwareId);
                Assert.Null(h.Efficiency); // generated files leave efficiency overrides to the estimator's calibration
            }
        }

        /// <summary>Dense datasheet figures checked by hand against the vendor sheets (sparse is 2x for NVIDIA/AMD).</summary>
        [Theory]
        [InlineData("nvidia_h100_sxm_80gb", "bf16", 989.4)]   // H100 SXM datasheet 1,979* sparse / 2
        [InlineData("nvidia_h100_sxm_80gb", "fp8", 1978.9)]   // 3,958* / 2
        [InlineData("nvidia_b200_hgx_180gb", "bf16", 2250)]   // Blackwell datasheet HGX B200 4.5 PF* / 2
        [InlineData("amd_mi300x", "bf16", 1307.4)]            // MI300X data sheet, dense column
        [InlineData("nvidia_a100_sxm_80gb", "bf16", 312)]     // A100 datasheet 312 | 624*
        [InlineData("nvidia_a100_sxm_40gb", "bf16", 312)]
        [InlineData("nvidia_gb200_nvl72", "bf16", 2500)]      // rack 360 PF* / 72 / 2
        public void PinnedDenseDatasheetValues(string id, string dtype, double expected)
        {
            var h = Bundled().Find(id);
            Assert.NotNull(h);
            Assert.Equal(expected, h!.Peak(dtype));
        }

        [Fact]
        public void PinnedMemoryFigures()
        {
            var h100 = Bundled().Find("nvidia_h100_sxm_80gb")!;
            Assert.Equal(80, h100.MemoryGB);
            Assert.Equal(80L << 30, h100.MemoryBytes); // memory_gb counts GiB (README-hardware.md)
            Assert.Equal(3350, h100.MemoryBandwidthGBs);
            var mi300x = Bundled().Find("amd_mi300x")!;
            Assert.Equal(192, mi300x.MemoryGB);
            Assert.Equal(5300, mi300x.MemoryBandwidthGBs);
        }

        [Fact]
        public void LegacyNvl72RackIdIsTheGb200Nvl72With72Gpus()
        {
            var rack = Bundled().Find("nvidia_nvl72_rack");
            Assert.NotNull(rack);
            Assert.Equal("nvidia_gb200_nvl72", rack!.HardwareId);
            Assert.Equal(72, rack.Chips); // not the original's 144: 36 superchips x 2 GPUs
            Assert.Equal("rack", rack.Kind);
            Assert.Equal(72, rack.ScaleUpDomainSize);
            Assert.Equal(186, rack.MemoryGB); // per GPU, not per rack
        }

        [Fact]
        public void LegacyGb200SingleIsTheTwoGpuSuperchipWithPerGpuFigures()
        {
            var s = Bundled().Find("nvidia_gb200_single")!;
            Assert.Equal("nvidia_gb200_superchip", s.HardwareId);
            Assert.Equal("superchip", s.Kind);
            Assert.Equal(2, s.Chips);
            Assert.Equal(186, s.MemoryGB);
            Assert.Equal(2500, s.DenseTflopsBf16);
        }

        [Theory]
        [InlineData("nvidia_h100_80gb")]
        [InlineData("NVIDIA_H100_80GB")]
        [InlineData("Nvidia_H100_SXM_80GB")]
        public void LegacyH100IdAndCaseInsensitiveLookup(string name)
        {
            Assert.Equal("nvidia_h100_sxm_80gb", Bundled().Find(name)?.HardwareId);
        }

        /// <summary>Per-chip columns must be per accelerator: a node or rack entry carrying system totals would show here.</summary>
        [Fact]
        public void SystemEntriesCarryPerGpuFigures()
        {
            foreach (var h in Bundled().List(out _).Where(h => h.Kind != "chip"))
            {
                Assert.True(h.Chips >= 1);
                Assert.True(h.MemoryGB <= 300, $"{h.HardwareId}: memory_gb {h.MemoryGB} looks like a system total");
                Assert.True(h.MemoryBandwidthGBs <= 10000, $"{h.HardwareId}: memory bandwidth {h.MemoryBandwidthGBs} looks like a system total");
                Assert.True((h.DenseTflopsBf16 ?? 0) <= 5000, $"{h.HardwareId}: bf16 {h.DenseTflopsBf16} looks like a system total");
            }
            Assert.Equal(8, Bundled().Find("nvidia_hgx_h100_8gpu")!.Chips);
        }

        /// <summary>
        /// The import tool's plausibility warnings on the bundled data are exactly the reviewed ones below. A new row
        /// (or edit) whose dtype ratios suggest a sparse figure among dense ones fails here until someone looks at it.
        /// </summary>
        [Fact]
        public void OnlyReviewedPlausibilityWarnings()
        {
            var reviewed = new[]
            {
                // GeForce convention: bf16/fp8 recorded at FP32-accumulate (half rate on GeForce), fp4 at full rate
                // (1,676 = 3,352 'AI TOPS' sparse / 2); so fp4 is 4x fp8 within one row. Both dense; mixed accumulate conventions.
                "nvidia_rtx_5090: fp4/fp8",
                // AWS NeuronCores run TF32 at the BF16/FP16 rate (Neuron docs: 667 / 190 TFLOPS for all three).
                "aws_trainium2: bf16/tf32",
                "aws_inferentia2: bf16/tf32",
            };
            var warnings = Bundled().List(out _).SelectMany(h => HardwareCsvImport.Check(h).Select(w => h.HardwareId + ": " + w)).ToList();
            var unexpected = warnings.Where(w => !reviewed.Any(r => w.StartsWith(r, StringComparison.Ordinal))).ToList();
            Assert.True(unexpected.Count == 0, "unreviewed: " + string.Join(" | ", unexpected));
            var gone = reviewed.Where(r => !warnings.Any(w => w.StartsWith(r, StringComparison.Ordinal))).ToList();
            Assert.True(gone.Count == 0, "no longer warned (drop from the reviewed list): " + string.Join(" | ", gone));
        }

        /// <summary>Every entry's FP16 and BF16 tensor rates are equal (a sparse figure in one of them would break this).</summary>
        [Fact]
        public void Fp16EqualsBf16WhereBothAreGiven()
        {
            foreach (var h in Bundled().List(out _))
            {
                if (h.Peak("fp16") is double f16 && h.Peak("bf16") is double bf16)
                    Assert.True(f16 == bf16, $"{h.HardwareId}: fp16 {f16} != bf16 {bf16}");
            }
        }
    }
}
