using System;
using System.Collections.Generic;
using System.IO;

namespace ModelConfig.Core.Library
{
    /// <summary>
    /// What a <see cref="DataFolderLibrary{T}"/> needs to know about one kind of data file. A new kind (e.g. calibration
    /// profiles) is one subclass: its noun, id field, environment variable, parser and copy.
    /// Each kind is a singleton so its parse cache is shared by every library of that kind in the process.
    /// </summary>
    public abstract class DataKind<T> where T : class
    {
        protected DataKind() { Cache = new ParsedFileCache<T>(Parse); }

        /// <summary>Used in messages: "model config", "hardware".</summary>
        public abstract string Noun { get; }

        /// <summary>The JSON field holding the id, which must equal the file name.</summary>
        public abstract string IdField { get; }

        /// <summary>The variable listing user folders, separated by <see cref="Path.PathSeparator"/>.</summary>
        public abstract string EnvironmentVariable { get; }

        /// <summary>The top-level JSON array of other names for an entry; null when the kind has no aliases.</summary>
        public virtual string? AliasField => null;

        /// <summary>Reads a file; throws <see cref="Serialization.DataFileFormatException"/> naming file and field.</summary>
        protected abstract T Parse(string fullPath);

        public abstract string IdOf(T item);

        public virtual IReadOnlyList<string> AliasesOf(T item) => Array.Empty<string>();

        /// <summary>A deep copy: the cached parse is shared, so callers only ever see copies they may change freely.</summary>
        public abstract T Copy(T item);

        internal ParsedFileCache<T> Cache { get; }

        /// <summary>Reads a file through the cache and returns a caller-owned copy.</summary>
        public T LoadFile(string path)
        {
            if (!Cache.TryGet(path, out var item, out var error)) throw error!;
            return Copy(item!);
        }

        /// <summary>Forgets a file's cached parse (after the module rewrote it within the file system's clock tick).</summary>
        public void Invalidate(string path) => Cache.Invalidate(path);

        public void ClearCache() => Cache.Clear();
    }
}
