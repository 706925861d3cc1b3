using System.Linq;
using System.Net.Http;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace ModelConfig.Server.Tests
{
    [Collection(ServerCollection.Name)]
    public sealed class ApiTests
    {
        private const string V1 = "{\"model_id\":\"llama_3.3_70b\",\"hardware_id\":\"nvidia_h100_sxm_80gb\",\"tensor_parallel\":4,\"concurrency\":16,\"input_length\":2048,\"output_length\":256}";
        private readonly ServerFixture _s;

        public ApiTests(ServerFixture s) => _s = s;

        [Fact]
        public async Task Health_page_and_openapi_list_every_endpoint()
        {
            Assert.Equal("ok", (string?)(await _s.Get("/healthz")).Body!["status"]);
            var page = await _s.Client.GetStringAsync("/");
            Assert.Contains("/v1/estimate", page);
            var openapi = (await _s.Get("/openapi.json")).Body!["paths"]!.AsObject();
            var routes = _s.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
                .Select(e => "/" + e.RoutePattern.RawText!.TrimStart('/')).Distinct().ToList();
            Assert.True(routes.Count >= 14, string.Join(", ", routes));
            foreach (var route in routes) Assert.True(openapi.ContainsKey(route), route + " missing from openapi.json");
        }

        [Fact]
        public async Task Models_and_hardware_list_get_and_404()
        {
            var models = (await _s.Get("/models")).Body!;
            Assert.NotNull(models["errors"]);
            var llama = models["models"]!.AsArray().Single(m => (string?)m!["model_id"] == "llama_3.3_70b")!.AsObject();
            foreach (var f in new[] { "model_id", "name", "architecture", "total_params", "total_params_formatted", "validated", "validation_notes", "hidden_size", "num_layers", "vocab_size", "hf_model_id" })
                Assert.True(llama.ContainsKey(f), f);
            Assert.Equal(80, (int)(await _s.Get("/models/llama_3.3_70b")).Body!["num_layers"]!);
            Problems.Assert(404, await _s.Get("/models/no_such_model"), "model_id");
            Problems.Assert(400, await _s.Get("/models/bad..id"), "model_id");

            Assert.NotEmpty((await _s.Get("/hardware")).Body!["hardware"]!.AsArray());
            var rack = (await _s.Get("/hardware/nvidia_nvl72_rack")).Body!;
            Assert.Equal(72, (int)rack["chips"]!);
            Assert.Null(rack["source_path"]);
            Problems.Assert(404, await _s.Get("/hardware/no_such_gpu"), "id");
            Problems.Assert(404, await _s.Get("/no/such/route"), null);
        }

        [Fact]
        public async Task Layers_lists_types_with_parallelism_and_dtypes()
        {
            var layers = (await _s.Get("/api/layers?model_id=llama_3.3_70b")).Body!["layers"]!.AsArray();
            var attention = layers.Single(l => (string?)l!["type"] == "attention")!;
            Assert.Equal(80, (int)attention["count"]!);
            Assert.Equal(new[] { "TP", "CP" }, attention["available_parallelism"]!.AsArray().Select(x => (string?)x));
            Assert.Equal(new[] { "TP", "SP" }, layers.Single(l => (string?)l!["type"] == "feed_forward")!["available_parallelism"]!.AsArray().Select(x => (string?)x));
            Assert.Empty(layers.Single(l => (string?)l!["type"] == "norm")!["available_parallelism"]!.AsArray());
            Assert.Contains("fp8", attention["available_dtypes"]!.AsArray().Select(x => (string?)x));
            Problems.Assert(400, await _s.Get("/api/layers"), "model_id");
            Problems.Assert(404, await _s.Get("/api/layers?model_id=NoSuchClass"), "model_id");
        }

        [Fact]
        public async Task Layer_metrics_both_phases_one_unit()
        {
            foreach (var phase in new[] { "prefill", "decode" })
            {
                var r = await _s.Post("/config/layer-metrics", "{\"model_id\":\"llama_3.3_70b\",\"hardware_config\":\"nvidia_h100_80gb\",\"layer_type\":\"attention\",\"tensor_parallel\":4,\"phase\":\"" + phase + "\"}");
                Assert.Equal(200, r.Status);
                var b = r.Body!["bottleneck"]!;
                double sum = (double)b["compute_percent"]! + (double)b["memory_percent"]! + (double)b["comm_percent"]!;
                Assert.InRange(sum, 99.999, 100.001);
                Assert.True((double)b["comm_percent"]! > 0, "TP 4 has real all-reduce time");
                Assert.Equal(4, (int)r.Body!["num_chips"]!);
                Assert.True((double)r.Body!["compute"]!["flops_per_chip_tflops"]! > 0);
            }
            Problems.Assert(400, await _s.Post("/config/layer-metrics", "{\"model_id\":\"llama_3.3_70b\",\"hardware_config\":\"nvidia_h100_80gb\",\"layer_type\":\"Conv2d\"}"), "layer_type");
            Problems.Assert(400, await _s.Post("/config/layer-metrics", "{\"model_id\":\"llama_3.3_70b\",\"hardware_config\":\"nvidia_h100_80gb\",\"layer_type\":\"attention\",\"context_parallel\":2}"), "context_parallel");
        }

        [Fact]
        public async Task System_metrics_and_legacy_estimate_count_the_batch()
        {
            const string body = "{\"model_id\":\"llama_3.3_70b\",\"hardware_config\":\"nvidia_h100_80gb\",\"batch_size\":BATCH,\"input_seq\":1024,\"output_seq\":128,\"layers\":{\"attention\":{\"tensor_parallel\":4},\"feed_forward\":{\"tensor_parallel\":4}}}";
            var one = await _s.Post("/config/system-metrics", body.Replace("BATCH", "1"));
            var eight = await _s.Post("/config/system-metrics", body.Replace("BATCH", "8"));
            Assert.Equal(200, one.Status);
            Assert.Equal(4, (int)one.Body!["system"]!["num_chips"]!);
            Assert.True((double)eight.Body!["throughput_tokens_s"]! > 4 * (double)one.Body!["throughput_tokens_s"]!);
            Assert.True((double)one.Body!["decode"]!["flops_per_chip"]! > 0);
            Problems.Assert(400, await _s.Post("/config/system-metrics", body.Replace("BATCH", "1").Replace("\"feed_forward\":{\"tensor_parallel\":4}", "\"feed_forward\":{\"tensor_parallel\":2}")), "layers.feed_forward.tensor_parallel");

            var legacy = await _s.Post("/estimate", "{\"model_id\":\"llama_3.3_70b\",\"hardware_config\":\"nvidia_h100_80gb\",\"batch_size\":8,\"input_seq\":1024,\"output_seq\":128,\"tensor_parallel\":4}");
            Assert.Equal(200, legacy.Status);
            Assert.Equal((double)eight.Body!["throughput_tokens_s"]!, (double)legacy.Body!["throughput_tokens_s"]!, 6);
            Problems.Assert(400, await _s.Post("/estimate", "{\"model_id\":\"llama_3.3_70b\",\"hardware_config\":\"nvidia_h100_80gb\",\"input_seq\":0}"), "input_seq");
        }

        [Fact]
        public async Task V1_estimate_is_measure_deployment()
        {
            var r = await _s.Post("/v1/estimate", V1);
            Assert.Equal(200, r.Status);
            var lookup = _s.App.Services.GetRequiredService<LibraryLookup>();
            var direct = EstimatorAdapter.Estimate(new Core.Estimation.DeploymentRequest
            {
                Model = lookup.Model("llama_3.3_70b", "m"), Hardware = lookup.Hardware("nvidia_h100_sxm_80gb", "h"),
                TensorParallel = 4, Concurrency = 16, InputLength = 2048, OutputLength = 256,
            });
            Assert.Equal(direct.TpotMs, (double)r.Body!["tpot_ms"]!);
            Assert.Equal(direct.MemoryPerGpuGB, (double)r.Body!["memory_per_gpu_gb"]!);
            Assert.Equal("Concurrency", (string?)r.Body!["mode"]);
            Assert.NotEmpty(r.Body!["assumptions"]!.AsArray());
        }

        [Theory]
        [InlineData("{\"model_id\":\"llama_3.3_70b\",\"hardware_id\":\"nvidia_h100_80gb\",\"batch_size\":\"eight\"}", 400, "batch_size")]
        [InlineData("{\"model_id\":\"llama_3.3_70b\",\"hardware_id\":\"nvidia_h100_80gb\",\"batchsize\":8}", 400, "batchsize")]
        [InlineData("{\"hardware_id\":\"nvidia_h100_80gb\"}", 400, "model_id")]
        [InlineData("{\"model_id\":\"llama_3.3_70b\",\"hardware_id\":\"nvidia_h100_80gb\",\"tensor_parallel\":3}", 400, "tensor_parallel")]
        [InlineData("{\"model_id\":\"llama_3.3_70b\",\"hardware_id\":\"nvidia_h100_80gb\",\"weight_precision\":\"fp7\"}", 400, "weight_precision")]
        [InlineData("{\"model_id\":\"llama_3.3_70b\",\"hardware_id\":\"nvidia_h100_80gb\",\"memory_efficiency\":2}", 400, "memory_efficiency")]
        [InlineData("{\"model_id\":\"llama_3.3_70b\",\"hardware_id\":\"nvidia_h100_80gb\",\"batch_size\":1,\"concurrency\":4}", 400, "concurrency")]
        [InlineData("not json", 400, "body")]
        [InlineData("{\"model_id\":\"no_such_model\",\"hardware_id\":\"nvidia_h100_80gb\"}", 404, "model_id")]
        [InlineData("{\"model_id\":\"llama_3.3_70b\",\"hardware_id\":\"no_such_gpu\"}", 404, "hardware_id")]
        public async Task V1_bad_input_is_a_problem_naming_the_field(string body, int status, string field) =>
            Problems.Assert(status, await _s.Post("/v1/estimate", body), field);

        [Fact]
        public async Task Oversized_bodies_are_413_with_or_without_content_length()
        {
            var big = "{\"model_id\":\"" + new string('a', 100_000) + "\"}";
            Problems.Assert(413, await _s.Post("/v1/estimate", big), "body");
            using var chunked = new HttpRequestMessage(HttpMethod.Post, "/deployment/estimate")
            {
                Content = new StreamContentWithoutLength(Encoding.UTF8.GetBytes(big)),
            };
            try
            {
                using var r = await _s.Client.SendAsync(chunked);
                Assert.Equal(413, (int)r.StatusCode);
            }
            catch (HttpRequestException)
            {
                // Kestrel answers 413 and closes the connection; a client still sending the rest may see the close first.
            }
            Assert.Equal(200, (await _s.Get("/healthz")).Status);
        }

        [Fact]
        public async Task A_bug_is_a_bare_500_problem()
        {
            var context = new DefaultHttpContext { RequestServices = _s.App.Services };
            context.Response.Body = new System.IO.MemoryStream();
            var middleware = new ProblemMiddleware(_ => throw new System.InvalidOperationException("secret detail"), NullLogger<ProblemMiddleware>.Instance);
            await middleware.InvokeAsync(context);
            Assert.Equal(500, context.Response.StatusCode);
            var text = Encoding.UTF8.GetString(((System.IO.MemoryStream)context.Response.Body).ToArray());
            Problems.Assert(500, (500, JsonNode.Parse(text)), null);
            Assert.DoesNotContain("secret", text);
        }

        [Fact]
        public async Task Hundred_concurrent_requests_all_succeed_with_one_answer()
        {
            var tasks = Enumerable.Range(0, 100).Select(async i =>
            {
                using var r = await _s.Client.PostAsync(i % 2 == 0 ? "/v1/estimate" : "/deployment/estimate",
                    new StringContent(i % 2 == 0 ? V1 : "{\"model_id\":\"llama_3.3_70b\",\"hardware_config\":\"nvidia_nvl72_rack\",\"batch_size\":4}", Encoding.UTF8, "application/json"));
                return (i % 2, (int)r.StatusCode, await r.Content.ReadAsStringAsync());
            }).ToList();
            var results = await Task.WhenAll(tasks);
            Assert.All(results, r => Assert.Equal(200, r.Item2));
            Assert.Single(results.Where(r => r.Item1 == 0).Select(r => r.Item3).Distinct());
            Assert.Single(results.Where(r => r.Item1 == 1).Select(r => r.Item3).Distinct());
        }

        [Fact]
        public void Only_loopback_binds_without_allow_remote()
        {
            Assert.Empty(ServerSettings.Parse(new string[0], out _).RemoteUrls());
            Assert.Empty(ServerSettings.Parse(new[] { "--urls", "http://localhost:1234;http://[::1]:5" }, out _).RemoteUrls());
            var remote = ServerSettings.Parse(new[] { "--urls", "http://0.0.0.0:5080", "--allow-remote" }, out _);
            Assert.Single(remote.RemoteUrls());
            Assert.True(remote.AllowRemote);
            Assert.Single(ServerSettings.Parse(new[] { "--urls=http://*:80" }, out _).RemoteUrls());
        }

        /// <summary>Content without a length, so the body goes chunked and only Kestrel's limit can stop it.</summary>
        private sealed class StreamContentWithoutLength : StreamContent
        {
            public StreamContentWithoutLength(byte[] bytes) : base(new System.IO.MemoryStream(bytes)) => Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");

            protected override bool TryComputeLength(out long length)
            {
                length = 0;
                return false;
            }
        }
    }
}
