using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using ModelConfig.Core.Library;
using ModelConfig.Core.Models;

namespace ModelConfig.Commands
{
    /// <summary>
    /// Finds model configs for the cmdlets that take -ModelId: the shared search path, wildcard matching
    /// and the errors (ModelNotFound, InvalidModelId, ModelConfigInvalid) written per item.
    /// </summary>
    internal sealed class ModelResolver
    {
        private readonly PSCmdlet _cmdlet;
        private IReadOnlyList<LibraryEntry>? _entries;

        public ModelResolver(PSCmdlet cmdlet, IEnumerable<string>? extraFolders)
        {
            _cmdlet = cmdlet;
            Library = new ModelLibrary(ModelLibrary.SearchPath(
                ModulePaths.BundledModelConfigs,
                Environment.GetEnvironmentVariable(ModelLibrary.EnvironmentVariable),
                extraFolders));
        }

        public ModelLibrary Library { get; }

        public IReadOnlyList<LibraryEntry> Entries => _entries ??= Library.Entries();

        public string SearchedDescription => string.Join(", ", Library.Folders);

        /// <summary>Loads every entry whose id matches one of the patterns; errors for ids that match nothing.</summary>
        public IEnumerable<ModelConfiguration> Resolve(IEnumerable<string>? ids)
        {
            if (ids == null)
            {
                foreach (var m in LoadEntries(Entries)) yield return m;
                yield break;
            }
            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var id in ids)
            {
                if (string.IsNullOrEmpty(id)) continue;
                bool wildcard = WildcardPattern.ContainsWildcardCharacters(id);
                if (!wildcard && !ModelIds.IsValid(id, out var reason))
                {
                    _cmdlet.WriteError(ErrorCatalog.InvalidModelId(id, reason));
                    continue;
                }
                var pattern = new WildcardPattern(id, WildcardOptions.IgnoreCase);
                var matches = Entries.Where(e => pattern.IsMatch(e.ModelId)).ToList();
                if (matches.Count == 0 && !wildcard)
                {
                    _cmdlet.WriteError(ErrorCatalog.ModelNotFound(id, SearchedDescription));
                    continue;
                }
                foreach (var m in LoadEntries(matches.Where(e => seen.Add(e.ModelId)))) yield return m;
            }
        }

        /// <summary>Finds models by HuggingFace id (case-insensitive, wildcards allowed); parses the whole library.</summary>
        public IEnumerable<ModelConfiguration> ResolveByHuggingFaceId(IEnumerable<string> hfIds)
        {
            var all = LoadEntries(Entries).ToList();
            foreach (var hfId in hfIds)
            {
                var pattern = new WildcardPattern(hfId, WildcardOptions.IgnoreCase);
                var matches = all.Where(m => m.HfModelId != null && pattern.IsMatch(m.HfModelId)).ToList();
                if (matches.Count == 0 && !WildcardPattern.ContainsWildcardCharacters(hfId))
                    _cmdlet.WriteError(ErrorCatalog.HuggingFaceIdNotFound(hfId, SearchedDescription));
                foreach (var m in matches) yield return m;
            }
        }

        private IEnumerable<ModelConfiguration> LoadEntries(IEnumerable<LibraryEntry> entries)
        {
            foreach (var entry in entries)
            {
                var errors = new List<LibraryLoadError>();
                var model = Library.TryLoad(entry, errors);
                foreach (var e in errors) _cmdlet.WriteError(ErrorCatalog.ModelConfigInvalid(e.FilePath, e.Exception));
                if (model == null) continue;
                foreach (var hidden in entry.Overrides)
                    _cmdlet.WriteVerbose($"{entry.FilePath} overrides {hidden} (earlier folders in the search path win).");
                yield return model;
            }
        }
    }
}
