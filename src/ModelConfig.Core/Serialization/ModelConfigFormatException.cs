using System;

namespace ModelConfig.Core.Serialization
{
    /// <summary>A config file that is not valid JSON or does not follow the schema; names the file and the field.</summary>
    public sealed class ModelConfigFormatException : Exception
    {
        public string? FilePath { get; }
        public string? Field { get; }

        public ModelConfigFormatException(string? filePath, string? field, string message, Exception? inner = null)
            : base(Compose(filePath, field, message), inner)
        {
            FilePath = filePath;
            Field = field;
        }

        private static string Compose(string? filePath, string? field, string message)
        {
            var where = filePath ?? "(in memory)";
            return field == null ? $"{where}: {message}" : $"{where}: field '{field}': {message}";
        }
    }
}
