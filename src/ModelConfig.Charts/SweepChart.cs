using System.Collections.Generic;
using System.Linq;
using ModelConfig.Core.Estimation;
using ScottPlot;

namespace ModelConfig.Charts
{
    /// <summary>A metric against concurrency (or static batch), one series per hardware and layout.</summary>
    internal static class SweepChart
    {
        public static Plot Build(IReadOnlyList<DeploymentEstimate> estimates, SweepMetric metric)
        {
            bool concurrency = estimates.Any(e => e.Mode == nameof(LoadMode.Concurrency));
            bool withModel = DeploymentCharts.ManyModels(estimates);
            var plot = new Plot();
            var palette = new ScottPlot.Palettes.Category10();
            int n = 0;
            foreach (var series in estimates.GroupBy(e => DeploymentCharts.Series(e, withModel)))
            {
                var points = series.Select(e => (x: (double)Load(e), y: Value(e, metric))).OrderBy(p => p.x).ToArray();
                var s = plot.Add.Scatter(LogAxes.Log10(points.Select(p => p.x).ToArray()), points.Select(p => p.y).ToArray());
                s.LegendText = series.Key;
                s.Color = palette.GetColor(n++);
                s.MarkerSize = 6;
            }
            LogAxes.Apply(plot.Axes.Bottom);
            plot.XLabel(concurrency ? "Concurrency (requests in flight)" : "Batch size");
            plot.YLabel(Label(metric));
            plot.Title(Label(metric) + (concurrency ? " vs concurrency" : " vs batch size"));
            plot.ShowLegend(Alignment.UpperLeft);
            return plot;
        }

        private static int Load(DeploymentEstimate e) => e.Mode == nameof(LoadMode.Concurrency) ? e.Concurrency ?? 1 : e.BatchSize ?? 1;

        private static double Value(DeploymentEstimate e, SweepMetric metric) =>
            metric == SweepMetric.Tpot ? e.TpotMs : metric == SweepMetric.Ttft ? e.TtftMs : e.OutputTokensPerSecond;

        private static string Label(SweepMetric metric) =>
            metric == SweepMetric.Tpot ? "TPOT (ms)" : metric == SweepMetric.Ttft ? "TTFT (ms)" : "Output tokens/s (per replica)";
    }
}
