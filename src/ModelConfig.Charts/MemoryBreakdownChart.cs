using System.Collections.Generic;
using System.Linq;
using ModelConfig.Core.Estimation;
using ScottPlot;

namespace ModelConfig.Charts
{
    /// <summary>Per GPU: weights, KV cache, activations and reserved memory stacked, with the capacity marked.</summary>
    internal static class MemoryBreakdownChart
    {
        private static readonly (string Name, Color Color)[] Parts =
        {
            ("weights", Colors.SteelBlue), ("KV cache", Colors.Orange), ("activations", Colors.SeaGreen), ("reserved", Colors.Gray),
        };

        public static Plot Build(IReadOnlyList<DeploymentEstimate> estimates)
        {
            var plot = new Plot();
            bool withModel = DeploymentCharts.ManyModels(estimates);
            var bars = new List<Bar>();
            for (int i = 0; i < estimates.Count; i++)
            {
                var e = estimates[i];
                double[] values = { e.WeightsGB, e.KvCacheGB, e.ActivationsGB, e.ReservedGB };
                double bottom = 0;
                for (int p = 0; p < values.Length; p++)
                {
                    bars.Add(new Bar { Position = i, ValueBase = bottom, Value = bottom + values[p], FillColor = Parts[p].Color, Size = 0.6 });
                    bottom += values[p];
                }
                var cap = plot.Add.Line(i - 0.4, e.MemoryCapacityGB, i + 0.4, e.MemoryCapacityGB);
                cap.Color = e.Fits ? Colors.Black : Colors.Red;
                cap.LineWidth = 3;
                cap.LinePattern = LinePattern.Dashed;
            }
            plot.Add.Bars(bars);
            plot.Axes.Bottom.SetTicks(
                Enumerable.Range(0, estimates.Count).Select(i => (double)i).ToArray(),
                estimates.Select(e => DeploymentCharts.Series(e, withModel) + (e.Fits ? "" : " (no fit)")).ToArray());
            var legend = Parts.Select(p => new LegendItem { LabelText = p.Name, FillColor = p.Color }).ToList();
            legend.Add(new LegendItem { LabelText = "capacity", LineColor = Colors.Black, LineWidth = 3 });
            plot.ShowLegend(legend, Alignment.UpperRight);
            plot.Axes.Margins(bottom: 0);
            plot.XLabel("Deployment");
            plot.YLabel("Memory per GPU (GB)");
            plot.Title("Memory per GPU");
            return plot;
        }
    }
}
