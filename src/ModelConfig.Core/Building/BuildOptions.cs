using ModelConfig.Core.Models;

namespace ModelConfig.Core.Building
{
    /// <summary>Names and provenance for a model built from a HuggingFace config.json.</summary>
    public sealed class BuildOptions
    {
        /// <summary>Library id; default <c>ModelIds.FromName(HF id, _name_or_path or name)</c>.</summary>
        public string? ModelId;
        /// <summary>Display name; default the last part of the HF id or _name_or_path.</summary>
        public string? Name;
        public string? HfModelId;
        public ModelSource? Source;
        /// <summary>What to derive the id and name from when there is no HF id and the config names no model (e.g. the folder of a local config.json).</summary>
        public string? FallbackName;
    }
}
