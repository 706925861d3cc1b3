using System;

namespace ModelConfig.Core.Serialization
{
    /// <summary>A library data file (model config, hardware entry) or a reference table that is not valid JSON/CSV or breaks its schema; names the file and the field.</summary>
    public sealed class DataFileFormatException : Exception
    {
        public string? FilePath { get; }
        public string? Field { get; }

        public DataFileFormatException(string? filePath, string? field, string message, Exception? inner = null)
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
