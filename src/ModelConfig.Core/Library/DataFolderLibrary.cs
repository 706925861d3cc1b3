using System;
using System.Collections.Generic;
using System.Linq;
using ModelConfig.Core.Models;
using ModelConfig.Core.Serialization;

namespace ModelConfig.Core.Library
{
    /// <summary>
    /// Every <c>&lt;id&gt;.json</c> file of one <see cref="DataKind{T}"/> in a list of folders given in precedence order
    /// (see <see cref="SearchPath"/>): the first folder holding an id wins. The winning file is authoritative: if it is
    /// corrupt the id is reported and unavailable, never silently served from a lower-precedence file, so a user never
    /// gets a bundled entry they meant to replace. A file's name must equal its id (case-insensitive, as ids are).
    /// Everything handed out is a copy the caller owns.
    /// </summary>
    public partial class DataFolderLibrary<T> where T : class
    {
        public DataFolderLibrary(DataKind<T> kind, IEnumerable<string> folders)
        {
            Kind = kind ?? throw new ArgumentNullException(nameof(kind));
            if (folders == null) throw new ArgumentNullException(nameof(folders));
            Folders = folders.Where(f => !string.IsNullOrWhiteSpace(f))
                .Select(SearchPath.FullPathOrSelf)
                .Distinct(SearchPath.PathComparer)
                .ToList();
        }

        public DataKind<T> Kind { get; }

        /// <summary>The search folders, highest precedence first.</summary>
        public IReadOnlyList<string> Folders { get; }

        /// <summary>The folders in precedence order, for "Searched:" in not-found messages.</summary>
        public string Searched => string.Join(", ", Folders);

        /// <summary>Every id with the file that wins for it, sorted by id. Reads directory listings only.</summary>
        public IReadOnlyList<DataFileEntry> Entries() => Scan().Sorted;

        /// <summary>Folders that are missing or cannot be listed, and files ignored for sharing an id within one folder.</summary>
        public IReadOnlyList<DataLoadError> FolderErrors() => Scan().Errors;

        /// <summary>The winning entry of an id (not an alias), or null.</summary>
        public DataFileEntry? FindEntry(string id) =>
            ModelIds.IsValid(id, out _) && Scan().Winners.TryGetValue(id, out var entry) ? entry : null;

        /// <summary>Every usable entry, sorted by id; each file or folder that cannot be used gives one error.</summary>
        public IReadOnlyList<T> List(out IReadOnlyList<DataLoadError> errors)
        {
            var scan = Scan();
            var errs = new List<DataLoadError>(scan.Errors);
            var list = LoadAll(scan.Sorted, errs);
            // Aliases claimed twice (or naming another id) are reported once, here.
            if (Kind.AliasField != null) BuildAliases(scan, errs, includeShadowed: false, namesOnly: false);
            errors = errs;
            return list;
        }

        /// <summary>Loads each entry; a bad file becomes one error and the others still load.</summary>
        public IReadOnlyList<T> LoadAll(IEnumerable<DataFileEntry> entries, List<DataLoadError> errors)
        {
            var items = new List<T>();
            foreach (var entry in entries)
            {
                var item = TryLoad(entry, errors);
                if (item != null) items.Add(item);
            }
            return items;
        }

        /// <summary>A copy of the entry's item, or null and one error naming the file and field.</summary>
        public T? TryLoad(DataFileEntry entry, List<DataLoadError> errors)
        {
            var shared = LoadShared(entry, out var error);
            if (error != null) errors.Add(DataLoadError.From(entry.FilePath, entry.Id, error));
            return shared == null ? null : Kind.Copy(shared);
        }

        /// <summary>A copy of the entry's item.</summary>
        /// <exception cref="DataFileFormatException">The file is unreadable, breaks the schema, or its id is not its name.</exception>
        public T Load(DataFileEntry entry) => Kind.Copy(LoadShared(entry, out var error) ?? throw error!);

        /// <summary>The entry for an id or alias (case-insensitive), or null when none resolves.</summary>
        public T? Find(string idOrAlias) => Find(idOrAlias, out _);

        /// <summary>
        /// The entry for an id or alias (case-insensitive), or null; <paramref name="errors"/> holds the load errors that
        /// explain a null (the id's winning file is corrupt), and nothing about unrelated files.
        /// </summary>
        public T? Find(string idOrAlias, out IReadOnlyList<DataLoadError> errors)
        {
            var errs = new List<DataLoadError>();
            errors = errs;
            var entry = FindEntry(idOrAlias) ?? FindByAlias(idOrAlias);
            return entry == null ? null : TryLoad(entry, errs);
        }

        /// <summary>
        /// Entries whose id or an alias matches <paramref name="pattern"/> (see <see cref="WildcardMatcher"/>), sorted by id.
        /// Without wildcards this is <see cref="Find(string, out IReadOnlyList{DataLoadError})"/> as a list.
        /// </summary>
        /// <exception cref="InvalidWildcardException">The pattern is malformed; it concerns this value only.</exception>
        public IReadOnlyList<T> Match(string pattern, out IReadOnlyList<DataLoadError> errors) => Match(WildcardMatcher.Parse(pattern), out errors);

        public IReadOnlyList<T> Match(WildcardMatcher matcher, out IReadOnlyList<DataLoadError> errors)
        {
            if (!matcher.IsWildcard)
            {
                var one = Find(matcher.Pattern, out errors);
                return one == null ? Array.Empty<T>() : new[] { one };
            }
            return List(out errors).Where(item => matcher.IsMatch(Kind.IdOf(item)) || Kind.AliasesOf(item).Any(matcher.IsMatch)).ToList();
        }

        /// <summary>
        /// Ids and aliases for tab completion, sorted, without parsing files fully. Unreadable files are skipped silently
        /// here; <see cref="List"/> reports them.
        /// </summary>
        public IReadOnlyList<DataName> ListNames()
        {
            var scan = Scan();
            var names = scan.Sorted.Select(e => new DataName(e.Id, e.Id, false)).ToList();
            if (Kind.AliasField != null)
            {
                foreach (var kv in BuildAliases(scan, new List<DataLoadError>(), includeShadowed: true, namesOnly: true))
                    names.Add(new DataName(kv.Key, scan.Winners[kv.Value.Id].Id, true));
            }
            names.Sort((a, b) => string.Compare(a.Name, b.Name, StringComparison.OrdinalIgnoreCase));
            return names;
        }

        /// <summary>
        /// One top-level string field of every entry (entries without it are left out), read without parsing files fully;
        /// unreadable files are skipped silently, as in <see cref="ListNames"/>.
        /// </summary>
        protected IReadOnlyList<(DataFileEntry Entry, string Text)> TopLevelTexts(string field, Func<T, string?> fromItem)
        {
            var texts = new List<(DataFileEntry, string)>();
            foreach (var entry in Scan().Sorted)
            {
                var text = Kind.Cache.TopLevelText(entry.FilePath, field, fromItem);
                if (!string.IsNullOrEmpty(text)) texts.Add((entry, text!));
            }
            return texts;
        }

        /// <summary>The cached parse of an entry's file, checked against the file name; never handed out uncopied.</summary>
        private T? LoadShared(DataFileEntry entry, out DataFileFormatException? error)
        {
            if (!Kind.Cache.TryGet(entry.FilePath, out var item, out error)) return null;
            var id = Kind.IdOf(item!);
            if (string.Equals(id, entry.Id, StringComparison.OrdinalIgnoreCase)) return item;
            error = new DataFileFormatException(entry.FilePath, Kind.IdField,
                $"is '{TextPreview.Of(id)}' but the file is named '{entry.Id}.json'; a {Kind.Noun} file must be named after its id");
            return null;
        }
    }
}
