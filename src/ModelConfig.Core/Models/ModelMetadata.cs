namespace ModelConfig.Core.Models
{
    /// <summary>The summary record of a model, with the fields the original system's metadata call returned.</summary>
    public sealed class ModelMetadata
    {
        public string ModelId { get; set; } = "";
        public string Name { get; set; } = "";
        public string Architecture { get; set; } = "";
        public long TotalParams { get; set; }
        public string TotalParamsFormatted { get; set; } = "";
        public bool Validated { get; set; }
        public string? ValidationNotes { get; set; }
        public int HiddenSize { get; set; }
        public int NumLayers { get; set; }
        public int VocabSize { get; set; }
        public string? HfModelId { get; set; }

        public static ModelMetadata From(ModelConfiguration model) => new ModelMetadata
        {
            ModelId = model.ModelId,
            Name = model.Name,
            Architecture = model.Architecture,
            TotalParams = model.TotalParams,
            TotalParamsFormatted = model.TotalParamsFormatted,
            Validated = model.Validated,
            ValidationNotes = model.ValidationNotes,
            HiddenSize = model.HiddenSize,
            NumLayers = model.NumLayers,
            VocabSize = model.VocabSize,
            HfModelId = model.HfModelId,
        };
    }
}
