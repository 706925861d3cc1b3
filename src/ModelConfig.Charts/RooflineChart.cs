using System;
using System.Collections.Generic;
using System.Linq;
using ModelConfig.Core.Estimation;
using ScottPlot;

namespace ModelConfig.Charts
{
    /// <summary>Per-layer arithmetic intensity against attained TFLOPS, under the hardware's compute and bandwidth roofs.</summary>
    internal static class RooflineChart
    {
        public static Plot Build(IReadOnlyList<DeploymentEstimate> estimates, ChartOptions options)
        {
            var rows = estimates.Where(e => e.Layers != null).SelectMany(e => e.Layers!)
                .Where(l => l.Flops > 0 && l.BytesMoved > 0 && l.TimeMs > 0).ToList();
            if (rows.Count == 0)
                throw new ChartInputException("input_object", "A roofline needs per-layer rows: run Measure-Deployment with -IncludeLayers (the server adds them itself).");
            var ceiling = options.Ceiling ?? throw new ChartInputException("hardware", "A roofline needs the hardware's peak TFLOPS and bandwidth.");

            var plot = new Plot();
            double minAi = rows.Min(r => r.ArithmeticIntensity) / 2, maxAi = Math.Max(rows.Max(r => r.ArithmeticIntensity), ceiling.RidgeIntensity) * 4;
            var roofX = new List<double>();
            var roofY = new List<double>();
            // The roof bends at the ridge point, so sample it there exactly rather than only on a grid.
            foreach (var ai in new[] { minAi, Math.Max(minAi, Math.Min(maxAi, ceiling.RidgeIntensity)), maxAi }.Distinct())
            {
                roofX.Add(ai);
                roofY.Add(Math.Min(ceiling.PeakTflops, ai * ceiling.BandwidthGBs / 1e3));
            }
            var roof = plot.Add.ScatterLine(LogAxes.Log10(roofX.ToArray()), LogAxes.Log10(roofY.ToArray()));
            roof.Color = Colors.Black;
            roof.LineWidth = 2;
            roof.LegendText = $"{ceiling.Name} roof: {ceiling.PeakTflops:0} TFLOPS, {ceiling.BandwidthGBs:0} GB/s";

            AddPhase(plot, rows, "prefill", Colors.RoyalBlue);
            AddPhase(plot, rows, "decode", Colors.OrangeRed);

            plot.XLabel("Arithmetic intensity (FLOP/byte)");
            plot.YLabel("Attained TFLOPS per GPU");
            plot.Title("Roofline: " + string.Join(", ", estimates.Select(DeploymentCharts.Layout).Distinct()));
            LogAxes.Apply(plot.Axes.Bottom);
            LogAxes.Apply(plot.Axes.Left);
            plot.ShowLegend(Alignment.LowerRight);
            return plot;
        }

        private static void AddPhase(Plot plot, List<LayerEstimate> rows, string phase, Color color)
        {
            var p = rows.Where(r => r.Phase == phase).ToList();
            if (p.Count == 0) return;
            var xs = LogAxes.Log10(p.Select(r => r.ArithmeticIntensity).ToArray());
            var ys = LogAxes.Log10(p.Select(r => r.Flops / (r.TimeMs / 1e3) / 1e12).ToArray());
            var s = plot.Add.ScatterPoints(xs, ys);
            s.Color = color;
            s.MarkerSize = 7;
            s.LegendText = phase;
        }
    }
}
