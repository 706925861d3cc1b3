using System;
using System.IO;

namespace ModelConfig.Charts
{
    public enum ChartKind
    {
        Roofline,
        MemoryBreakdown,
        Sweep,
        Pareto,
    }

    /// <summary>What a Sweep chart puts on the y axis.</summary>
    public enum SweepMetric
    {
        Tpot,
        Ttft,
        Throughput,
    }

    public enum ChartFormat
    {
        Png,
        Svg,
    }

    /// <summary>The compute and bandwidth roofs of one accelerator, for the Roofline chart.</summary>
    public sealed class RooflineCeiling
    {
        public RooflineCeiling(string name, double peakTflops, double bandwidthGBs)
        {
            Name = name;
            PeakTflops = peakTflops;
            BandwidthGBs = bandwidthGBs;
        }

        public string Name { get; }
        public double PeakTflops { get; }
        public double BandwidthGBs { get; }

        /// <summary>FLOP per byte where the bandwidth roof meets the compute roof.</summary>
        public double RidgeIntensity => BandwidthGBs > 0 ? PeakTflops * 1e3 / BandwidthGBs : 0;
    }

    public sealed class ChartOptions
    {
        public int Width { get; set; } = 800;
        public int Height { get; set; } = 500;
        public string? Title { get; set; }
        public SweepMetric Metric { get; set; } = SweepMetric.Tpot;
        /// <summary>Roofline only: the roofs to draw (one per hardware in the estimates).</summary>
        public RooflineCeiling? Ceiling { get; set; }

        /// <summary>Checked here so the cmdlet and the server reject the same sizes with the same words.</summary>
        public void Validate()
        {
            if (Width < 100 || Width > 4000) throw new ChartInputException("width", "Width must be between 100 and 4000 pixels.");
            if (Height < 100 || Height > 4000) throw new ChartInputException("height", "Height must be between 100 and 4000 pixels.");
        }

        public static ChartFormat FormatOfPath(string path)
        {
            var ext = Path.GetExtension(path ?? "").ToLowerInvariant();
            if (ext == ".png") return ChartFormat.Png;
            if (ext == ".svg") return ChartFormat.Svg;
            throw new ChartInputException("path", $"'{path}' must end in .png or .svg.");
        }
    }

    /// <summary>The estimates cannot make the chart asked for; <see cref="Field"/> names the input at fault.</summary>
    public sealed class ChartInputException : ArgumentException
    {
        public ChartInputException(string field, string message) : base(message)
        {
            Field = field;
        }

        public string Field { get; }
    }
}
