using System;
using System.Collections.Generic;
using System.Linq;

namespace ModelConfig.Core.Library
{
    public partial class DataFolderLibrary<T>
    {
        /// <summary>
        /// The alias map is kept with the directory snapshot. Files can be edited in place without the directory changing,
        /// so a hit is confirmed against the (re-stat'ed) file that claimed the alias, and a miss or a stale hit rebuilds
        /// the map once.
        /// </summary>
        private DataFileEntry? FindByAlias(string alias)
        {
            if (Kind.AliasField == null || !Models.ModelIds.IsValid(alias, out _)) return null;
            var scan = Scan();
            var map = scan.Aliases;
            bool rebuilt = false;
            if (map == null) { scan.Aliases = map = BuildAliases(scan, new List<DataLoadError>(), includeShadowed: true, namesOnly: false); rebuilt = true; }
            while (true)
            {
                if (map.TryGetValue(alias, out var claimant))
                {
                    var item = LoadShared(claimant, out _);
                    var claimed = item == null ? null : Kind.AliasesOf(item);
                    if (claimed != null && claimed.Contains(alias, StringComparer.OrdinalIgnoreCase) && scan.Winners.TryGetValue(claimant.Id, out var target))
                        return target;
                }
                if (rebuilt) return null;
                scan.Aliases = map = BuildAliases(scan, new List<DataLoadError>(), includeShadowed: true, namesOnly: false);
                rebuilt = true;
            }
        }

        /// <summary>
        /// Alias to the file claiming it. An id always beats an alias; among aliases the higher-precedence file wins.
        /// With <paramref name="includeShadowed"/>, a user file that overrides an id without listing aliases keeps the
        /// overridden file's aliases pointing at the id (and so at the user file).
        /// </summary>
        private Dictionary<string, DataFileEntry> BuildAliases(ScanResult scan, List<DataLoadError> errors, bool includeShadowed, bool namesOnly)
        {
            var map = new Dictionary<string, DataFileEntry>(StringComparer.OrdinalIgnoreCase);
            var ordered = scan.Winners.Values.OrderBy(f => f.Precedence).ThenBy(f => f.Id, StringComparer.OrdinalIgnoreCase).ToList();
            if (includeShadowed) ordered.AddRange(scan.Shadowed);
            var shadowed = new HashSet<DataFileEntry>(scan.Shadowed);
            foreach (var file in ordered)
            {
                var aliases = AliasesOf(file, namesOnly);
                if (aliases == null) continue;
                bool report = !shadowed.Contains(file);
                foreach (var alias in aliases)
                {
                    if (scan.Winners.ContainsKey(alias))
                    {
                        if (report)
                            errors.Add(new DataLoadError(file.FilePath, file.Id, Kind.AliasField,
                                $"{file.FilePath}: field '{Kind.AliasField}': '{alias}' is the id of another entry; the id wins"));
                        continue;
                    }
                    if (map.TryGetValue(alias, out var owner))
                    {
                        if (report && !string.Equals(owner.Id, file.Id, StringComparison.OrdinalIgnoreCase))
                            errors.Add(new DataLoadError(file.FilePath, file.Id, Kind.AliasField,
                                $"{file.FilePath}: field '{Kind.AliasField}': '{alias}' is already an alias of '{owner.FilePath}', which wins"));
                        continue;
                    }
                    map[alias] = file;
                }
            }
            return map;
        }

        private IReadOnlyList<string>? AliasesOf(DataFileEntry file, bool namesOnly)
        {
            if (namesOnly) return Kind.Cache.TopLevelNames(file.FilePath, Kind.AliasField!, Kind.AliasesOf);
            var item = LoadShared(file, out _);
            return item == null ? null : Kind.AliasesOf(item);
        }
    }
}
