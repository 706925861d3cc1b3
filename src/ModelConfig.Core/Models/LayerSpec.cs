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
        /// <summary>Embedding, Decoder, FinalNorm, LmHead or Vision: the <see cref="Models.LayerKind"/> by name, because ConvertTo-Json writes enum properties as numbers.</summary>
        public string Kind => LayerKind.ToString();
        internal LayerKind LayerKind { get; set; }
        /// <summary>Decoder layer number (0-based); null for the other kinds.</summary>
        public int? LayerNumber { get; set; }
        public string? Block { get; set; }
        public string? LayerType { get; set; }
        public AttentionSpec? Attention { get; set; }
        public FeedForwardSpec? Ffn { get; set; }
        public IReadOnlyList<NormSpec> Norms { get; set; } = new SummaryList<NormSpec>();
        public long AttentionParams => Attention?.Params ?? 0;
        public long FfnParams => Ffn?.Params ?? 0;
        public long NormParams { get; set; }
        public long Params { get; set; }
        public string ParamsFormatted => ParameterCount.Format(Params);

        public override string ToString() => Name;

        internal static IReadOnlyList<LayerSpec> Expand(ModelConfiguration model)
        {
            var layers = new SummaryList<LayerSpec>();
            layers.Add(new LayerSpec
            {
                Name = "embed_tokens",
                LayerKind = LayerKind.Embedding,
                Params = model.Embedding.Params,
            });
            for (int i = 0; i < model.DecoderLayerBlocks.Count; i++)
            {
                var name = model.DecoderLayerBlocks[i];
                model.Blocks.TryGetValue(name, out var block);
                layers.Add(new LayerSpec
                {
                    Name = "layers." + i,
                    LayerKind = LayerKind.Decoder,
                    LayerNumber = i,
                    Block = name,
                    LayerType = block?.LayerType,
                    Attention = block?.Attention,
                    Ffn = block?.Ffn,
                    Norms = new SummaryList<NormSpec>((IEnumerable<NormSpec>?)block?.Norms ?? new NormSpec[0]),
                    NormParams = block?.NormParams ?? 0,
                    Params = block?.Params ?? 0,
                });
            }
            if (model.FinalNorm != null)
            {
                layers.Add(new LayerSpec
                {
                    Name = "norm",
                    LayerKind = LayerKind.FinalNorm,
                    Norms = new SummaryList<NormSpec> { model.FinalNorm },
                    NormParams = model.FinalNorm.Params,
                    Params = model.FinalNorm.Params,
                });
            }
            layers.Add(new LayerSpec
            {
                Name = "lm_head",
                LayerKind = LayerKind.LmHead,
                Params = model.LmHead.Params,
            });
            if (model.Vision != null)
            {
                layers.Add(new LayerSpec
                {
                    Name = "vision_tower",
                    LayerKind = LayerKind.Vision,
                    Params = model.Vision.Params,
                });
            }
            for (int i = 0; i < layers.Count; i++) layers[i].Index = i;
            return layers;
        }
    }
}
