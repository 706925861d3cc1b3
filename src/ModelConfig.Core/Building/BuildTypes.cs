using System;
using System.Collections.Generic;
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
    }

    /// <summary>The config's model_type is not one the builder knows how to count exactly.</summary>
    public sealed class UnsupportedArchitectureException : Exception
    {
        public string ModelType { get; }
        public IReadOnlyList<string> Supported { get; }

        public UnsupportedArchitectureException(string modelType, IReadOnlyList<string> supported)
            : base($"model_type '{modelType}' is not supported by the model config builder. Supported model types: {string.Join(", ", supported)}.")
        {
            ModelType = modelType;
            Supported = supported;
        }
    }

    /// <summary>A field the architecture needs is missing or has an unusable value.</summary>
    public sealed class InvalidModelConfigException : Exception
    {
        public string Field { get; }

        public InvalidModelConfigException(string field, string message)
            : base($"config field '{field}' {message}")
        {
            Field = field;
        }
    }
}
