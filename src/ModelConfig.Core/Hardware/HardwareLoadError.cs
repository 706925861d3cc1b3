using System;
using ModelConfig.Core.Serialization;

namespace ModelConfig.Core.Hardware
{
    /// <summary>One hardware file (or search folder) the library could not use; the rest of the library still lists.</summary>
    public sealed class HardwareLoadError
    {
        public HardwareLoadError(string path, string? hardwareId, string? field, string message, Exception? exception = null)
        {
            FilePath = path;
            HardwareId = hardwareId;
            Field = field;
            Message = message;
            Exception = exception;
        }

        /// <summary>The file (or folder) at fault.</summary>
        public string FilePath { get; }
        /// <summary>The id the file name promises (file name without .json); null for a folder error.</summary>
        public string? HardwareId { get; }
        /// <summary>The JSON field at fault, e.g. dense_tflops.bf16; null when the whole file is (unreadable, not JSON).</summary>
        public string? Field { get; }
        /// <summary>The full message, naming the file and the field.</summary>
        public string Message { get; }
        public Exception? Exception { get; }

        internal static HardwareLoadError From(string path, string id, DataFileFormatException e) =>
            new HardwareLoadError(path, id, e.Field, e.Message, e);

        public override string ToString() => Message;
    }

    /// <summary>A name the library resolves, for tab completion: an id, or an alias and the id it stands for.</summary>
    public sealed class HardwareName
    {
        public HardwareName(string name, string hardwareId, bool isAlias)
        {
            Name = name;
            HardwareId = hardwareId;
            IsAlias = isAlias;
        }

        public string Name { get; }
        public string HardwareId { get; }
        public bool IsAlias { get; }

        public override string ToString() => IsAlias ? $"{Name} -> {HardwareId}" : Name;
    }
}
