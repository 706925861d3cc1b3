using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using ModelConfig.Core.Models;
using ModelConfig.Core.Serialization;

namespace ModelConfig.Core.Hardware
{
    /// <summary>
    /// The hardware library: every <c>&lt;id&gt;.json</c> file in a list of folders.
    /// <para>
    /// Precedence: folders are given in increasing precedence, the bundled <c>data/hardware</c> first and user
    /// folders after it; when two folders hold the same id (file name, case-insensitive) the LATER folder wins,
    /// so a user file overrides a bundled one. <see cref="Create"/> builds that list from the bundled folder and
    /// <c>$env:MODELCONFIG_HARDWARE_PATH</c>, whose entries follow the PATH convention (the first entry wins).
    /// The winning file is authoritative: if it is corrupt the id is reported as an error and is not silently
    /// served from a lower-precedence file.
    /// </para>
    /// <para>
    /// A file's name must equal its hardware_id. Aliases (from the files' <c>aliases</c>) resolve to their id;
    /// an id always beats an alias of the same name. Parsed files are cached process-wide by path, last write
    /// time and length, so repeated lookups only cost a directory listing and a stat.
    /// </para>
    /// </summary>
    public sealed class HardwareLibrary
    {
        /// <summary>The environment variable holding user hardware folders, separated by <see cref="Path.PathSeparator"/>.</summary>
        public const string PathVariable = "MODELCONFIG_HARDWARE_PATH";

        private static readonly ConcurrentDictionary<string, CacheEntry> Cache = new ConcurrentDictionary<string, CacheEntry>(StringComparer.Ordinal);

        /// <summary>The search folders, lowest precedence first.</summary>
        public IReadOnlyList<string> Folders { get; }

        /// <param name="searchFolders">Lowest precedence first: the bundled folder, then user folders; a later folder overrides an earlier one.</param>
        public HardwareLibrary(IEnumerable<string> searchFolders)
        {
            if (searchFolders == null) throw new ArgumentNullException(nameof(searchFolders));
            Folders = searchFolders.Where(f => !string.IsNullOrWhiteSpace(f)).Select(f => Path.GetFullPath(f)).ToList();
        }

        public HardwareLibrary(params string[] searchFolders) : this((IEnumerable<string>)searchFolders) { }

        /// <summary>
        /// The library the cmdlets use: <paramref name="bundledFolder"/> plus the folders of <paramref name="hardwarePath"/>
        /// (the value of $env:MODELCONFIG_HARDWARE_PATH; its first entry has the highest precedence, as in PATH).
        /// </summary>
        public static HardwareLibrary Create(string bundledFolder, string? hardwarePath)
        {
            var folders = new List<string> { bundledFolder };
            var user = SplitSearchPath(hardwarePath).ToList();
            user.Reverse();
            folders.AddRange(user);
            return new HardwareLibrary(folders);
        }

        /// <summary>Splits a PATH-style list on <see cref="Path.PathSeparator"/>, dropping empty entries.</summary>
        public static IReadOnlyList<string> SplitSearchPath(string? value) =>
            string.IsNullOrWhiteSpace(value)
                ? Array.Empty<string>()
                : value!.Split(new[] { Path.PathSeparator }, StringSplitOptions.RemoveEmptyEntries).Select(s => s.Trim()).Where(s => s.Length > 0).ToList();

        /// <summary>Drops every cached parse (tests; the cache otherwise revalidates itself by timestamp).</summary>
        public static void ClearCache() => Cache.Clear();

        /// <summary>Every usable entry, sorted by id; each file or folder that cannot be used gives one error.</summary>
        public IReadOnlyList<HardwareConfig> List(out IReadOnlyList<HardwareLoadError> errors)
        {
            var scan = Scan();
            var errs = new List<HardwareLoadError>(scan.Errors);
            var list = new List<HardwareConfig>();
            foreach (var file in scan.Winners.Values)
            {
                var hw = Load(file, errs);
                if (hw != null) list.Add(hw.Clone());
            }
            // Aliases claimed twice (or naming another id) are reported once, here.
            BuildAliases(scan, errs, loadShadowed: false);
            list.Sort((a, b) => string.Compare(a.HardwareId, b.HardwareId, StringComparison.OrdinalIgnoreCase));
            errors = errs;
            return list;
        }

        /// <summary>The entry for an id or alias (case-insensitive), or null when none resolves.</summary>
        public HardwareConfig? Find(string idOrAlias) => Find(idOrAlias, out _);

        /// <summary>
        /// The entry for an id or alias (case-insensitive), or null; <paramref name="errors"/> holds the load errors
        /// that explain a null (the id's file is corrupt), and nothing about unrelated files.
        /// </summary>
        public HardwareConfig? Find(string idOrAlias, out IReadOnlyList<HardwareLoadError> errors)
        {
            var errs = new List<HardwareLoadError>();
            errors = errs;
            if (!ModelIds.IsValid(idOrAlias, out _)) return null;
            var scan = Scan();
            if (scan.Winners.TryGetValue(idOrAlias, out var file)) return Load(file, errs)?.Clone();

            // The alias map is kept with the directory snapshot. Files can be edited in place without the
            // directory changing, so a hit is confirmed against the (re-stat'ed) file that claimed the alias,
            // and a miss or a stale hit rebuilds the map once.
            var map = scan.Aliases;
            bool rebuilt = false;
            if (map == null) { scan.Aliases = map = BuildAliases(scan, new List<HardwareLoadError>(), loadShadowed: true); rebuilt = true; }
            while (true)
            {
                if (map.TryGetValue(idOrAlias, out var claimant))
                {
                    var claimed = Load(claimant, new List<HardwareLoadError>())?.Aliases;
                    if (claimed != null && claimed.Contains(idOrAlias, StringComparer.OrdinalIgnoreCase) && scan.Winners.TryGetValue(claimant.Id, out var target))
                        return Load(target, errs)?.Clone();
                }
                if (rebuilt) return null;
                scan.Aliases = map = BuildAliases(scan, new List<HardwareLoadError>(), loadShadowed: true);
                rebuilt = true;
            }
        }

        /// <summary>
        /// Entries whose id or an alias matches <paramref name="pattern"/> (case-insensitive; * and ? wildcards,
        /// anything else literal), sorted by id. Without wildcards this is <see cref="Find(string)"/> as a list.
        /// </summary>
        public IReadOnlyList<HardwareConfig> Match(string pattern, out IReadOnlyList<HardwareLoadError> errors)
        {
            if (!IsWildcard(pattern))
            {
                var one = Find(pattern, out errors);
                return one == null ? Array.Empty<HardwareConfig>() : new[] { one };
            }
            var regex = WildcardToRegex(pattern);
            var all = List(out errors);
            return all.Where(h => regex.IsMatch(h.HardwareId) || h.Aliases.Any(a => regex.IsMatch(a))).ToList();
        }

        public static bool IsWildcard(string pattern) => pattern != null && pattern.IndexOfAny(new[] { '*', '?' }) >= 0;

        /// <summary>
        /// Ids and aliases for tab completion, sorted, without parsing files fully: ids come from file names,
        /// aliases from a forward-only read of each file's top-level "aliases" (cached like full parses).
        /// Unreadable files are skipped silently here; <see cref="List"/> reports them.
        /// </summary>
        public IReadOnlyList<HardwareName> ListNames()
        {
            var scan = Scan();
            var names = new List<HardwareName>();
            foreach (var file in scan.Winners.Values) names.Add(new HardwareName(file.Id, file.Id, false));
            foreach (var kv in BuildAliases(scan, new List<HardwareLoadError>(), loadShadowed: true, aliasesOnly: true))
                names.Add(new HardwareName(kv.Key, scan.Winners[kv.Value.Id].Id, true));
            names.Sort((a, b) => string.Compare(a.Name, b.Name, StringComparison.OrdinalIgnoreCase));
            return names;
        }

        // ---------------------------------------------------------------------------------------------

        private sealed class FileRef
        {
            public FileRef(string id, string path, int folder) { Id = id; Path = path; Folder = folder; }
            public string Id { get; }
            public string Path { get; }
            public int Folder { get; }
        }

        private sealed class ScanResult
        {
            /// <summary>The winning file per id.</summary>
            public Dictionary<string, FileRef> Winners { get; } = new Dictionary<string, FileRef>(StringComparer.OrdinalIgnoreCase);
            /// <summary>Files shadowed by a higher-precedence folder, highest precedence first.</summary>
            public List<FileRef> Shadowed { get; } = new List<FileRef>();
            /// <summary>Folder problems found while listing (missing folder, two files for one id).</summary>
            public List<HardwareLoadError> Errors { get; } = new List<HardwareLoadError>();
            /// <summary>Per folder: existed, and the directory's last write time when listed.</summary>
            public List<(bool Exists, DateTime Stamp)> FolderStamps { get; } = new List<(bool, DateTime)>();
            /// <summary>Alias to claiming file, built on the first alias lookup.</summary>
            public Dictionary<string, FileRef>? Aliases { get; set; }
        }

        private ScanResult? _snapshot;

        /// <summary>
        /// The directory listing, reused while every folder's last write time is unchanged (adding, removing or
        /// renaming a file changes it) and is not within the last two seconds (coarse file-system clocks could hide
        /// a change made in the same tick). File contents are revalidated separately, per file, on load.
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
                var (exists, stamp) = FolderStamp(Folders[i]);
                var old = snap.FolderStamps[i];
                if (exists != old.Exists || stamp != old.Stamp) return false;
                if (exists && (now - stamp).Duration() < TimeSpan.FromSeconds(2)) return false;
            }
            return true;
        }

        private static (bool Exists, DateTime Stamp) FolderStamp(string folder)
        {
            try
            {
                var d = new DirectoryInfo(folder);
                return d.Exists ? (true, d.LastWriteTimeUtc) : (false, DateTime.MinValue);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                return (false, DateTime.MinValue);
            }
        }

        private sealed class CacheEntry
        {
            public CacheEntry(DateTime stamp, long length) { Stamp = stamp; Length = length; }
            public DateTime Stamp { get; }
            public long Length { get; }
            public HardwareConfig? Config { get; set; }
            public DataFileFormatException? Error { get; set; }
            public List<string>? AliasesOnly { get; set; }
        }

        private ScanResult ScanFolders()
        {
            var result = new ScanResult();
            var errors = result.Errors;
            foreach (var folder in Folders) result.FolderStamps.Add(FolderStamp(folder));
            for (int i = Folders.Count - 1; i >= 0; i--)
            {
                var folder = Folders[i];
                string[] files;
                try
                {
                    if (!Directory.Exists(folder))
                    {
                        errors.Add(new HardwareLoadError(folder, null, null, $"{folder}: hardware folder does not exist"));
                        continue;
                    }
                    files = Directory.GetFiles(folder, "*.json", SearchOption.TopDirectoryOnly);
                }
                catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
                {
                    errors.Add(new HardwareLoadError(folder, null, null, $"{folder}: hardware folder cannot be listed: {e.Message}", e));
                    continue;
                }
                Array.Sort(files, StringComparer.Ordinal);
                foreach (var path in files)
                {
                    // GetFiles("*.json") also matches "*.jsonx" on Windows (8.3 rule); keep exactly .json.
                    if (!path.EndsWith(".json", StringComparison.OrdinalIgnoreCase)) continue;
                    var id = Path.GetFileNameWithoutExtension(path);
                    var file = new FileRef(id, path, i);
                    if (result.Winners.TryGetValue(id, out var winner))
                    {
                        if (winner.Folder == i)
                            errors.Add(new HardwareLoadError(path, id, null, $"{path}: ignored: '{winner.Path}' in the same folder has the same id (ids are case-insensitive)"));
                        else
                            result.Shadowed.Add(file);
                    }
                    else result.Winners[id] = file;
                }
            }
            return result;
        }

        /// <summary>Alias to id. An id always beats an alias; among aliases the higher-precedence entry wins.</summary>
        private Dictionary<string, FileRef> BuildAliases(ScanResult scan, List<HardwareLoadError> errors, bool loadShadowed, bool aliasesOnly = false)
        {
            var map = new Dictionary<string, FileRef>(StringComparer.OrdinalIgnoreCase);
            var ordered = scan.Winners.Values.OrderByDescending(f => f.Folder).ThenBy(f => f.Id, StringComparer.OrdinalIgnoreCase).ToList();
            // A user file that overrides a bundled id without listing aliases keeps the bundled aliases pointing at it.
            if (loadShadowed) ordered.AddRange(scan.Shadowed);
            var ignore = new List<HardwareLoadError>();
            foreach (var file in ordered)
            {
                var aliases = aliasesOnly ? LoadAliases(file) : Load(file, ignore)?.Aliases;
                if (aliases == null) continue;
                foreach (var alias in aliases)
                {
                    if (scan.Winners.ContainsKey(alias))
                    {
                        if (!scan.Shadowed.Contains(file))
                            errors.Add(new HardwareLoadError(file.Path, file.Id, "aliases", $"{file.Path}: field 'aliases': '{alias}' is the id of another entry; the id wins"));
                        continue;
                    }
                    if (map.TryGetValue(alias, out var owner))
                    {
                        if (!string.Equals(owner.Id, file.Id, StringComparison.OrdinalIgnoreCase) && !scan.Shadowed.Contains(file))
                            errors.Add(new HardwareLoadError(file.Path, file.Id, "aliases", $"{file.Path}: field 'aliases': '{alias}' is already an alias of '{owner.Path}', which wins"));
                        continue;
                    }
                    map[alias] = file;
                }
            }
            return map;
        }

        private static CacheEntry Entry(FileRef file, out bool fresh)
        {
            var info = new FileInfo(file.Path);
            info.Refresh();
            var stamp = info.Exists ? info.LastWriteTimeUtc : DateTime.MinValue;
            var length = info.Exists ? info.Length : -1;
            if (Cache.TryGetValue(file.Path, out var cached) && cached.Stamp == stamp && cached.Length == length)
            {
                fresh = false;
                return cached;
            }
            fresh = true;
            var entry = new CacheEntry(stamp, length);
            Cache[file.Path] = entry;
            return entry;
        }

        private static HardwareConfig? Load(FileRef file, List<HardwareLoadError> errors)
        {
            var entry = Entry(file, out _);
            if (entry.Config == null && entry.Error == null)
            {
                try
                {
                    var hw = HardwareJson.ReadFile(file.Path);
                    if (!string.Equals(hw.HardwareId, file.Id, StringComparison.Ordinal))
                        throw new DataFileFormatException(file.Path, "hardware_id", $"is '{hw.HardwareId}' but the file is named '{file.Id}.json'; a hardware file must be named after its id");
                    entry.Config = hw;
                }
                catch (DataFileFormatException e)
                {
                    entry.Error = e;
                }
            }
            if (entry.Error != null)
            {
                errors.Add(HardwareLoadError.From(file.Path, file.Id, entry.Error));
                return null;
            }
            return entry.Config;
        }

        /// <summary>The top-level "aliases" of a file, read forward-only without building the object; null when unreadable.</summary>
        private static List<string>? LoadAliases(FileRef file)
        {
            var entry = Entry(file, out _);
            if (entry.Config != null) return entry.Config.Aliases;
            if (entry.Error != null) return null;
            if (entry.AliasesOnly != null) return entry.AliasesOnly;
            try
            {
                var bytes = File.ReadAllBytes(file.Path);
                var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
                var aliases = new List<string>();
                if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return null;
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    bool isAliases = reader.ValueTextEquals("aliases");
                    if (!reader.Read()) return null;
                    if (isAliases && reader.TokenType == JsonTokenType.StartArray)
                    {
                        while (reader.Read() && reader.TokenType == JsonTokenType.String)
                        {
                            var a = reader.GetString();
                            if (ModelIds.IsValid(a, out _)) aliases.Add(a!);
                        }
                        break;
                    }
                    reader.Skip();
                }
                entry.AliasesOnly = aliases;
                return aliases;
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is JsonException)
            {
                return null;
            }
        }

        private static Regex WildcardToRegex(string pattern)
        {
            var sb = new StringBuilder("^");
            foreach (char c in pattern)
            {
                if (c == '*') sb.Append(".*");
                else if (c == '?') sb.Append('.');
                else sb.Append(Regex.Escape(c.ToString()));
            }
            sb.Append('$');
            return new Regex(sb.ToString(), RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        }
    }
}
