using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using ModelConfig.Core.Models;
using ModelConfig.Core.Serialization;

namespace ModelConfig.Core.Library
{
    /// <summary>
    /// Parsed data files by full path, reused while the file's last write time and length are unchanged, so repeated
    /// lookups cost a stat. Entries are never handed out directly: <see cref="DataKind{T}"/> copies them on the way out.
    /// A parse failure is cached too, so a corrupt file is not re-read on every lookup.
    /// </summary>
    internal sealed class ParsedFileCache<T> where T : class
    {
        private readonly Func<string, T> _parse;
        private readonly ConcurrentDictionary<string, Slot> _slots = new ConcurrentDictionary<string, Slot>(SearchPath.PathComparer);

        public ParsedFileCache(Func<string, T> parse) { _parse = parse; }

        /// <summary>The shared parse (never give it to a caller) or the error that explains why there is none.</summary>
        public bool TryGet(string path, out T? item, out DataFileFormatException? error)
        {
            var slot = SlotFor(path);
            if (slot.Item == null && slot.Error == null)
            {
                try { slot.Item = _parse(slot.FullPath); }
                catch (DataFileFormatException e) { slot.Error = e; }
            }
            item = slot.Item;
            error = slot.Error;
            return item != null;
        }

        /// <summary>
        /// The strings of a top-level array field, read forward-only without building the object (tab completion reads
        /// the aliases of every file); null when the file cannot be read.
        /// </summary>
        public IReadOnlyList<string>? TopLevelNames(string path, string field, Func<T, IReadOnlyList<string>> fromItem)
        {
            var slot = SlotFor(path);
            if (slot.Item != null) return fromItem(slot.Item);
            if (slot.Error != null) return null;
            return slot.Names ??= ReadTopLevelNames(slot.FullPath, field);
        }

        /// <summary>
        /// A top-level string field, read forward-only like <see cref="TopLevelNames"/> (completion lists every file's
        /// hf_model_id or vendor); null when the file cannot be read or has no such string.
        /// </summary>
        public string? TopLevelText(string path, string field, Func<T, string?> fromItem)
        {
            var slot = SlotFor(path);
            if (slot.Item != null) return fromItem(slot.Item);
            if (slot.Error != null) return null;
            var texts = slot.Texts ??= new ConcurrentDictionary<string, string?>(StringComparer.Ordinal);
            return texts.GetOrAdd(field, f => ReadTopLevelText(slot.FullPath, f));
        }

        public void Invalidate(string path) => _slots.TryRemove(Path.GetFullPath(path), out _);

        public void Clear() => _slots.Clear();

        private Slot SlotFor(string path)
        {
            var full = Path.GetFullPath(path);
            Stat(full, out var stamp, out var length);
            if (_slots.TryGetValue(full, out var slot) && slot.Stamp == stamp && slot.Length == length) return slot;
            slot = new Slot(full, stamp, length);
            if (length < 0) slot.Error = new DataFileFormatException(full, null, "does not exist");
            _slots[full] = slot;
            return slot;
        }

        // out parameters, not a (DateTime, long) tuple, for the reason of DataFolderLibrary's FolderStampAt
        private static void Stat(string full, out DateTime stamp, out long length)
        {
            stamp = DateTime.MinValue;
            length = -1L;
            try
            {
                var info = new FileInfo(full);
                if (!info.Exists) return;
                stamp = info.LastWriteTimeUtc;
                length = info.Length;
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                stamp = DateTime.MinValue;
                length = -1L;
            }
        }

        private static List<string>? ReadTopLevelNames(string path, string field)
        {
            try
            {
                var reader = new Utf8JsonReader(DataFileReader.ReadBytes(path), new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
                var names = new List<string>();
                if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return null;
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    bool wanted = reader.ValueTextEquals(field);
                    if (!reader.Read()) return null;
                    if (wanted && reader.TokenType == JsonTokenType.StartArray)
                    {
                        while (reader.Read() && reader.TokenType == JsonTokenType.String)
                        {
                            var name = reader.GetString();
                            if (ModelIds.IsValid(name, out _)) names.Add(name!);
                        }
                        break;
                    }
                    reader.Skip();
                }
                return names;
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is JsonException || e is DataFileFormatException)
            {
                return null;
            }
        }

        private static string? ReadTopLevelText(string path, string field)
        {
            try
            {
                var reader = new Utf8JsonReader(DataFileReader.ReadBytes(path), new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
                if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return null;
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    bool wanted = reader.ValueTextEquals(field);
                    if (!reader.Read()) return null;
                    if (wanted) return reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                    reader.Skip();
                }
                return null;
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is JsonException || e is DataFileFormatException || e is InvalidOperationException)
            {
                return null;
            }
        }

        private sealed class Slot
        {
            public Slot(string fullPath, DateTime stamp, long length)
            {
                FullPath = fullPath;
                Stamp = stamp;
                Length = length;
            }

            public string FullPath { get; }
            public DateTime Stamp { get; }
            public long Length { get; }
            public T? Item { get; set; }
            public DataFileFormatException? Error { get; set; }
            public List<string>? Names { get; set; }
            public ConcurrentDictionary<string, string?>? Texts { get; set; }
        }
    }
}
