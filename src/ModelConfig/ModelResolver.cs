using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using ModelConfig.Core.Library;
using ModelConfig.Core.Models;

namespace ModelConfig.Commands
{
    /// <summary>
    /// Finds model configs for the cmdlets that take -ModelId and writes the errors (ModelNotFound, InvalidModelId,
    /// ModelConfigInvalid) per value, so one bad value never stops the others.
    /// </summary>
    internal sealed class ModelResolver
    {
        private readonly PSCmdlet _cmdlet;
        private readonly HashSet<string> _reported = new HashSet<string>(StringComparer.Ordinal);

        public ModelResolver(PSCmdlet cmdlet, IEnumerable<string>? pathFolders)
        {
            _cmdlet = cmdlet;
            Library = ModulePaths.Models(pathFolders);
        }

        public ModelLibrary Library { get; }

        /// <summary>The draft model of -SpeculativeMethod DraftModel (Measure-Deployment, Find-Deployment); stops the cmdlet when the id is unknown.</summary>
        public static ModelConfiguration? DraftModelOrStop(PSCmdlet cmdlet, string? draftModelId)
        {
            if (draftModelId == null) return null;
            var draft = new ModelResolver(cmdlet, null).Resolve(new[] { draftModelId }).FirstOrDefault();
            if (draft == null)
                cmdlet.ThrowTerminatingError(ErrorCatalog.InvalidDeployment(new Core.Estimation.DeploymentConfigurationException(
                    Core.Estimation.DeploymentConstraint.ServingMode, $"Draft model '{Core.Serialization.TextPreview.Of(draftModelId)}' is not in the library."), draftModelId));
            return draft;
        }

        /// <summary>Loads every entry whose id matches one of the patterns; errors for ids that match nothing.</summary>
        public IEnumerable<ModelConfiguration> Resolve(IEnumerable<string>? ids)
        {
            if (ids == null) return LoadListing(_ => true);
            // One model once per call, however many patterns match it.
            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            return ids.Where(id => !string.IsNullOrEmpty(id)).SelectMany(id => ResolveOne(id, seen));
        }

        private IEnumerable<ModelConfiguration> ResolveOne(string id, HashSet<string> seen)
        {
            var matcher = WildcardMatcher.TryParse(id, out var badPattern);
            if (matcher == null)
            {
                _cmdlet.WriteError(ErrorCatalog.InvalidModelId(id, badPattern!));
                return Enumerable.Empty<ModelConfiguration>();
            }
            if (matcher.IsWildcard && id.IndexOf('/') >= 0)
            {
                // model ids have no '/': 'meta-llama/*' can only mean HuggingFace ids, matched on each file's hf_model_id
                var byHf = new HashSet<string>(Library.HuggingFaceIds().Where(n => matcher.IsMatch(n.Name)).Select(n => n.Id), StringComparer.OrdinalIgnoreCase);
                return LoadListing(e => byHf.Contains(e.Id) && seen.Add(e.Id));
            }
            if (matcher.IsWildcard) return LoadListing(e => matcher.IsMatch(e.Id) && seen.Add(e.Id));
            if (!ModelIds.IsValid(id, out var reason))
            {
                _cmdlet.WriteError(Core.Hub.HubIds.IsValidRepoId(id, out _) ? HuggingFaceIdAsModelId(id) : ErrorCatalog.InvalidModelId(id, reason));
                return Enumerable.Empty<ModelConfiguration>();
            }
            var entry = Library.FindEntry(id);
            if (entry == null)
            {
                _cmdlet.WriteError(ErrorCatalog.ModelNotFound(id, Library.Searched, NameSuggestions.Closest(id, Library.Entries().Select(e => e.Id))));
                return Enumerable.Empty<ModelConfiguration>();
            }
            return seen.Add(entry.Id) ? LoadEntries(new[] { entry }) : Enumerable.Empty<ModelConfiguration>();
        }

        /// <summary>Finds models by HuggingFace id (case-insensitive, wildcards allowed); parses the whole library.</summary>
        public IEnumerable<ModelConfiguration> ResolveByHuggingFaceId(IEnumerable<string> hfIds)
        {
            List<ModelConfiguration>? all = null;
            foreach (var hfId in hfIds)
            {
                var matcher = WildcardMatcher.TryParse(hfId, out var badPattern);
                if (matcher == null)
                {
                    _cmdlet.WriteError(ErrorCatalog.InvalidHuggingFaceIdPattern(hfId, badPattern!));
                    continue;
                }
                all ??= LoadListing(_ => true).ToList();
                var matches = all.Where(m => matcher.IsMatch(m.HfModelId)).ToList();
                if (matches.Count == 0 && !matcher.IsWildcard)
                    _cmdlet.WriteError(ErrorCatalog.HuggingFaceIdNotFound(hfId, Library.Searched,
                        NameSuggestions.Closest(hfId, all.Select(m => m.HfModelId).Where(h => !string.IsNullOrEmpty(h))!)));
                foreach (var m in matches) yield return m;
            }
        }

        /// <summary>The error for an org/name id given as a model id: the model that records it, else close HuggingFace ids.</summary>
        private ErrorRecord HuggingFaceIdAsModelId(string hfId)
        {
            var known = Library.HuggingFaceIds();
            var same = known.FirstOrDefault(n => string.Equals(n.Name, hfId, StringComparison.OrdinalIgnoreCase));
            var closest = same != null ? (IReadOnlyList<string>)Array.Empty<string>()
                : NameSuggestions.Closest(hfId, known.Select(n => n.Name)).Select(h => $"{h} ({known.First(n => n.Name == h).Id})").ToList();
            return ErrorCatalog.HuggingFaceIdAsModelId(hfId, same?.Id, closest);
        }

        /// <summary>The listing's entries that pass <paramref name="filter"/>; a listing also reports unusable folders, once.</summary>
        private IEnumerable<ModelConfiguration> LoadListing(Func<DataFileEntry, bool> filter)
        {
            foreach (var e in Library.FolderErrors()) WriteOnce(e);
            return LoadEntries(Library.Entries().Where(filter).ToList());
        }

        private IEnumerable<ModelConfiguration> LoadEntries(IEnumerable<DataFileEntry> entries)
        {
            foreach (var entry in entries)
            {
                // Ctrl+C while a large library is parsed for a filter that writes little or nothing.
                if (_cmdlet.Stopping) yield break;
                var errors = new List<DataLoadError>();
                var model = Library.TryLoad(entry, errors);
                foreach (var e in errors) WriteOnce(e);
                if (model == null) continue;
                foreach (var hidden in entry.Overrides)
                    _cmdlet.WriteVerbose($"{entry.FilePath} overrides {hidden} (earlier folders in the search path win).");
                yield return model;
            }
        }

        private void WriteOnce(DataLoadError e)
        {
            if (_reported.Add(e.FilePath + "\n" + e.Message)) _cmdlet.WriteError(ErrorCatalog.ModelConfigInvalid(e));
        }
    }
}
