using System.Collections.Generic;
using System.Linq;
using System.Text;
using ModelConfig.Core.Estimation;
using ScottPlot;

namespace ModelConfig.Charts
{
    /// <summary>Builds the charts of deployment estimates and renders them headless to PNG or SVG.</summary>
    public static class DeploymentCharts
    {
        public static Plot Build(ChartKind kind, IReadOnlyList<DeploymentEstimate> estimates, ChartOptions options)
        {
            options.Validate();
            if (estimates == null || estimates.Count == 0)
                throw new ChartInputException("input_object", "No estimates to chart: pipe the output of Measure-Deployment.");
            Plot plot;
            switch (kind)
            {
                case ChartKind.Roofline: plot = RooflineChart.Build(estimates, options); break;
                case ChartKind.MemoryBreakdown: plot = MemoryBreakdownChart.Build(estimates); break;
                case ChartKind.Sweep: plot = SweepChart.Build(estimates, options.Metric); break;
                default: plot = ParetoChart.Build(estimates); break;
            }
            if (!string.IsNullOrEmpty(options.Title)) plot.Title(options.Title!);
            return plot;
        }

        public static byte[] Render(ChartKind kind, IReadOnlyList<DeploymentEstimate> estimates, ChartOptions options, ChartFormat format)
        {
            var plot = Build(kind, estimates, options);
            return format == ChartFormat.Png
                ? plot.GetImageBytes(options.Width, options.Height, ImageFormat.Png)
                : Encoding.UTF8.GetBytes(plot.GetSvgXml(options.Width, options.Height));
        }

        /// <summary>A legend/series name that tells layouts apart: hardware, GPUs and TP (and PP, EP when used).</summary>
        internal static string Layout(DeploymentEstimate e)
        {
            var s = $"{e.HardwareId} TP{e.TensorParallel}";
            if (e.PipelineParallel > 1) s += $" PP{e.PipelineParallel}";
            if (e.ExpertParallel > 1) s += $" EP{e.ExpertParallel}";
            if (!string.IsNullOrEmpty(e.WeightPrecision) && e.WeightPrecision != "bf16") s += " " + e.WeightPrecision;
            return s;
        }

        internal static string Series(DeploymentEstimate e, bool withModel) => withModel ? e.ModelId + " " + Layout(e) : Layout(e);

        internal static bool ManyModels(IEnumerable<DeploymentEstimate> estimates) =>
            estimates.Select(e => e.ModelId).Distinct().Skip(1).Any();
    }
}
