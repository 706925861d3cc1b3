using System;
using System.Diagnostics;
using System.Text.Json.Nodes;
using ModelConfig.Core.Building;
using Xunit;

namespace ModelConfig.Core.Tests.Building
{
    /// <summary>Values a config can hold but no model can have: each is one InvalidModelConfigException naming the field, fast.</summary>
    public class ImplausibleConfigTests
    {
        private const string Llama = "{\"model_type\":\"llama\",\"hidden_size\":64,\"intermediate_size\":128,\"num_hidden_layers\":2," +
                                     "\"num_attention_heads\":4,\"num_key_value_heads\":2,\"vocab_size\":100,\"max_position_embeddings\":256}";
        private const string Gpt2 = "{\"model_type\":\"gpt2\",\"n_embd\":64,\"n_layer\":2,\"n_head\":4,\"vocab_size\":100,\"n_positions\":128}";
        private const string DeepseekR1 = "{\"model_type\":\"deepseek_v3\",\"hidden_size\":7168,\"intermediate_size\":18432,\"num_hidden_layers\":61," +
                                          "\"num_attention_heads\":128,\"num_key_value_heads\":128,\"vocab_size\":129280,\"q_lora_rank\":1536,\"kv_lora_rank\":512," +
                                          "\"qk_rope_head_dim\":64,\"qk_nope_head_dim\":128,\"v_head_dim\":128,\"n_routed_experts\":256,\"n_shared_experts\":1," +
                                          "\"moe_intermediate_size\":2048,\"num_experts_per_tok\":8,\"first_k_dense_replace\":3}";
        private const string Mistral = "{\"model_type\":\"mistral\",\"hidden_size\":64,\"intermediate_size\":128,\"num_hidden_layers\":2," +
                                       "\"num_attention_heads\":4,\"num_key_value_heads\":2,\"vocab_size\":100}";

        private static string With(string json, string key, JsonNode? value)
        {
            var o = JsonNode.Parse(json)!.AsObject();
            o[key] = value;
            return o.ToJsonString();
        }

        private static InvalidModelConfigException Rejected(string json, string field)
        {
            var e = Assert.Throws<InvalidModelConfigException>(() => BuilderTestUtil.Build(json));
            Assert.Equal(field, e.Field);
            Assert.True(e.Message.Length < 400, "the message stays short: " + e.Message.Length);
            return e;
        }

        [Theory]
        [InlineData("hidden_size", 2147483647L)]
        [InlineData("num_hidden_layers", 2147483647L)]
        [InlineData("vocab_size", 2147483647L)]
        [InlineData("intermediate_size", 2147483647L)]
        [InlineData("num_attention_heads", 4294967296L)]
        [InlineData("hidden_size", -64L)]
        [InlineData("max_position_embeddings", -1L)]
        public void A_count_the_builder_cannot_represent_is_rejected_quickly(string key, long value)
        {
            var watch = Stopwatch.StartNew();
            Rejected(With(Llama, key, value), key);
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), $"took {watch.Elapsed}");
        }

        [Fact]
        public void An_int_max_head_dim_is_rejected_instead_of_wrapping_the_total_negative() =>
            Rejected(With(DeepseekR1, "qk_rope_head_dim", 2147483647), "qk_rope_head_dim");

        [Fact]
        public void A_parameter_count_overflow_within_each_limit_names_the_largest_field()
        {
            var json = With(With(With(DeepseekR1, "hidden_size", 1_048_576), "moe_intermediate_size", 60_000_000), "n_routed_experts", 100_000);
            var e = Rejected(json, "moe_intermediate_size");
            Assert.Contains("overflow", e.Message);
        }

        [Fact]
        public void The_unmodified_deepseek_r1_shape_still_builds()
        {
            Assert.True(BuilderTestUtil.Build(DeepseekR1).TotalParams > 600_000_000_000L);
        }

        [Theory]
        [InlineData(8)]
        [InlineData(3)]
        public void Kv_heads_must_divide_the_heads(int kv) => Rejected(With(Llama, "num_key_value_heads", kv), "num_key_value_heads");

        [Fact]
        public void Gpt2_with_more_heads_than_width_is_rejected() => Rejected(With(Gpt2, "n_head", 128), "n_head");

        [Fact]
        public void Gpt2_with_width_not_a_multiple_of_heads_is_rejected() => Rejected(With(Gpt2, "n_head", 5), "n_head");

        [Fact]
        public void Llama_with_more_heads_than_width_and_no_head_dim_is_rejected()
        {
            var json = With(With(Llama, "num_attention_heads", 128), "num_key_value_heads", 128);
            Rejected(json, "num_attention_heads");
        }

        [Fact]
        public void A_negative_q_lora_rank_is_rejected() => Rejected(With(DeepseekR1, "q_lora_rank", -1), "q_lora_rank");

        [Theory]
        [InlineData(0)]
        [InlineData(-5)]
        public void A_sliding_window_must_be_positive_or_null(int window) => Rejected(With(Mistral, "sliding_window", window), "sliding_window");

        [Fact]
        public void A_null_sliding_window_still_means_no_window()
        {
            var m = BuilderTestUtil.Build(With(Mistral, "sliding_window", null));
            Assert.Null(m.Blocks[m.DecoderLayerBlocks[0]].Attention!.SlidingWindow);
        }

        [Fact]
        public void A_name_too_long_for_an_id_is_an_error_naming_the_field_and_never_echoes_it_whole()
        {
            var name = "org/" + new string('x', 200);
            var e = Rejected(With(Llama, "_name_or_path", name), "_name_or_path");
            Assert.DoesNotContain(new string('x', 101), e.Message);
        }

        [Fact]
        public void A_5000_character_value_is_never_echoed_whole()
        {
            var e = Rejected(With(Llama, "hidden_act", new JsonArray(new string('y', 5000))), "hidden_act");
            Assert.DoesNotContain(new string('y', 101), e.Message);
        }
    }
}
