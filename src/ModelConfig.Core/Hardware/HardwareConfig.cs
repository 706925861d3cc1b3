using System;
using System.Collections.Generic;
using ModelConfig.Core.Models;
using System.Text.Json.Nodes;

namespace ModelConfig.Core.Hardware
{
    /// <summary>
    /// One accelerator, node or rack of the hardware library. Per-chip figures are per accelerator
    /// (one GPU), dense (never the 2:4-sparse datasheet figure), in decimal units.
    /// </summary>
    public sealed class HardwareConfig
    {
        public int SchemaVersion { get; set; } = 1;
        public string HardwareId { get; set; } = "";
        /// <summary>Other ids that resolve to this entry (e.g. the original system's nvidia_nvl72_rack).</summary>
        public SummaryList<string> Aliases { get; set; } = new SummaryList<string>();
        public string Vendor { get; set; } = "";
        public string Name { get; set; } = "";
        /// <summary>chip, superchip, node or rack.</summary>
        public string Kind { get; set; } = "chip";
        /// <summary>Accelerators (GPUs) in this entry: 1 for a chip, 8 for an HGX node, 72 for an NVL72 rack.</summary>
        public int Chips { get; set; } = 1;

        /// <summary>
        /// Memory of one accelerator as the vendor prints it ("80 GB"), which counts binary gigabytes (GiB, 2^30 bytes):
        /// an H100 "80 GB" shows 81,559 MiB in nvidia-smi. The name keeps the reference table's column name (memory_gb).
        /// </summary>
        public double MemoryGB { get; set; }
        /// <summary>Capacity in bytes: <see cref="MemoryGB"/> x 2^30.</summary>
        public long MemoryBytes => (long)Math.Round(MemoryGB * BytesPerGiB);
        public const double BytesPerGiB = 1073741824.0;
        public string? MemoryType { get; set; }
        /// <summary>Memory bandwidth of one accelerator, GB/s (1e9 bytes/s).</summary>
        public double MemoryBandwidthGBs { get; set; }

        /// <summary>Dense peak TFLOPS (TOPS for int8) of one accelerator, by dtype: fp32, tf32, bf16, fp16, fp8, fp6, fp4, int8.</summary>
        public SummaryDictionary<string, double> DenseTflops { get; set; } = new SummaryDictionary<string, double>(StringComparer.OrdinalIgnoreCase);
        public double? DenseTflopsBf16 => Peak("bf16");
        public double? DenseTflopsFp8 => Peak("fp8");
        public double? DenseTflopsFp4 => Peak("fp4");
        public string? SparsityNote { get; set; }

        public string? ScaleUpLink { get; set; }
        /// <summary>Scale-up (NVLink, Infinity Fabric, ICI...) bandwidth per chip, GB/s, both directions together as vendors quote it; 0 when the source gives none (the file then omits it).</summary>
        public double ScaleUpBandwidthGBs { get; set; }
        /// <summary>How many accelerators share one scale-up domain.</summary>
        public int ScaleUpDomainSize { get; set; } = 1;
        /// <summary>Scale-out network bandwidth per chip, GB/s; null when the source gives none.</summary>
        public double? ScaleOutBandwidthGBs { get; set; }
        public double? TdpW { get; set; }
        public int? LaunchYear { get; set; }
        /// <summary>What the user pays for one accelerator per hour, USD; only user files carry it (prices change and differ by buyer, so none is bundled).</summary>
        public double? PriceUsdPerGpuHour { get; set; }

        /// <summary>Where every figure comes from.</summary>
        public string Source { get; set; } = "";
        public string? Notes { get; set; }

        /// <summary>Per-hardware overrides of the estimator's fitted efficiencies (null: use the calibrated defaults).</summary>
        public HardwareEfficiency? Efficiency { get; set; }

        public string? SourcePath { get; set; }

        /// <summary>What produced the file (e.g. the CSV the import tool read); null for hand-written files.</summary>
        public string? GeneratedFrom { get; set; }

        /// <summary>Fields of the file this version does not know; written back unchanged (after the known fields).</summary>
        internal JsonObject? AdditionalFields { get; set; }

        public double? Peak(string dtype) => DenseTflops.TryGetValue(dtype, out var v) && v > 0 ? v : (double?)null;

        /// <summary>A deep copy, so a cached library entry can be handed out without callers changing it for each other.</summary>
        public HardwareConfig Clone()
        {
            var c = (HardwareConfig)MemberwiseClone();
            c.Aliases = new SummaryList<string>(Aliases);
            // filled by its enumerator, not the copying constructor, whose code over doubles is compiled at run time in a new session
            c.DenseTflops = new SummaryDictionary<string, double>(StringComparer.OrdinalIgnoreCase);
            foreach (var kv in DenseTflops) c.DenseTflops[kv.Key] = kv.Value;
            c.Efficiency = Efficiency?.Clone();
            c.AdditionalFields = AdditionalFields?.DeepClone() as JsonObject;
            return c;
        }

        public override string ToString() => HardwareId;
    }

    /// <summary>Achievable fractions of peak and fixed overheads for one piece of hardware, each optional.</summary>
    public sealed class HardwareEfficiency
    {
        public double? ComputeEfficiency { get; set; }
        public double? MemoryEfficiency { get; set; }
        public double? ScaleUpEfficiency { get; set; }
        public double? StepOverheadMs { get; set; }
        public string? Source { get; set; }

        public HardwareEfficiency Clone() => (HardwareEfficiency)MemberwiseClone();
    }
}
