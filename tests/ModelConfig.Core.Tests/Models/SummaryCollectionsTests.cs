using System.Linq;
using System.Text.Json.Nodes;
using ModelConfig.Core.Models;
using ModelConfig.Core.Serialization;
using Xunit;

namespace ModelConfig.Core.Tests.Models
{
    /// <summary>Issue 13.24: Export-Csv writes a property's ToString(); lists and nested objects must read as their content.</summary>
    public class SummaryCollectionsTests
    {
        [Fact]
        public void A_list_reads_as_its_items_with_runs_collapsed()
        {
            var blocks = new SummaryList<string>(Enumerable.Repeat("sliding", 5).Concat(new[] { "full" }).Concat(Enumerable.Repeat("sliding", 5)));
            Assert.Equal("sliding x5; full; sliding x5", blocks.ToString());
            Assert.Equal("", new SummaryList<string>().ToString());
        }

        [Fact]
        public void A_long_list_says_how_many_more()
        {
            var names = new SummaryList<string>(Enumerable.Range(0, 30).Select(i => "layers." + i));
            Assert.EndsWith("layers.11; ... (18 more)", names.ToString());
        }

        [Fact]
        public void A_dictionary_reads_as_key_value_pairs_in_invariant_culture()
        {
            var d = new SummaryDictionary<string, double> { ["bf16"] = 989.4, ["fp8"] = 1978.9 };
            Assert.Equal("bf16: 989.4; fp8: 1978.9", d.ToString());
        }

        [Fact]
        public void Json_facts_become_plain_values_and_print_as_compact_json()
        {
            var node = JsonNode.Parse("{\"hidden_size\": 4096, \"rope_theta\": 500000.5, \"architectures\": [\"LlamaForCausalLM\"], \"rope_scaling\": {\"type\": \"llama3\", \"factor\": 8}, \"bias\": false, \"x\": null}")!.AsObject();
            node["head_dim"] = 128; // a CLR-backed value, as the builder sets defaults
            var plain = PlainJsonObject.Of(node);
            Assert.Equal(4096L, plain["hidden_size"]);
            Assert.Equal(500000.5, plain["rope_theta"]);
            Assert.Equal(128L, plain["head_dim"]);
            Assert.Equal(false, plain["bias"]);
            Assert.Null(plain["x"]);
            Assert.Equal("LlamaForCausalLM", Assert.IsType<PlainJsonArray>(plain["architectures"]).Single());
            Assert.Equal("llama3", Assert.IsType<PlainJsonObject>(plain["rope_scaling"])["type"]);
            Assert.Equal(node.ToJsonString(), plain.ToString());
            Assert.DoesNotContain(plain.Values, v => v is JsonNode);
        }
    }
}
