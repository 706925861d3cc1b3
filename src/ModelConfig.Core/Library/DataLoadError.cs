using System;
using ModelConfig.Core.Serialization;

namespace ModelConfig.Core.Library
{
    /// <summary>One data file (or search folder) a library could not use, naming the file and the field; the rest still lists.</summary>
    public sealed class DataLoadError
    {
        public DataLoadError(string path, string? id, string? field, string message, Exception? exception = null)
        {
            FilePath = path;
            Id = id;
            Field = field;
            Message = message;
            Exception = exception;
        }

        /// <summary>The file (or folder) at fault.</summary>
        public string FilePath { get; }
        /// <summary>The id the file name promises (file name without .json); null for a folder error.</summary>
        public string? Id { get; }
        /// <summary>The JSON field at fault, e.g. dense_tflops.bf16; null when the whole file is (unreadable, not JSON).</summary>
        public string? Field { get; }
        public string Message { get; }
        public Exception? Exception { get; }

        internal static DataLoadError From(string path, string? id, DataFileFormatException e) =>
            new DataLoadError(path, id, e.Field, e.Message, e);

        public override string ToString() => Message;
    }
}
