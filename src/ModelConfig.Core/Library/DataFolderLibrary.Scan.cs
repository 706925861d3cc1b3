using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using ModelConfig.Core.Models;

namespace ModelConfig.Core.Library
{
    public partial class DataFolderLibrary<T>
    {
        private sealed class ScanResult
        {
            /// <summary>The winning file per id.</summary>
            public Dictionary<string, DataFileEntry> Winners { get; } = new Dictionary<string, DataFileEntry>(StringComparer.OrdinalIgnoreCase);
            public List<DataFileEntry> Sorted { get; set; } = new List<DataFileEntry>();
            /// <summary>Files hidden by a higher-precedence folder, highest precedence first.</summary>
            public List<DataFileEntry> Shadowed { get; } = new List<DataFileEntry>();
            public List<DataLoadError> Errors { get; } = new List<DataLoadError>();
            /// <summary>Per folder: existed, and its last write time when listed.</summary>
            public List<FolderStampAt> FolderStamps { get; } = new List<FolderStampAt>();
            /// <summary>Alias to claiming file, built on the first alias lookup.</summary>
            public Dictionary<string, DataFileEntry>? Aliases { get; set; }
        }

        private ScanResult? _snapshot;

        /// <summary>
        /// The directory listing, reused while every folder's last write time is unchanged (adding, removing or renaming
        /// a file changes it) and not within the last two seconds (a coarse file-system clock could hide a change made in
        /// the same tick). File contents are revalidated separately, per file, by the parse cache.
        /// </summary>
        private ScanResult Scan()
        {
            var snap = _snapshot;
            if (snap != null && StillValid(snap)) return snap;
            snap = ScanFolders();
            _snapshot = snap;
            return snap;
        }

        private bool StillValid(ScanResult snap)
        {
            var now = DateTime.UtcNow;
            for (int i = 0; i < Folders.Count; i++)
            {
                var current = FolderStamp(Folders[i]);
                var old = snap.FolderStamps[i];
                if (current.Exists != old.Exists || current.Stamp != old.Stamp) return false;
                if (current.Exists && (now - current.Stamp).Duration() < TimeSpan.FromSeconds(2)) return false;
            }
            return true;
        }

        // a class, not a (bool, DateTime) tuple: code over tuples of framework value types is not in the ReadyToRun image
        // and would be compiled at run time in a new session's first lookup
        private sealed class FolderStampAt
        {
            public FolderStampAt(bool exists, DateTime stamp)
            {
                Exists = exists;
                Stamp = stamp;
            }

            public bool Exists { get; }
            public DateTime Stamp { get; }
        }

        private static FolderStampAt FolderStamp(string folder)
        {
            try
            {
                var d = new DirectoryInfo(folder);
                return d.Exists ? new FolderStampAt(true, d.LastWriteTimeUtc) : new FolderStampAt(false, DateTime.MinValue);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                return new FolderStampAt(false, DateTime.MinValue);
            }
        }

        private ScanResult ScanFolders()
        {
            var result = new ScanResult();
            for (int precedence = 0; precedence < Folders.Count; precedence++)
            {
                var folder = Folders[precedence];
                result.FolderStamps.Add(FolderStamp(folder));
                var files = ListFolder(folder, result.Errors);
                foreach (var path in files)
                {
                    var id = Path.GetFileNameWithoutExtension(path);
                    // A name that is not a valid id could never be asked for.
                    if (!ModelIds.IsValid(id, out _)) continue;
                    var entry = new DataFileEntry(id, path, folder, precedence);
                    if (!result.Winners.TryGetValue(id, out var winner))
                    {
                        result.Winners[id] = entry;
                    }
                    else if (winner.Precedence == precedence)
                    {
                        result.Errors.Add(new DataLoadError(path, id, null,
                            $"{path}: ignored: '{winner.FilePath}' in the same folder has the same id (ids are case-insensitive)"));
                    }
                    else
                    {
                        winner.Overrides.Add(path);
                        result.Shadowed.Add(entry);
                    }
                }
            }
            result.Sorted = result.Winners.Values.OrderBy(e => e.Id, StringComparer.OrdinalIgnoreCase).ToList();
            return result;
        }

        private string[] ListFolder(string folder, List<DataLoadError> errors)
        {
            try
            {
                if (!Directory.Exists(folder))
                {
                    errors.Add(new DataLoadError(folder, null, null, $"{folder}: {Kind.Noun} folder does not exist"));
                    return Array.Empty<string>();
                }
                // "*.json" also matches "*.jsonx" on Windows (8.3 names); keep exactly .json.
                var files = Directory.GetFiles(folder, "*.json", SearchOption.TopDirectoryOnly)
                    .Where(f => f.EndsWith(".json", StringComparison.OrdinalIgnoreCase)).ToArray();
                Array.Sort(files, StringComparer.Ordinal);
                return files;
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                errors.Add(new DataLoadError(folder, null, null, $"{folder}: {Kind.Noun} folder cannot be listed: {e.Message}", e));
                return Array.Empty<string>();
            }
        }
    }
}
