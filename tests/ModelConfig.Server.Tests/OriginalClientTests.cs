using System.Linq;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace ModelConfig.Server.Tests
{
    /// <summary>A client written for the original system, sending its documented example, gets every field it read, with right values.</summary>
    [Collection(ServerCollection.Name)]
    public sealed class OriginalClientTests
    {
        private readonly ServerFixture _s;

        public OriginalClientTests(ServerFixture s) => _s = s;

        [Fact]
        public async Task Deployment_estimate_example_from_the_original_design()
        {
            var r = await _s.Post("/deployment/estimate",
                "{\"model_id\": \"llama_3.3_70b\", \"hardware_config\": \"nvidia_nvl72_rack\", \"batch_size\": 1, \"input_seq\": 2048, \"output_seq\": 512}");
            Assert.Equal(200, r.Status);
            var b = r.Body!;
            foreach (var path in new[]
            {
                "deployment.model_id", "deployment.hardware_config", "deployment.batch_size", "deployment.input_seq", "deployment.output_seq",
                "validation.total_params", "validation.num_layers", "validation.attention_type", "validation.mlp_type",
                "requirements.min_chips", "requirements.memory_per_chip_gb", "requirements.fits_on_hardware",
                "performance.ttft_ms", "performance.tpot_ms", "performance.throughput_tokens_s", "performance.total_latency_ms",
                "performance.prefill.flops_total", "performance.prefill.flops_per_chip", "performance.prefill.compute_time_ms", "performance.prefill.memory_time_ms",
                "performance.decode.flops_total", "performance.decode.flops_per_chip", "performance.decode.compute_time_ms", "performance.decode.memory_time_ms",
                "performance.memory.weight_memory_gb", "performance.memory.activation_memory_gb", "performance.memory.kv_cache_gb",
                "performance.memory.total_memory_gb", "performance.memory.memory_per_chip_gb", "performance.memory.hw_capacity_gb",
                "performance.system.num_chips", "performance.system.bottleneck", "performance.system.fits_on_hardware",
            })
            {
                var node = path.Split('.').Aggregate((System.Text.Json.Nodes.JsonNode?)b, (n, k) => n?[k]);
                Assert.True(node != null, path + " missing");
            }

            // The same request through the estimator, as Measure-Deployment makes it.
            var lookup = _s.App.Services.GetRequiredService<LibraryLookup>();
            var model = lookup.Model("llama_3.3_70b", "m");
            var rack = lookup.Hardware("nvidia_nvl72_rack", "h");
            Assert.Equal("nvidia_gb200_nvl72", rack.HardwareId);
            Assert.Equal(72, rack.Chips);
            var e = EstimatorAdapter.Estimate(new Core.Estimation.DeploymentRequest { Model = model, Hardware = rack, BatchSize = 1, InputLength = 2048, OutputLength = 512 });

            Assert.Equal("nvidia_gb200_nvl72", (string?)b["deployment"]!["hardware_id"]);
            Assert.Equal(model.TotalParams, (long)b["validation"]!["total_params"]!);
            Assert.Equal(80, (int)b["validation"]!["num_layers"]!);
            Assert.Equal("GQA", (string?)b["validation"]!["attention_type"]);
            Assert.Equal("dense", (string?)b["validation"]!["mlp_type"]);
            Assert.Equal(e.NumGpus, (int)b["requirements"]!["min_chips"]!);
            Assert.Equal(e.NumGpus, (int)b["performance"]!["system"]!["num_chips"]!);
            Assert.Equal(e.MemoryPerGpuGB, (double)b["requirements"]!["memory_per_chip_gb"]!);
            Assert.Equal(e.Fits, (bool)b["requirements"]!["fits_on_hardware"]!);
            var p = b["performance"]!;
            Assert.Equal(e.TtftMs, (double)p["ttft_ms"]!);
            Assert.Equal(e.TpotMs, (double)p["tpot_ms"]!);
            Assert.Equal(e.OutputTokensPerSecond, (double)p["throughput_tokens_s"]!);
            Assert.Equal(e.EndToEndLatencyMs, (double)p["total_latency_ms"]!);
            Assert.Equal(e.MemoryCapacityGB, (double)p["memory"]!["hw_capacity_gb"]!);
            Assert.Equal(e.WeightsGB * e.NumGpus, (double)p["memory"]!["weight_memory_gb"]!, 9);
            // A 70B model is whole: every decoder layer's prefill work is counted (the original dropped unlisted types).
            Assert.True((double)p["prefill"]!["flops_per_chip"]! > 2 * model.TotalParams * 2048 * 0.9 / e.NumGpus);
        }
    }
}
