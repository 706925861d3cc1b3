using System;
using System.Collections.Generic;
using System.Linq;
using ModelConfig.Core.Hardware;
using ModelConfig.Core.Library;
using ModelConfig.Core.Models;

namespace ModelConfig.Core.Calibration
{
    /// <summary>
    /// Resolves the model and hardware a measurement names to library entries: a model by library id or by the
    /// HfModelId of a library model (calibration rows and result files name HuggingFace ids), hardware by id or alias.
    /// Loaded entries are cached: a fit estimates the same few configurations thousands of times.
    /// </summary>
    public sealed class MeasurementCatalog
    {
        private readonly ModelLibrary _models;
        private readonly HardwareLibrary _hardware;
        private readonly Dictionary<string, ModelConfiguration?> _modelCache = new Dictionary<string, ModelConfiguration?>(StringComparer.OrdinalIgnoreCase);
        private readonly Dictionary<string, HardwareConfig?> _hardwareCache = new Dictionary<string, HardwareConfig?>(StringComparer.OrdinalIgnoreCase);
        private Dictionary<string, string>? _idByHfId;

        public MeasurementCatalog(ModelLibrary models, HardwareLibrary hardware)
        {
            _models = models ?? throw new ArgumentNullException(nameof(models));
            _hardware = hardware ?? throw new ArgumentNullException(nameof(hardware));
        }

        /// <summary>The library model an id or HuggingFace id names, or null.</summary>
        public ModelConfiguration? Model(string idOrHfId)
        {
            if (_modelCache.TryGetValue(idOrHfId, out var cached)) return cached;
            ModelConfiguration? model = null;
            if (ModelIds.IsValid(idOrHfId, out _)) model = _models.Find(idOrHfId);
            if (model == null && HfIndex().TryGetValue(idOrHfId, out var id)) model = _models.Find(id);
            return _modelCache[idOrHfId] = model;
        }

        public HardwareConfig? Hardware(string idOrAlias)
        {
            if (_hardwareCache.TryGetValue(idOrAlias, out var cached)) return cached;
            return _hardwareCache[idOrAlias] = _hardware.Find(idOrAlias);
        }

        public string ModelsSearched => _models.Searched;
        public string HardwareSearched => _hardware.Searched;

        /// <summary>HfModelId to library id over every readable model file; unreadable files are skipped here (Get-ModelConfig reports them).</summary>
        private Dictionary<string, string> HfIndex()
        {
            if (_idByHfId != null) return _idByHfId;
            _idByHfId = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var m in _models.List(out _).Where(m => !string.IsNullOrEmpty(m.HfModelId)))
                if (!_idByHfId.ContainsKey(m.HfModelId!)) _idByHfId[m.HfModelId!] = m.ModelId;
            return _idByHfId;
        }
    }
}
