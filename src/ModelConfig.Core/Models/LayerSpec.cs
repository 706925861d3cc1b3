using System.Collections.Generic;

namespace ModelConfig.Core.Models
{
    /// <summary>The kinds of entries in the flattened layer list.</summary>
    public enum LayerKind
    {
        Embedding,
        Decoder,
        FinalNorm,
        LmHead,
        Vision,
    }

    /// <summary>
    /// One entry of <see cref="ModelConfiguration.Layers"/>: the file stores block templates once and
    /// a block name per layer; this is the expanded, per-index view users filter and sort.
    /// </summary>
    public sealed class LayerSpec
    {
        public int Index { get; set; }
        public string Name { get; set; } = "";
        public LayerKind Kind { get; set; }
        /// <summary>Decoder layer number (0-based); null for the other kinds.</summary>
        public int? LayerNumber { get; set; }
        public string? Block { get; set; }
        public string? LayerType { get; set; }
        public AttentionSpec? Attention { get; set; }
        public FeedForwardSpec? Ffn { get; set; }
        public IReadOnlyList<NormSpec> Norms { get; set; } = new List<NormSpec>();
        public long AttentionParams => Attention?.Params ?? 0;
        public long FfnParams => Ffn?.Params ?? 0;
        public long NormParams { get; set; }
        public long Params { get; set; }
        public string ParamsFormatted => ParameterCount.Format(Params);

        public override string ToString() => Name;

        internal static IReadOnlyList<LayerSpec> Expand(ModelConfiguration model)
        {
            var layers = new List<LayerSpec>(model.DecoderLayerBlocks.Count + 4);
            layers.Add(new LayerSpec
            {
                Name = "embed_tokens",
                Kind = LayerKind.Embedding,
                Params = model.Embedding.Params,
            });
            for (int i = 0; i < model.DecoderLayerBlocks.Count; i++)
            {
                var name = model.DecoderLayerBlocks[i];
                model.Blocks.TryGetValue(name, out var block);
                layers.Add(new LayerSpec
                {
                    Name = "layers." + i,
                    Kind = LayerKind.Decoder,
                    LayerNumber = i,
                    Block = name,
                    LayerType = block?.LayerType,
                    Attention = block?.Attention,
                    Ffn = block?.Ffn,
                    Norms = (IReadOnlyList<NormSpec>?)block?.Norms ?? new List<NormSpec>(),
                    NormParams = block?.NormParams ?? 0,
                    Params = block?.Params ?? 0,
                });
            }
            if (model.FinalNorm != null)
            {
                layers.Add(new LayerSpec
                {
                    Name = "norm",
                    Kind = LayerKind.FinalNorm,
                    Norms = new List<NormSpec> { model.FinalNorm },
                    NormParams = model.FinalNorm.Params,
                    Params = model.FinalNorm.Params,
                });
            }
            layers.Add(new LayerSpec
            {
                Name = "lm_head",
                Kind = LayerKind.LmHead,
                Params = model.LmHead.Params,
            });
            if (model.Vision != null)
            {
                layers.Add(new LayerSpec
                {
                    Name = "vision_tower",
                    Kind = LayerKind.Vision,
                    Params = model.Vision.Params,
                });
            }
            for (int i = 0; i < layers.Count; i++) layers[i].Index = i;
            return layers;
        }
    }
}
