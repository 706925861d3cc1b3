using System.Collections.Generic;
using ModelConfig.Core.Hardware;
using ModelConfig.Core.Models;

namespace ModelConfig.Core.Tests.Estimation
{
    /// <summary>Hand-built model and hardware configurations with known parameter counts.</summary>
    internal static class TestModels
    {
        /// <summary>A Llama-2-7B-shaped dense model: 32 layers, hidden 4096, 32 heads (MHA), MLP 11008, vocab 32000.</summary>
        public static ModelConfiguration Dense(string id = "llama_2_7b", int layers = 32, int hidden = 4096, int heads = 32, int kvHeads = 32,
            int inter = 11008, int vocab = 32000, int? window = null)
        {
            int hd = hidden / heads;
            long attn = (long)hidden * heads * hd + 2L * hidden * kvHeads * hd + (long)heads * hd * hidden;
            long mlp = 3L * hidden * inter;
            var block = new DecoderBlockSpec
            {
                Name = "dense",
                Attention = new AttentionSpec { Form = kvHeads == heads ? AttentionForms.Mha : AttentionForms.Gqa, NumHeads = heads, NumKvHeads = kvHeads, HeadDim = hd, VHeadDim = hd, Params = attn, SlidingWindow = window },
                Ffn = new FeedForwardSpec { Form = "dense", IntermediateSize = inter, Params = mlp },
                Norms = new List<NormSpec> { new NormSpec { Name = "input_layernorm", Size = hidden }, new NormSpec { Name = "post_attention_layernorm", Size = hidden } },
            };
            var m = new ModelConfiguration
            {
                ModelId = id, HiddenSize = hidden, NumLayers = layers, VocabSize = vocab, NumAttentionHeads = heads, NumKeyValueHeads = kvHeads,
                HeadDim = hd, IntermediateSize = inter, MaxPositionEmbeddings = 4096,
                Embedding = new EmbeddingSpec { VocabSize = vocab, HiddenSize = hidden, Params = (long)vocab * hidden },
                LmHead = new LmHeadSpec { Params = (long)vocab * hidden },
                FinalNorm = new NormSpec { Name = "norm", Size = hidden },
            };
            m.Blocks[block.Name] = block;
            for (int i = 0; i < layers; i++) m.DecoderLayerBlocks.Add(block.Name);
            return m;
        }

        /// <summary>A Mixtral-shaped MoE: 8 experts of width 14336, top-2, GQA 32/8.</summary>
        public static ModelConfiguration Moe(int experts = 8, int topK = 2)
        {
            var m = Dense("moe_test", 32, 4096, 32, 8, 14336, 32000);
            var f = m.Blocks["dense"].Ffn!;
            long perExpert = 3L * 4096 * 14336;
            f.Form = "moe"; f.NumExperts = experts; f.TopK = topK; f.ParamsPerExpert = perExpert; f.RouterParams = 4096L * experts;
            f.Params = perExpert * experts + f.RouterParams;
            return m;
        }

        public static HardwareConfig H100(int chips = 1, string kind = "chip") => new HardwareConfig
        {
            HardwareId = kind == "chip" ? "test_h100" : "test_h100_node", Vendor = "NVIDIA", Name = "H100 SXM test", Kind = kind, Chips = chips,
            MemoryGB = 80, MemoryBandwidthGBs = 3350,
            DenseTflops = new SummaryDictionary<string, double> { ["bf16"] = 989.4, ["fp16"] = 989.4, ["fp8"] = 1978.9 },
            ScaleUpBandwidthGBs = 900, ScaleUpDomainSize = 8, ScaleOutBandwidthGBs = 50,
        };
    }
}
