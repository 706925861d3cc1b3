using System.Collections.Generic;
using ModelConfig.Core.Models;

namespace ModelConfig.Core.Building
{
    /// <summary>What a family reader produces; the builder turns it into a <see cref="ModelConfiguration"/>.</summary>
    internal sealed class ModelDraft
    {
        public string Architecture = "";
        public int HiddenSize;
        public int NumLayers;
        public int VocabSize;
        public int NumHeads;
        public int NumKvHeads;
        public int HeadDim;
        public long IntermediateSize;
        public long? MaxPositionEmbeddings;
        public bool Tied;

        public long EmbeddingParams;
        public int PositionEmbeddings;
        public readonly List<DecoderBlockSpec> Layers = new List<DecoderBlockSpec>();
        public NormSpec? FinalNorm;
        public bool LmHeadBias;
        public VisionSpec? Vision;

        public void AddLayer(string layerType, AttentionSpec? attention, FeedForwardSpec? ffn, List<NormSpec> norms, bool parallel = false)
        {
            Layers.Add(new DecoderBlockSpec { LayerType = layerType, Attention = attention, Ffn = ffn, Norms = norms, ParallelResidual = parallel });
        }
    }
}
