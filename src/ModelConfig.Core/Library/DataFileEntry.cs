using System.Collections.Generic;

namespace ModelConfig.Core.Library
{
    /// <summary>One data file found in the search path: its id comes from the file name, so finding it needs no parsing.</summary>
    public sealed class DataFileEntry
    {
        public DataFileEntry(string id, string filePath, string folder, int precedence)
        {
            Id = id;
            FilePath = filePath;
            Folder = folder;
            Precedence = precedence;
        }

        public string Id { get; }
        public string FilePath { get; }
        public string Folder { get; }
        /// <summary>The position of the folder in the search path; 0 wins.</summary>
        public int Precedence { get; }
        /// <summary>Files with the same id in folders of lower precedence, hidden by this one.</summary>
        public List<string> Overrides { get; } = new List<string>();

        public override string ToString() => Id;
    }

    /// <summary>A name a library resolves, for tab completion: an id, or an alias and the id it stands for.</summary>
    public sealed class DataName
    {
        public DataName(string name, string id, bool isAlias)
        {
            Name = name;
            Id = id;
            IsAlias = isAlias;
        }

        public string Name { get; }
        public string Id { get; }
        public bool IsAlias { get; }

        public override string ToString() => IsAlias ? $"{Name} -> {Id}" : Name;
    }
}
