using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using System.Xml.Linq;
using Microsoft.Extensions.DependencyInjection;
using ModelConfig.Charts;
using ModelConfig.Core.Estimation;
using SkiaSharp;
using Xunit;

namespace ModelConfig.Server.Tests
{
    /// <summary>Every chart kind renders headless to a decodable PNG of the requested size and to SVG with its axis labels.</summary>
    [Collection(ServerCollection.Name)]
    public sealed class ChartTests
    {
        private readonly ServerFixture _s;

        public ChartTests(ServerFixture s) => _s = s;

        public static IEnumerable<object[]> Kinds() => System.Enum.GetValues(typeof(ChartKind)).Cast<ChartKind>().Select(k => new object[] { k });

        [Theory]
        [MemberData(nameof(Kinds))]
        public void Renders_png_and_svg(ChartKind kind)
        {
            var (estimates, options) = Inputs(kind);
            options.Width = 640;
            options.Height = 400;
            var png = DeploymentCharts.Render(kind, estimates, options, ChartFormat.Png);
            Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, png.Take(8));
            using (var bitmap = SKBitmap.Decode(png))
            {
                Assert.Equal(640, bitmap.Width);
                Assert.Equal(400, bitmap.Height);
            }
            var svg = XDocument.Parse(System.Text.Encoding.UTF8.GetString(DeploymentCharts.Render(kind, estimates, options, ChartFormat.Svg)));
            Assert.Equal("svg", svg.Root!.Name.LocalName);
            var text = string.Join(" ", svg.Descendants().Where(e => e.Name.LocalName == "text").Select(e => e.Value));
            Assert.Contains(AxisLabel(kind), text);
        }

        [Theory]
        [InlineData("roofline", "Arithmetic intensity")]
        [InlineData("memory_breakdown", "Memory per GPU")]
        [InlineData("sweep", "TPOT")]
        [InlineData("pareto", "Tokens/s per user")]
        public async Task Server_serves_svg_charts(string kind, string label)
        {
            using var r = await _s.Client.GetAsync($"/charts/{kind}?model_id=llama_3.1_8b&hardware_id=nvidia_h100_80gb,nvidia_a100_sxm_80gb&sweep=1,4,16&input_length=512&output_length=64");
            Assert.Equal(200, (int)r.StatusCode);
            Assert.Equal("image/svg+xml", r.Content.Headers.ContentType!.MediaType);
            var svg = XDocument.Parse(await r.Content.ReadAsStringAsync());
            Assert.Contains(label, string.Join(" ", svg.Descendants().Where(e => e.Name.LocalName == "text").Select(e => e.Value)));
        }

        [Fact]
        public async Task Server_chart_errors_are_problems()
        {
            Problems.Assert(404, await _s.Get("/charts/pie?model_id=llama_3.1_8b&hardware_id=nvidia_h100_80gb"), "kind");
            Problems.Assert(400, await _s.Get("/charts/sweep?model_id=llama_3.1_8b"), "hardware_id");
            Problems.Assert(400, await _s.Get("/charts/sweep?model_id=llama_3.1_8b&hardware_id=nvidia_h100_80gb&sweep=1,x"), "sweep");
            Problems.Assert(400, await _s.Get("/charts/pareto?model_id=llama_3.1_8b&hardware_id=nvidia_h100_80gb&width=99999"), "width");
            using var png = await _s.Client.GetAsync("/charts/pareto?model_id=llama_3.1_8b&hardware_id=nvidia_h100_80gb&format=png&width=300&height=200");
            Assert.Equal("image/png", png.Content.Headers.ContentType!.MediaType);
        }

        [Fact]
        public void Roofline_without_layer_rows_names_the_input()
        {
            var (estimates, options) = Inputs(ChartKind.Sweep);
            var e = Assert.Throws<ChartInputException>(() => DeploymentCharts.Build(ChartKind.Roofline, estimates, options));
            Assert.Equal("input_object", e.Field);
        }

        private static string AxisLabel(ChartKind kind) => kind switch
        {
            ChartKind.Roofline => "Arithmetic intensity",
            ChartKind.MemoryBreakdown => "Memory per GPU",
            ChartKind.Sweep => "TPOT",
            _ => "Output tokens/s per GPU",
        };

        private (List<DeploymentEstimate>, ChartOptions) Inputs(ChartKind kind)
        {
            var lookup = _s.App.Services.GetRequiredService<LibraryLookup>();
            var model = lookup.Model("llama_3.1_8b", "m");
            var hardware = new[] { lookup.Hardware("nvidia_h100_80gb", "h"), lookup.Hardware("nvidia_l40s_48gb", "h") };
            var estimates = new List<DeploymentEstimate>();
            foreach (var hw in hardware)
                foreach (var c in new[] { 1, 8, 32 })
                    estimates.Add(EstimatorAdapter.Estimate(new DeploymentRequest
                    {
                        Model = model, Hardware = hw, Concurrency = c, InputLength = 1024, OutputLength = 128, IncludeLayers = kind == ChartKind.Roofline,
                    }));
            var options = new ChartOptions { Ceiling = RooflineCeilings.For(hardware[0], "bf16") };
            return (kind == ChartKind.Roofline ? estimates.Take(1).ToList() : estimates, options);
        }
    }
}
