using System;
using System.IO;
using ModelConfig.Core.Models;

namespace ModelConfig.Core.Tests.Library
{
    /// <summary>Small hand-made configs for loader tests (the real ones come from the builder).</summary>
    internal static class TestModels
    {
        /// <summary>A 2-layer llama-shaped model: hidden 64, 4 heads / 2 kv heads of 16, MLP 128, vocab 100, untied.</summary>
        public static ModelConfiguration Tiny(string id = "tiny_model")
        {
            var attention = new AttentionSpec { Form = AttentionForms.Gqa, NumHeads = 4, NumKvHeads = 2, HeadDim = 16, VHeadDim = 16, Params = 64 * 64 + 2 * 64 * 32 + 64 * 64 };
            var ffn = new FeedForwardSpec { Form = "dense", Activation = "silu", Gated = true, IntermediateSize = 128, Params = 3 * 64 * 128 };
            var block = new DecoderBlockSpec
            {
                Name = "decoder",
                LayerType = LayerTypes.FullAttention,
                Attention = attention,
                Ffn = ffn,
                Norms = { new NormSpec { Name = "input_layernorm", Size = 64 }, new NormSpec { Name = "post_attention_layernorm", Size = 64 } },
            };
            var m = new ModelConfiguration
            {
                ModelId = id,
                Name = "Tiny",
                HfModelId = "test/Tiny",
                Architecture = "LlamaForCausalLM",
                ModelType = "llama",
                HiddenSize = 64,
                NumLayers = 2,
                VocabSize = 100,
                NumAttentionHeads = 4,
                NumKeyValueHeads = 2,
                HeadDim = 16,
                IntermediateSize = 128,
                Embedding = new EmbeddingSpec { VocabSize = 100, HiddenSize = 64, Params = 6400 },
                FinalNorm = new NormSpec { Name = "norm", Size = 64 },
                LmHead = new LmHeadSpec { Tied = false, Params = 6400 },
            };
            m.Blocks["decoder"] = block;
            m.DecoderLayerBlocks.Add("decoder");
            m.DecoderLayerBlocks.Add("decoder");
            m.TotalParams = 6400 + 2 * block.Params + 64 + 6400;
            m.ActiveParams = m.TotalParams;
            return m;
        }
    }

    internal sealed class TempFolder : IDisposable
    {
        public TempFolder()
        {
            Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "mc-test-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(Path);
        }

        public string Path { get; }

        public string Write(string name, string text)
        {
            var p = System.IO.Path.Combine(Path, name);
            File.WriteAllText(p, text);
            return p;
        }

        public void Dispose()
        {
            try { Directory.Delete(Path, true); } catch (IOException) { }
        }
    }
}
