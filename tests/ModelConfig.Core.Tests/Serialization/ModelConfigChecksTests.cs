using System.Text.Json.Nodes;
using ModelConfig.Core.Serialization;
using ModelConfig.Core.Tests.Library;
using Xunit;

namespace ModelConfig.Core.Tests.Serialization
{
    /// <summary>Library files whose fields parse but describe no possible model are refused at load, naming the field.</summary>
    public class ModelConfigChecksTests
    {
        private static JsonObject Tiny() => ModelConfigJson.ToJson(TestModels.Tiny());

        private static DataFileFormatException Refused(JsonObject o, string field)
        {
            var e = Assert.Throws<DataFileFormatException>(() => ModelConfigJson.Read(o.ToJsonString(), "tiny_model.json"));
            Assert.Equal(field, e.Field);
            return e;
        }

        private static JsonObject Attention(JsonObject o) => o["blocks"]!["decoder"]!["attention"]!.AsObject();

        [Theory]
        [InlineData("hidden_size")]
        [InlineData("total_params")]
        [InlineData("intermediate_size")]
        public void A_negative_top_level_size_is_refused(string key)
        {
            var o = Tiny();
            o[key] = -1;
            Refused(o, key);
        }

        [Fact]
        public void A_negative_block_parameter_count_is_refused()
        {
            var o = Tiny();
            o["blocks"]!["decoder"]!["ffn"]!["params"] = -5;
            Refused(o, "blocks.decoder.ffn.params");
        }

        [Fact]
        public void Parameters_whose_sum_overflows_are_refused_naming_the_largest()
        {
            var o = Tiny();
            o["blocks"]!["decoder"]!["ffn"]!["params"] = 1L << 62;
            var e = Refused(o, "blocks.decoder.params");
            Assert.Contains("overflow", e.Message);
        }

        [Theory]
        [InlineData(8)]
        [InlineData(3)]
        public void Kv_heads_that_do_not_divide_the_heads_are_refused(int kv)
        {
            var o = Tiny();
            o["num_key_value_heads"] = kv;
            Refused(o, "num_key_value_heads");
        }

        [Fact]
        public void A_sliding_window_of_zero_is_refused()
        {
            var o = Tiny();
            Attention(o)["sliding_window"] = 0;
            Refused(o, "blocks.decoder.attention.sliding_window");
        }

        [Fact]
        public void A_negative_q_lora_rank_is_refused()
        {
            var o = Tiny();
            Attention(o)["q_lora_rank"] = -1;
            Refused(o, "blocks.decoder.attention.q_lora_rank");
        }

        [Fact]
        public void A_negative_max_position_embeddings_is_refused()
        {
            var o = Tiny();
            o["max_position_embeddings"] = -1;
            Refused(o, "max_position_embeddings");
        }

        [Fact]
        public void Active_params_above_total_params_are_refused()
        {
            var o = Tiny();
            o["active_params"] = o["total_params"]!.GetValue<long>() + 1;
            Refused(o, "active_params");
        }

        [Fact]
        public void The_unchanged_file_still_loads() => Assert.Equal("tiny_model", ModelConfigJson.Read(Tiny().ToJsonString(), null).ModelId);
    }
}
