using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using ModelConfig.Core.Building;
using ModelConfig.Core.Models;
using ModelConfig.Core.Serialization;
using Xunit;
using Xunit.Abstractions;

namespace ModelConfig.Core.Tests.Fuzz
{
    /// <summary>
    /// Mutated inputs either work with sane counts or fail with one of the module's own exception types: never another
    /// exception (which would stop a pipeline), never a negative count, never a long hang. The seed is fixed so a
    /// failure reproduces; MODELCONFIG_FUZZ_SEED explores others.
    /// </summary>
    public class FuzzTests
    {
        private const int ConfigCases = 2000;
        private const int LibraryCases = 500;
        private static readonly TimeSpan CaseLimit = TimeSpan.FromSeconds(10);
        private static readonly Type[] Catalogued =
            { typeof(InvalidModelConfigException), typeof(UnsupportedArchitectureException), typeof(DataFileFormatException) };

        private readonly ITestOutputHelper _output;

        public FuzzTests(ITestOutputHelper output) { _output = output; }

        private static int Seed => int.TryParse(Environment.GetEnvironmentVariable("MODELCONFIG_FUZZ_SEED"), out var s) ? s : 20240613;

        private static List<JsonObject> HfSeeds()
        {
            var seeds = new List<JsonObject>();
            var dir = SharedData.SharedDir == null ? null : Path.Combine(SharedData.SharedDir, "reference", "hf-configs");
            if (dir != null && Directory.Exists(dir))
                foreach (var f in Directory.GetFiles(dir, "config.json", SearchOption.AllDirectories).OrderBy(f => f, StringComparer.Ordinal))
                    seeds.Add(HfConfigJson.Parse(File.ReadAllText(f), f));
            if (seeds.Count == 0)
            {
                seeds.Add(JsonNode.Parse("{\"model_type\":\"llama\",\"hidden_size\":64,\"intermediate_size\":128,\"num_hidden_layers\":2,\"num_attention_heads\":4,\"num_key_value_heads\":2,\"vocab_size\":100}")!.AsObject());
                seeds.Add(JsonNode.Parse("{\"model_type\":\"gpt2\",\"n_embd\":64,\"n_layer\":2,\"n_head\":4,\"vocab_size\":100,\"n_positions\":128}")!.AsObject());
                seeds.Add(JsonNode.Parse("{\"model_type\":\"deepseek_v3\",\"hidden_size\":64,\"intermediate_size\":128,\"num_hidden_layers\":4,\"num_attention_heads\":4,\"vocab_size\":100,\"n_routed_experts\":8,\"moe_intermediate_size\":32,\"num_experts_per_tok\":2,\"q_lora_rank\":16,\"kv_lora_rank\":16}")!.AsObject());
            }
            return seeds;
        }

        private static List<JsonObject> LibrarySeeds() =>
            Directory.GetFiles(SharedData.DataDir("model_configs"), "*.json").OrderBy(f => f, StringComparer.Ordinal)
                .Select(f => ModelConfigJson.ParseObject(File.ReadAllText(f), f)).ToList();

        [Fact]
        public void Mutated_config_json_files_build_sanely_or_fail_with_a_catalogued_error()
        {
            var seeds = HfSeeds();
            var mutator = new JsonMutator(Seed);
            Run(ConfigCases, i => mutator.Mutate(seeds[i % seeds.Count]), text =>
            {
                var m = ModelConfigBuilder.Build(HfConfigJson.Parse(text, "config.json"), new BuildOptions());
                AssertSane(m);
                ModelConfigJson.Read(ModelConfigJson.Write(m), null);
            });
        }

        [Fact]
        public void Mutated_library_files_load_sanely_or_fail_with_a_catalogued_error()
        {
            var seeds = LibrarySeeds();
            var mutator = new JsonMutator(Seed + 1);
            Run(LibraryCases, i => mutator.Mutate(seeds[i % seeds.Count]), text => AssertSane(ModelConfigJson.Read(text, "fuzz.json")));
        }

        private void Run(int cases, Func<int, string> make, Action<string> check)
        {
            int ok = 0, refused = 0;
            for (int i = 0; i < cases; i++)
            {
                var text = make(i);
                var watch = Stopwatch.StartNew();
                try { check(text); ok++; }
                catch (Exception e) when (Catalogued.Contains(e.GetType())) { refused++; }
                catch (Exception e)
                {
                    Assert.Fail($"case {i} (seed {Seed}) threw {e.GetType().Name}: {e.Message}\ninput: {TextPreview.Of(text, 2000)}");
                }
                Assert.True(watch.Elapsed < CaseLimit, $"case {i} (seed {Seed}) took {watch.Elapsed}\ninput: {TextPreview.Of(text, 2000)}");
            }
            _output.WriteLine($"{ok} accepted, {refused} refused with a catalogued error");
        }

        private static void AssertSane(ModelConfiguration m)
        {
            Assert.True(m.TotalParams >= 0, "TotalParams " + m.TotalParams);
            Assert.True(m.ActiveParams >= 0 && m.ActiveParams <= m.TotalParams, "ActiveParams " + m.ActiveParams);
            Assert.True(m.HiddenSize >= 0 && m.NumLayers >= 0 && m.VocabSize >= 0);
            foreach (var b in m.Blocks.Values) Assert.True(b.Params >= 0, b.Name + " params " + b.Params);
            Assert.True(m.KvCacheElementsPerToken >= 0);
        }
    }
}
