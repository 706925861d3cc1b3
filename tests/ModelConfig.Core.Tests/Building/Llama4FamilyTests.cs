using System.Linq;
using ModelConfig.Core.Building;
using ModelConfig.Core.Models;
using Xunit;
using static ModelConfig.Core.Tests.Building.BuilderTestUtil;

namespace ModelConfig.Core.Tests.Building
{
    /// <summary>Llama 4: interleaved MoE with a shared expert, chunked attention with global NoPE layers, the vision tower.</summary>
    public class Llama4FamilyTests
    {
        // Per layer: q,o 5120x5120, k,v 5120x1024 (no biases; the QK norm is a weightless L2 norm).
        private const long Attention = 2L * 5120 * 5120 + 2L * 5120 * 1024;
        private const long Expert = 3L * 5120 * 8192;
        private const long Norms = 2L * 5120;

        [SkippableFact]
        public void Scout_TextConfigCountsEveryTensor()
        {
            var m = ManifestTests.BuildShared("meta-llama--Llama-4-Scout-17B-16E-Instruct/config.json", "meta-llama/Llama-4-Scout-17B-16E-Instruct");
            Assert.Equal("Llama4ForConditionalGeneration", m.Architecture);
            Assert.Equal("llama4", m.ModelType);
            // 48 MoE layers: 16 routed experts + 1 shared expert (width intermediate_size) + router 5120x16.
            long layer = Attention + 16 * Expert + Expert + 5120L * 16 + Norms;
            long embeddings = 2L * 202048 * 5120; // untied embed_tokens and lm_head
            Assert.Equal(48 * layer + embeddings + 5120, m.TotalParams);
            Assert.Equal(107_769_861_120L, m.TotalParams);
            // Active: attention, shared expert, one routed expert, router, norms, plus embeddings: the "17B active".
            Assert.Equal(48 * (Attention + 2 * Expert + 5120L * 16 + Norms) + embeddings + 5120, m.ActiveParams);
            Assert.Null(m.Vision); // this copy of the config has no vision_config
            // Every 4th layer (3, 7, ...) is global NoPE attention, the rest chunked (8192).
            Assert.Equal(36, m.DecoderLayerBlocks.Count(b => m.Blocks[b].LayerType == LayerTypes.ChunkedAttention));
            Assert.Equal(LayerTypes.FullAttention, m.Blocks[m.DecoderLayerBlocks[3]].LayerType);
            Assert.Equal(8192, m.Blocks[m.DecoderLayerBlocks[0]].Attention!.ChunkSize);
            Assert.Null(m.Blocks[m.DecoderLayerBlocks[3]].Attention!.ChunkSize);
            AssertRoundTrips(m);
        }

        [Fact]
        public void Scout_WithItsVisionTowerEqualsTheHubTotal()
        {
            // The published Scout checkpoint: the shared text_config plus its vision_config; Hub safetensors total 108,641,793,536.
            var m = Build(ScoutText(", \"interleave_moe_layer_step\": 1, \"num_local_experts\": 16") + @",
              ""vision_config"": { ""hidden_size"": 1408, ""intermediate_size"": 5632, ""num_hidden_layers"": 34, ""num_attention_heads"": 16,
                ""num_channels"": 3, ""image_size"": 336, ""patch_size"": 14, ""pixel_shuffle_ratio"": 0.5, ""projector_input_dim"": 4096,
                ""projector_output_dim"": 4096, ""vision_output_dim"": 4096, ""multi_modal_projector_bias"": false } }");
            var v = m.Vision!;
            // patch 588x1408, class token, 577 positions, pre/post LN, 34 x (4 biased 1408² linears, 1408<->5632 MLP, 2 LN), adapter 5632x4096 + 4096²
            long layer = 4 * (1408L * 1408 + 1408) + (1408L * 5632 + 5632) + (5632L * 1408 + 1408) + 4 * 1408;
            Assert.Equal(588L * 1408 + 1408 + 577L * 1408 + 4 * 1408 + 34 * layer + 5632L * 4096 + 4096L * 4096, v.TowerParams);
            Assert.Equal(4096L * 5120, v.ProjectorParams);
            Assert.Equal(871_932_416L, v.Params);
            Assert.Equal(108_641_793_536L, m.TotalParams);
            Assert.Equal(m.TotalParams - v.Params - 48L * 15 * Expert, m.ActiveParams);
            AssertRoundTrips(m);
        }

        [Fact]
        public void Maverick_InterleavesDenseAndMoeLayers()
        {
            // Llama-4-Maverick-17B-128E: MoE on odd layers (interleave_moe_layer_step 2), dense layers of intermediate_size_mlp 16384.
            var m = Build(ScoutText(", \"interleave_moe_layer_step\": 2, \"num_local_experts\": 128") + " }");
            long moe = 128 * Expert + Expert + 5120L * 128, dense = 3L * 5120 * 16384;
            Assert.Equal(48 * (Attention + Norms) + 24 * moe + 24 * dense + 2L * 202048 * 5120 + 5120, m.TotalParams);
            Assert.Equal(400_711_848_960L, m.TotalParams);
            Assert.Equal(16384, m.IntermediateSize);
            Assert.False(m.Blocks[m.DecoderLayerBlocks[0]].Ffn!.IsMoe);
            Assert.True(m.Blocks[m.DecoderLayerBlocks[1]].Ffn!.IsMoe);
            // chunked/full x dense/moe: four layer shapes, named by what differs
            Assert.Equal(new[] { "chunked_dense", "chunked_moe", "full_moe" }, m.DecoderLayerBlocks.Take(4).Distinct().ToArray());
            AssertRoundTrips(m);
        }

        [Fact]
        public void ChunkedLayersCacheAtMostOneChunk()
        {
            var m = Build(ScoutText(", \"interleave_moe_layer_step\": 1, \"num_local_experts\": 16") + " }");
            // 36 chunked layers hold 8192 tokens, 12 global layers the whole context; 8 kv heads x (128 + 128) per token
            Assert.Equal((36L * 8192 + 12L * 100_000) * 8 * 256 * 2, ModelAnalysis.KvCacheBytes(m, 2, 100_000));
            var chunked = m.Blocks[m.DecoderLayerBlocks[0]].Attention!;
            Assert.Equal(2 * (8192.0 * 8193 / 2) + 100 * 101 / 2.0, chunked.CausalPairs(2 * 8192 + 100));
        }

        [Fact]
        public void InvalidLlama4FieldsNameTheField()
        {
            var e = Assert.Throws<InvalidModelConfigException>(() => Build(ScoutText(", \"num_local_experts\": 16, \"num_experts_per_tok\": 17") + " }"));
            Assert.Equal("text_config.num_experts_per_tok", e.Field);
            e = Assert.Throws<InvalidModelConfigException>(() => Build(ScoutText(", \"no_rope_layers\": [1, 0]") + " }"));
            Assert.Equal("text_config.no_rope_layers", e.Field);
        }

        private static string ScoutText(string extra) => @"{ ""architectures"": [""Llama4ForConditionalGeneration""], ""model_type"": ""llama4"",
              ""text_config"": { ""model_type"": ""llama4_text"", ""hidden_size"": 5120, ""intermediate_size"": 8192, ""intermediate_size_mlp"": 16384,
                ""num_hidden_layers"": 48, ""num_attention_heads"": 40, ""num_key_value_heads"": 8, ""head_dim"": 128, ""vocab_size"": 202048,
                ""attention_chunk_size"": 8192, ""use_qk_norm"": true" + extra + " }";
    }
}
