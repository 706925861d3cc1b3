using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json.Nodes;
using ModelConfig.DataTools;
using ModelConfig.Core.Building;
using ModelConfig.Core.Models;
using ModelConfig.Core.Serialization;

namespace ModelConfig.Accuracy
{
    /// <summary>Finds a model by HF id: bundled library (data/model_configs), else the shared reference config.json.</summary>
    internal sealed class ModelResolver
    {
        private readonly string _repo, _hfConfigs;
        private readonly Dictionary<string, ModelConfiguration?> _cache = new Dictionary<string, ModelConfiguration?>();
        private Dictionary<string, string>? _library;
        public List<string> Sources { get; } = new List<string>();

        public ModelResolver(string repo, string hfConfigs) { _repo = repo; _hfConfigs = hfConfigs; }

        public ModelConfiguration? Get(string hfId)
        {
            if (_cache.TryGetValue(hfId, out var m)) return m;
            m = FromLibrary(hfId) ?? FromHfConfig(hfId);
            _cache[hfId] = m;
            return m;
        }

        private ModelConfiguration? FromLibrary(string hfId)
        {
            if (_library == null)
            {
                _library = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                var dir = Path.Combine(_repo, "data", "model_configs");
                if (Directory.Exists(dir))
                    foreach (var f in Directory.EnumerateFiles(dir, "*.json"))
                    {
                        try
                        {
                            var node = JsonNode.Parse(File.ReadAllText(f)) as JsonObject;
                            var id = node?["hf_model_id"]?.GetValue<string>() ?? node?["HfModelId"]?.GetValue<string>();
                            if (id != null) _library[id] = f;
                        }
                        catch (Exception) { /* not a model file */ }
                    }
            }
            if (!_library.TryGetValue(hfId, out var path)) return null;
            Sources.Add("data/model_configs");
            return ModelConfigJson.ReadFile(path);
        }

        private ModelConfiguration? FromHfConfig(string hfId)
        {
            var path = Path.Combine(_hfConfigs, hfId.Replace("/", "--"), "config.json");
            if (!File.Exists(path)) return null;
            var json = HfConfigJson.Parse(File.ReadAllText(path), path);
            Sources.Add("hf-configs via ModelConfigBuilder");
            return ModelConfigBuilder.Build(json, new BuildOptions { HfModelId = hfId });
        }
    }
}
