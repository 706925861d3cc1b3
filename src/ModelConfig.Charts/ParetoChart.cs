using System.Collections.Generic;
using System.Linq;
using ModelConfig.Core.Estimation;
using ScottPlot;

namespace ModelConfig.Charts
{
    /// <summary>Output tokens/s per GPU against tokens/s per user, one colour per series, with the frontier over all points.</summary>
    internal static class ParetoChart
    {
        public static Plot Build(IReadOnlyList<DeploymentEstimate> estimates)
        {
            bool withModel = DeploymentCharts.ManyModels(estimates);
            var plot = new Plot();
            var palette = new ScottPlot.Palettes.Category10();
            int n = 0;
            foreach (var series in estimates.GroupBy(e => DeploymentCharts.Series(e, withModel)))
            {
                var s = plot.Add.ScatterPoints(series.Select(e => e.TokensPerSecondPerUser).ToArray(), series.Select(e => e.OutputTokensPerSecondPerGpu).ToArray());
                s.LegendText = series.Key;
                s.Color = palette.GetColor(n++);
                s.MarkerSize = 8;
            }
            var frontier = Frontier(estimates);
            if (frontier.Count > 1)
            {
                var line = plot.Add.ScatterLine(frontier.Select(e => e.TokensPerSecondPerUser).ToArray(), frontier.Select(e => e.OutputTokensPerSecondPerGpu).ToArray());
                line.Color = Colors.Black.WithAlpha(0.5);
                line.LinePattern = LinePattern.Dashed;
                line.LegendText = "Pareto frontier";
            }
            plot.XLabel("Tokens/s per user");
            plot.YLabel("Output tokens/s per GPU");
            plot.Title("Throughput per GPU vs interactivity");
            plot.ShowLegend(Alignment.UpperRight);
            return plot;
        }

        /// <summary>Points no other point beats on both axes, by increasing tokens/s per user.</summary>
        internal static List<DeploymentEstimate> Frontier(IEnumerable<DeploymentEstimate> estimates)
        {
            var result = new List<DeploymentEstimate>();
            double best = double.NegativeInfinity;
            foreach (var e in estimates.OrderByDescending(e => e.TokensPerSecondPerUser).ThenByDescending(e => e.OutputTokensPerSecondPerGpu))
            {
                if (e.OutputTokensPerSecondPerGpu <= best) continue;
                best = e.OutputTokensPerSecondPerGpu;
                result.Add(e);
            }
            result.Reverse();
            return result;
        }
    }
}
