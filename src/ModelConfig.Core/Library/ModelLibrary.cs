using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using ModelConfig.Core.Models;
using ModelConfig.Core.Serialization;

namespace ModelConfig.Core.Library
{
    /// <summary>A file that could not be loaded; the rest of the library still lists.</summary>
    public sealed class LibraryLoadError
    {
        public LibraryLoadError(string filePath, Exception exception)
        {
            FilePath = filePath;
            Exception = exception;
        }

        public string FilePath { get; }
        public Exception Exception { get; }
        public string Message => Exception.Message;
    }

    /// <summary>One config file found in the search path: its id comes from the file name, so finding it needs no parsing.</summary>
    public sealed class LibraryEntry
    {
        public LibraryEntry(string modelId, string filePath, string folder, int precedence)
        {
            ModelId = modelId;
            FilePath = filePath;
            Folder = folder;
            Precedence = precedence;
        }

        public string ModelId { get; }
        public string FilePath { get; }
        public string Folder { get; }
        /// <summary>0 wins: the position of the folder in the precedence order.</summary>
        public int Precedence { get; }
        /// <summary>Files with the same id in folders of lower precedence, hidden by this one.</summary>
        public List<string> Overrides { get; } = new List<string>();
    }

    /// <summary>
    /// The model library: config files in a list of folders. When two folders hold the same id, the
    /// folder earlier in <see cref="Folders"/> wins (like PATH); <see cref="SearchPath"/> builds that list
    /// so that -Path folders beat $env:MODELCONFIG_PATH folders, which beat the bundled library.
    /// </summary>
    public sealed class ModelLibrary
    {
        public const string EnvironmentVariable = "MODELCONFIG_PATH";

        private static readonly ConcurrentDictionary<string, CachedFile> Cache =
            new ConcurrentDictionary<string, CachedFile>(StringComparer.Ordinal);

        public ModelLibrary(IEnumerable<string> folders)
        {
            Folders = folders.Where(f => !string.IsNullOrWhiteSpace(f))
                .Select(Path.GetFullPath)
                .Distinct(PathComparer)
                .ToList();
        }

        /// <summary>Folders in precedence order (first wins).</summary>
        public IReadOnlyList<string> Folders { get; }

        internal static StringComparer PathComparer =>
            Path.DirectorySeparatorChar == '\\' ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;

        /// <summary>
        /// Precedence order: explicit folders (-Path), then $env:MODELCONFIG_PATH left to right, then the bundled folder.
        /// </summary>
        public static IReadOnlyList<string> SearchPath(string? bundledFolder, string? environmentValue, IEnumerable<string>? explicitFolders)
        {
            var list = new List<string>();
            if (explicitFolders != null) list.AddRange(explicitFolders);
            if (!string.IsNullOrEmpty(environmentValue))
                list.AddRange(environmentValue!.Split(new[] { Path.PathSeparator }, StringSplitOptions.RemoveEmptyEntries).Select(s => s.Trim()));
            if (!string.IsNullOrEmpty(bundledFolder)) list.Add(bundledFolder!);
            return list;
        }

        /// <summary>Every id in the library with the file that wins for it, sorted by id. Reads directory listings only.</summary>
        public IReadOnlyList<LibraryEntry> Entries()
        {
            var byId = new Dictionary<string, LibraryEntry>(StringComparer.OrdinalIgnoreCase);
            for (int p = 0; p < Folders.Count; p++)
            {
                var folder = Folders[p];
                if (!Directory.Exists(folder)) continue;
                IEnumerable<string> files;
                try { files = Directory.EnumerateFiles(folder, "*.json").OrderBy(f => f, StringComparer.Ordinal).ToList(); }
                catch (Exception e) when (e is IOException || e is UnauthorizedAccessException) { continue; }
                foreach (var file in files)
                {
                    var id = Path.GetFileNameWithoutExtension(file);
                    if (!ModelIds.IsValid(id, out _)) continue;
                    if (byId.TryGetValue(id, out var winner)) winner.Overrides.Add(file);
                    else byId[id] = new LibraryEntry(id, file, folder, p);
                }
            }
            return byId.Values.OrderBy(e => e.ModelId, StringComparer.OrdinalIgnoreCase).ToList();
        }

        /// <summary>Loads the winning file of every entry; a bad file becomes one error and the others still load.</summary>
        public IReadOnlyList<ModelConfiguration> LoadAll(IEnumerable<LibraryEntry> entries, List<LibraryLoadError> errors)
        {
            var models = new List<ModelConfiguration>();
            foreach (var entry in entries)
            {
                var model = TryLoad(entry, errors);
                if (model != null) models.Add(model);
            }
            return models;
        }

        public ModelConfiguration? TryLoad(LibraryEntry entry, List<LibraryLoadError> errors)
        {
            try { return Load(entry); }
            catch (DataFileFormatException e)
            {
                errors.Add(new LibraryLoadError(entry.FilePath, e));
                return null;
            }
        }

        /// <summary>Loads one entry; the file's model_id must equal its file name, so ids stay unique per folder.</summary>
        public static ModelConfiguration Load(LibraryEntry entry)
        {
            var model = LoadFile(entry.FilePath);
            if (!string.Equals(model.ModelId, entry.ModelId, StringComparison.OrdinalIgnoreCase))
            {
                throw new DataFileFormatException(entry.FilePath, "model_id",
                    $"is '{model.ModelId}' but the file is named '{entry.ModelId}.json'; they must match");
            }
            return model;
        }

        /// <summary>Parses a file, reusing the last parse while its size and write time are unchanged.</summary>
        public static ModelConfiguration LoadFile(string path)
        {
            var full = Path.GetFullPath(path);
            FileInfo info;
            try { info = new FileInfo(full); }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is ArgumentException)
            {
                throw new DataFileFormatException(full, null, "cannot be read: " + e.Message, e);
            }
            if (!info.Exists) throw new DataFileFormatException(full, null, "does not exist");
            var stamp = (info.LastWriteTimeUtc, info.Length);
            if (Cache.TryGetValue(full, out var cached) && cached.Stamp == stamp) return cached.Model;
            var model = ModelConfigJson.ReadFile(full);
            Cache[full] = new CachedFile(stamp, model);
            return model;
        }

        /// <summary>Forgets a file's cached parse (after the module rewrote it).</summary>
        public static void Invalidate(string path) => Cache.TryRemove(Path.GetFullPath(path), out _);

        private sealed class CachedFile
        {
            public CachedFile((DateTime, long) stamp, ModelConfiguration model)
            {
                Stamp = stamp;
                Model = model;
            }

            public (DateTime, long) Stamp { get; }
            public ModelConfiguration Model { get; }
        }
    }
}
