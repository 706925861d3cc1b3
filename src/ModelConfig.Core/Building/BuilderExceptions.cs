using System;
using System.Collections.Generic;

namespace ModelConfig.Core.Building
{
    /// <summary>The config's model_type is not one the builder knows how to count exactly.</summary>
    public sealed class UnsupportedArchitectureException : Exception
    {
        public string ModelType { get; }
        public IReadOnlyList<string> Supported { get; }

        public UnsupportedArchitectureException(string modelType, IReadOnlyList<string> supported)
            : base($"model_type '{Serialization.TextPreview.Of(modelType)}' is not supported by the model config builder. Supported model types: {string.Join(", ", supported)}.")
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
