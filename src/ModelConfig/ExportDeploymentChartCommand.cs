using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using ModelConfig.Charts;
using ModelConfig.Core.Estimation;

namespace ModelConfig.Commands
{
    /// <summary>Draws estimates from Measure-Deployment as a PNG or SVG chart (ScottPlot, headless).</summary>
    [Cmdlet(VerbsData.Export, "DeploymentChart")]
    [OutputType(typeof(FileInfo))]
    public sealed class ExportDeploymentChartCommand : PSCmdlet
    {
        [Parameter(Mandatory = true, ValueFromPipeline = true)]
        [AllowNull]
        public object[]? InputObject { get; set; }

        [Parameter(Mandatory = true, Position = 0)]
        public ChartKind Kind { get; set; }

        [Parameter(Mandatory = true, Position = 1)]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = "";

        [Parameter]
        public SweepMetric Metric { get; set; } = SweepMetric.Tpot;

        [Parameter]
        [ValidateRange(100, 4000)]
        public int Width { get; set; } = 800;

        [Parameter]
        [ValidateRange(100, 4000)]
        public int Height { get; set; } = 500;

        [Parameter]
        public string? Title { get; set; }

        private readonly List<DeploymentEstimate> _estimates = new List<DeploymentEstimate>();

        protected override void ProcessRecord()
        {
            foreach (var item in InputObject ?? Array.Empty<object>())
            {
                var value = item is PSObject pso ? pso.BaseObject : item;
                if (value is DeploymentEstimate e) _estimates.Add(e);
                else WriteError(ErrorCatalog.ChartInputInvalid(new ArgumentException(
                    $"Export-DeploymentChart draws estimates: pipe Measure-Deployment output (for a model, first run Measure-Deployment on it), not {value?.GetType().Name ?? "null"}."), value));
            }
        }

        protected override void EndProcessing()
        {
            var path = SessionState.Path.GetUnresolvedProviderPathFromPSPath(Path);
            try
            {
                var format = ChartOptions.FormatOfPath(path);
                var options = new ChartOptions { Width = Width, Height = Height, Title = Title, Metric = Metric };
                if (Kind == ChartKind.Roofline && _estimates.Count > 0)
                {
                    var hw = HardwareResolver.Library().Find(_estimates[0].HardwareId);
                    if (hw != null) options.Ceiling = RooflineCeilings.For(hw, _estimates[0].WeightPrecision);
                }
                var bytes = DeploymentCharts.Render(Kind, _estimates, options, format);
                // Written beside and swapped in, so a failed write never leaves half a chart where the old one was.
                var temp = path + ".tmp";
                File.WriteAllBytes(temp, bytes);
                if (File.Exists(path)) File.Replace(temp, path, null);
                else File.Move(temp, path);
            }
            catch (ChartInputException e)
            {
                ThrowTerminatingError(ErrorCatalog.ChartInputInvalid(e, e.Field == "path" ? (object)Path : Kind));
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                ThrowTerminatingError(ErrorCatalog.WriteFailed(path, e));
            }
            WriteObject(new FileInfo(path));
        }
    }
}
