using System.Collections.Generic;
using ModelConfig.Core.Hardware;
using ModelConfig.Core.Library;
using ModelConfig.Core.Models;

namespace ModelConfig.Server
{
    /// <summary>Finds one model or hardware entry for a request, or throws the problem naming the field.</summary>
    public sealed class LibraryLookup
    {
        private readonly ServerLibraries _libraries;

        public LibraryLookup(ServerLibraries libraries)
        {
            _libraries = libraries;
        }

        public ServerLibraries Libraries => _libraries;

        public ModelConfiguration Model(string? id, string field)
        {
            if (string.IsNullOrWhiteSpace(id)) throw ProblemCatalog.InvalidField(field, $"'{field}' is required.");
            if (!ModelIds.IsValid(id, out var reason)) throw ProblemCatalog.InvalidField(field, $"'{field}' is not a valid model id: {reason}.");
            var entry = _libraries.Models.FindEntry(id) ?? throw ProblemCatalog.ModelNotFound(field, id);
            var errors = new List<DataLoadError>();
            return _libraries.Models.TryLoad(entry, errors) ?? throw ProblemCatalog.DataFileInvalid(field, id);
        }

        public HardwareConfig Hardware(string? id, string field)
        {
            if (string.IsNullOrWhiteSpace(id)) throw ProblemCatalog.InvalidField(field, $"'{field}' is required.");
            if (!ModelIds.IsValid(id, out var reason)) throw ProblemCatalog.InvalidField(field, $"'{field}' is not a valid hardware id: {reason}.");
            var hw = _libraries.Hardware.Find(id, out var errors);
            if (hw != null) return hw;
            if (errors.Count > 0) throw ProblemCatalog.DataFileInvalid(field, id);
            throw ProblemCatalog.HardwareNotFound(field, id);
        }
    }
}
