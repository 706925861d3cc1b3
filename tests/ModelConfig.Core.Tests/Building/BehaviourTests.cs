using System.Linq;
using ModelConfig.Core.Building;
using ModelConfig.Core.Models;
using Xunit;
using static ModelConfig.Core.Tests.Building.BuilderTestUtil;

namespace ModelConfig.Core.Tests.Building
{
    public class BehaviourTests
    {
        private const string Tiny = @"{""_name_or_path"":""acme/Tiny-Llama-Test"",""model_type"":""llama"",""hidden_size"":64,""intermediate_size"":128,""num_hidden_layers"":2,""num_attention_heads"":4,""num_key_value_heads"":2,""vocab_size"":100,""torch_dtype"":""bfloat16"",""rope_theta"":10000.0}";

        [Fact]
        public void UnsupportedModelTypeNamesItAndTheSupportedOnes()
        {
            var e = Assert.Throws<UnsupportedArchitectureException>(() => Build(@"{""model_type"":""rwkv"",""hidden_size"":64}"));
            Assert.Equal("rwkv", e.ModelType);
            Assert.Contains("rwkv", e.Message);
            Assert.Contains("deepseek_v3", e.Message);
            Assert.Contains("llama", ModelConfigBuilder.SupportedModelTypes);
        }

        [Fact]
        public void MissingFieldNamesTheField()
        {
            var e = Assert.Throws<InvalidModelConfigException>(() => Build(@"{""model_type"":""llama"",""intermediate_size"":128,""num_hidden_layers"":2,""num_attention_heads"":4,""vocab_size"":100}"));
            Assert.Equal("hidden_size", e.Field);
            var e2 = Assert.Throws<InvalidModelConfigException>(() => Build(@"{""hidden_size"":64}"));
            Assert.Equal("model_type", e2.Field);
            var e3 = Assert.Throws<InvalidModelConfigException>(() => Build(@"{""model_type"":""llama"",""hidden_size"":""big"",""intermediate_size"":128,""num_hidden_layers"":2,""num_attention_heads"":4,""vocab_size"":100}"));
            Assert.Equal("hidden_size", e3.Field);
        }

        [Fact]
        public void NamesDefaultFromNameOrPathAndOptionsWin()
        {
            var m = Build(Tiny);
            Assert.Equal("tiny_llama_test", m.ModelId);
            Assert.Equal("Tiny-Llama-Test", m.Name);
            Assert.Null(m.HfModelId);
            Assert.Equal(ModelConfigBuilder.Version, m.BuilderVersion);
            Assert.False(m.Validated);
            var src = new ModelSource { Kind = "hub", HfModelId = "acme/Other-Name", Revision = "main" };
            var m2 = ModelConfigBuilder.Build(HfConfigJson.Parse(Tiny), new BuildOptions { Source = src, Name = "Shown" });
            Assert.Equal("other_name", m2.ModelId);
            Assert.Equal("Shown", m2.Name);
            Assert.Equal("acme/Other-Name", m2.HfModelId);
            Assert.Same(src, m2.Source);
        }

        [Fact]
        public void FactsHoldExactlyTheFieldsReadWithDefaultsExplicit()
        {
            var m = Build(Tiny);
            var f = m.ArchitectureFactsJson!;
            Assert.Null(f["torch_dtype"]);                      // not read
            Assert.Null(f["rope_theta"]);
            Assert.False((bool)f["tie_word_embeddings"]!);      // default made explicit
            Assert.False((bool)f["attention_bias"]!);
            Assert.Equal(16, (int)f["head_dim"]!);              // derived default made explicit
            Assert.Equal("acme/Tiny-Llama-Test", (string)f["_name_or_path"]!);
            var again = ModelConfigBuilder.Build(f, new BuildOptions());
            Assert.Equal(m.TotalParams, again.TotalParams);
            Assert.Equal(m.ModelId, again.ModelId);
            AssertRoundTrips(m);
        }

        [Fact]
        public void KvHeadsMissingTakesClassDefaultNullMeansHeads()
        {
            var missing = Build(@"{""model_type"":""mistral"",""hidden_size"":64,""intermediate_size"":128,""num_hidden_layers"":1,""num_attention_heads"":16,""vocab_size"":10}");
            Assert.Equal(8, missing.NumKeyValueHeads);          // MistralConfig default
            var nul = Build(@"{""model_type"":""mistral"",""hidden_size"":64,""intermediate_size"":128,""num_hidden_layers"":1,""num_attention_heads"":16,""num_key_value_heads"":null,""vocab_size"":10}");
            Assert.Equal(16, nul.NumKeyValueHeads);
            Assert.Equal(4096, missing.Blocks["decoder"].Attention!.SlidingWindow);   // MistralConfig sliding_window default
            var noWindow = Build(@"{""model_type"":""mistral"",""hidden_size"":64,""intermediate_size"":128,""num_hidden_layers"":1,""num_attention_heads"":16,""vocab_size"":10,""sliding_window"":null}");
            Assert.Null(noWindow.Blocks["decoder"].Attention!.SlidingWindow);
            AssertRoundTrips(noWindow);
        }

        [Fact]
        public void PythonInfinityAndNaNAreAccepted()
        {
            var m = Build(Tiny.TrimEnd('}') + @",""time_step_limit"":[0.0, Infinity],""x"":-Infinity,""y"":NaN,""s"":""NaN Infinity""}");
            Assert.Equal(2, m.NumLayers);
        }

        [Fact]
        public void FlopsAreTwicePerWeightPlusAttention()
        {
            var m = Build(Tiny);
            // untied: lm_head is its own matrix; norms are not matmuls
            long weights = m.TotalParams - m.Embedding.Params - m.FinalNorm!.Params - m.DecoderLayerBlocks.Sum(b => m.Blocks[b].NormParams);
            Assert.Equal(2.0 * weights, ModelAnalysis.ForwardFlopsPerToken(m, 0));
            // per layer 2 x 4 heads x (16 + 16) x context
            Assert.Equal(2.0 * weights + 2 * 2.0 * 4 * 32 * 100, ModelAnalysis.ForwardFlopsPerToken(m, 100));
            // K+V: 2 layers x 2 kv heads x 32 x 100 tokens x 2 bytes
            Assert.Equal(2L * 2 * 32 * 100 * 2, ModelAnalysis.KvCacheBytes(m, 2, 100));
            Assert.Equal(0, ModelAnalysis.RecurrentStateBytes(m, 2));
        }

        [Fact]
        public void TiedModelsStillPayForTheLmHeadMatmul()
        {
            var m = Build(@"{""model_type"":""gemma"",""hidden_size"":64,""intermediate_size"":128,""num_hidden_layers"":1,""num_attention_heads"":2,""num_key_value_heads"":1,""head_dim"":32,""vocab_size"":100}");
            Assert.True(m.LmHead.Tied);
            var blk = m.Blocks.Values.Single();
            Assert.Equal(2.0 * (blk.Attention!.Params + blk.Ffn!.Params) + 2.0 * 100 * 64, ModelAnalysis.ForwardFlopsPerToken(m, 0));
        }
    }
}
