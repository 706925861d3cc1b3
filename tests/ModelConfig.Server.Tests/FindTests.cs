using System;
using System.Diagnostics;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using ModelConfig.Core.Planning;
using Xunit;

namespace ModelConfig.Server.Tests
{
    /// <summary>Issue 12: POST /v1/find is Find-Deployment over HTTP, with a budget so one search cannot hold the server.</summary>
    [Collection(ServerCollection.Name)]
    public sealed class FindTests
    {
        private const string Find = "{\"model_id\":\"llama_3.1_8b\",\"hardware\":[\"nvidia_h100_sxm_80gb\"],\"max_ttft_ms\":2000,\"input_length\":2048,\"output_length\":512,\"top\":3}";
        private readonly ServerFixture _s;

        public FindTests(ServerFixture s) => _s = s;

        [Fact]
        public async Task V1_find_is_the_planner_find_deployment_runs()
        {
            var r = await _s.Post("/v1/find", Find);
            Assert.Equal(200, r.Status);
            var lookup = _s.App.Services.GetRequiredService<LibraryLookup>();
            var query = new PlanningQuery { ModelId = "llama_3.1_8b", MaxTtftMs = 2000, InputLength = 2048, OutputLength = 512, Top = 3 };
            var direct = DeploymentPlanner.Plan(query.ToRequest(lookup.Model("llama_3.1_8b", "m"), new[] { lookup.Hardware("nvidia_h100_sxm_80gb", "h") }, null));
            var ranked = r.Body!["ranked"]!.AsArray();
            Assert.Equal(direct.Ranked.Count, ranked.Count);
            Assert.InRange(ranked.Count, 1, 3);
            for (int i = 0; i < ranked.Count; i++)
            {
                Assert.Equal(direct.Ranked[i].Layout, (string?)ranked[i]!["layout"]);
                Assert.Equal(direct.Ranked[i].OutputTokensPerSecondPerGpu, (double)ranked[i]!["output_tokens_per_second_per_gpu"]!);
                Assert.True((double)ranked[i]!["ttft_ms"]! <= 2000);
            }
            Assert.Equal("ThroughputPerGpu", (string?)ranked[0]!["objective"]);
            Assert.Equal("Concurrency", (string?)ranked[0]!["mode"]);
            Assert.Null(r.Body!["shortfall"]);
            Assert.True((long)r.Body!["statistics"]!["estimated"]! > 0);
        }

        [Fact]
        public async Task Without_hardware_every_chip_is_searched_and_an_impossible_target_is_a_shortfall()
        {
            var r = await _s.Post("/v1/find", "{\"model_id\":\"llama_3.1_8b\",\"max_tpot_ms\":0.01,\"concurrency\":[1,8]}");
            Assert.Equal(200, r.Status);
            Assert.Empty(r.Body!["ranked"]!.AsArray());
            Assert.Equal("Tpot", (string?)r.Body!["shortfall"]!["binding_constraint"]);
            Assert.Contains("TPOT", (string?)r.Body!["shortfall"]!["message"]);
            var chips = _s.App.Services.GetRequiredService<LibraryLookup>().Libraries.Hardware.List(out _).Count(h => h.Kind == "chip");
            Assert.True(chips > 10);
            Assert.True((int)r.Body!["statistics"]!["layouts"]! >= chips);
        }

        [Fact]
        public async Task The_frontier_and_a_cost_ranking_come_back_when_asked_for()
        {
            var r = await _s.Post("/v1/find", "{\"model_id\":\"llama_3.1_8b\",\"hardware\":[\"nvidia_h100_sxm_80gb\"],\"frontier\":true,\"objective\":\"CostPerMillionTokens\",\"gpu_hour_prices\":{\"nvidia_h100_sxm_80gb\":2.5},\"top\":2}");
            Assert.Equal(200, r.Status);
            Assert.NotEmpty(r.Body!["frontier"]!.AsArray());
            var best = r.Body!["ranked"]![0]!;
            Assert.Equal(2.5, (double)best["gpu_hour_price_usd"]!);
            Assert.Equal("CostPerMillionTokens", (string?)best["objective"]);
        }

        [Theory]
        [InlineData("{\"hardware\":[\"nvidia_h100_sxm_80gb\"]}", 400, "model_id")]
        [InlineData("{\"model_id\":\"no_such_model\"}", 404, "model_id")]
        [InlineData("{\"model_id\":\"llama_3.1_8b\",\"hardware\":[\"no_such_gpu\"]}", 404, "hardware")]
        [InlineData("{\"model_id\":\"llama_3.1_8b\",\"hardware\":\"nvidia_h100_sxm_80gb\"}", 400, "hardware")]
        [InlineData("{\"model_id\":\"llama_3.1_8b\",\"hardware\":[\"\"]}", 400, "hardware")]
        [InlineData("{\"model_id\":\"llama_3.1_8b\",\"max_gpus\":0}", 400, "max_gpus")]
        [InlineData("{\"model_id\":\"llama_3.1_8b\",\"max_gpus\":65}", 400, "max_gpus")]
        [InlineData("{\"model_id\":\"llama_3.1_8b\",\"maxgpus\":4}", 400, "maxgpus")]
        [InlineData("{\"model_id\":\"llama_3.1_8b\",\"exhaustive\":true}", 400, "exhaustive")]
        [InlineData("{\"model_id\":\"llama_3.1_8b\",\"concurrency\":[]}", 400, "concurrency")]
        [InlineData("{\"model_id\":\"llama_3.1_8b\",\"concurrency\":[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17]}", 400, "concurrency")]
        [InlineData("{\"model_id\":\"llama_3.1_8b\",\"input_length\":0}", 400, "input_length")]
        [InlineData("{\"model_id\":\"llama_3.1_8b\",\"percentile\":95}", 400, "percentile")]
        [InlineData("{\"model_id\":\"llama_3.1_8b\",\"min_tokens_per_second_per_user\":-1}", 400, "min_tokens_per_second_per_user")]
        [InlineData("{\"model_id\":\"llama_3.1_8b\",\"objective\":\"Cheapest\"}", 400, "objective")]
        [InlineData("{\"model_id\":\"llama_3.1_8b\",\"top\":101}", 400, "top")]
        [InlineData("{\"model_id\":\"llama_3.1_8b\",\"gpu_hour_prices\":{\"nvidia_h100_sxm_80gb\":-1}}", 400, "gpu_hour_prices")]
        [InlineData("{\"model_id\":\"llama_3.1_8b\",\"hardware\":[\"nvidia_h100_sxm_80gb\"],\"weight_precision\":[\"fp7\"]}", 400, "weight_precision")]
        [InlineData("{\"model_id\":\"llama_3.1_8b\",\"speculative_method\":\"DraftModel\",\"draft_model_id\":\"no_such_model\"}", 404, "draft_model_id")]
        [InlineData("[1,2]", 400, "body")]
        public async Task Bad_input_is_a_problem_naming_the_field(string body, int status, string field) =>
            Problems.Assert(status, await _s.Post("/v1/find", body), field);

        [Fact]
        public async Task A_search_past_its_time_budget_stops_and_says_so()
        {
            // A search that takes minutes (DeepSeek-V3, 64 GPUs, disaggregated pairs, every chip), under a 300 ms budget.
            var gate = new SearchGate(new ServerSettings { FindTimeBudget = TimeSpan.FromMilliseconds(300), MaxConcurrentSearches = 1 });
            var lookup = _s.App.Services.GetRequiredService<LibraryLookup>();
            var query = new PlanningQuery { ModelId = "deepseek_v3", MaxGpus = 64, IncludeDisaggregated = true };
            var request = query.ToRequest(lookup.Model("deepseek_v3", "m"), PlanningQuery.DefaultHardware(lookup.Libraries.Hardware.List(out _)), null);
            var clock = Stopwatch.StartNew();
            var e = await Assert.ThrowsAsync<ApiException>(() => gate.RunAsync(t => PlannerAdapter.Plan(request, t), CancellationToken.None));
            Assert.Equal(400, e.Status);
            Assert.EndsWith("search-too-large", e.Type);
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"stopped after {clock.Elapsed}");
        }

        [Fact]
        public async Task A_search_waiting_past_the_budget_for_a_slot_is_503()
        {
            var gate = new SearchGate(new ServerSettings { FindTimeBudget = TimeSpan.FromMilliseconds(300), MaxConcurrentSearches = 1 });
            using var release = new ManualResetEventSlim();
            var holder = gate.RunAsync(t => { release.Wait(TimeSpan.FromSeconds(10)); return 1; }, CancellationToken.None);
            var e = await Assert.ThrowsAsync<ApiException>(() => gate.RunAsync(t => 2, CancellationToken.None));
            Assert.Equal(503, e.Status);
            release.Set();
            Assert.Equal(1, await holder);
            Assert.Equal(3, await gate.RunAsync(t => 3, CancellationToken.None));
        }
    }
}
