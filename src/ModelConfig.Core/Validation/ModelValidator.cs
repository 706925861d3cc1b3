using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using ModelConfig.Core.Models;
using ModelConfig.Core.Serialization;

namespace ModelConfig.Core.Validation
{
    /// <summary>One check a reviewer signs off when marking a config validated.</summary>
    public sealed class ValidationCheck
    {
        public string ModelId { get; set; } = "";
        public string Check { get; set; } = "";
        public bool Passed { get; set; }
        public string? Expected { get; set; }
        public string? Actual { get; set; }
        public string Message { get; set; } = "";

        public override string ToString() => $"{Check}: {(Passed ? "passed" : "FAILED")} {Message}";
    }

    /// <summary>
    /// The checks behind Set-ModelValidation and Test-ModelConfig: the recorded architecture facts must still
    /// rebuild the same counts and layers, the parts must add up, and a reference count must agree or be explained.
    /// </summary>
    public static class ModelValidator
    {
        public static IReadOnlyList<ValidationCheck> Run(ModelConfiguration model, Func<ModelConfiguration, ModelConfiguration> rebuild,
            long? referenceParams = null, string? referenceSource = null, string? notes = null)
        {
            var checks = new List<ValidationCheck>();
            void Add(string name, bool passed, string message, object? expected = null, object? actual = null) =>
                checks.Add(new ValidationCheck
                {
                    ModelId = model.ModelId,
                    Check = name,
                    Passed = passed,
                    Expected = expected?.ToString(),
                    Actual = actual?.ToString(),
                    Message = message,
                });

            long layerSum = model.GetLayers().Sum(l => l.Params);
            Add("LayersSumToTotal", layerSum == model.TotalParams,
                layerSum == model.TotalParams ? "the per-layer counts add up to total_params" : $"the per-layer counts add up to {layerSum:N0}, not {model.TotalParams:N0}",
                model.TotalParams, layerSum);

            long breakdown = model.ParamsBreakdown.Total;
            Add("BreakdownSumsToTotal", breakdown == model.TotalParams,
                breakdown == model.TotalParams ? "params_breakdown adds up to total_params" : $"params_breakdown adds up to {breakdown:N0}, not {model.TotalParams:N0}",
                model.TotalParams, breakdown);

            if (model.ArchitectureFactsJson == null)
            {
                Add("FactsReproduceModel", false, "the file has no architecture_facts, so its counts cannot be re-derived");
            }
            else
            {
                ModelConfiguration? rebuilt = null;
                try { rebuilt = rebuild(model); }
                catch (Exception e)
                {
                    Add("FactsReproduceModel", false, "rebuilding from architecture_facts failed: " + e.Message);
                }
                if (rebuilt != null)
                {
                    Add("FactsReproduceTotalParams", rebuilt.TotalParams == model.TotalParams,
                        rebuilt.TotalParams == model.TotalParams
                            ? $"architecture_facts rebuild {model.TotalParams:N0} parameters"
                            : $"architecture_facts rebuild {rebuilt.TotalParams:N0} parameters but the file records {model.TotalParams:N0}",
                        model.TotalParams, rebuilt.TotalParams);
                    Add("FactsReproduceActiveParams", rebuilt.ActiveParams == model.ActiveParams,
                        rebuilt.ActiveParams == model.ActiveParams ? "active_params reproduced" : $"architecture_facts rebuild {rebuilt.ActiveParams:N0} active parameters, the file records {model.ActiveParams:N0}",
                        model.ActiveParams, rebuilt.ActiveParams);
                    var diff = FirstLayerDifference(model, rebuilt);
                    Add("FactsReproduceLayers", diff == null, diff ?? "blocks and per-layer layout reproduced");
                }
            }

            if (referenceParams.HasValue)
            {
                long delta = model.TotalParams - referenceParams.Value;
                bool agrees = delta == 0;
                bool explained = !agrees && Explains(notes, referenceParams.Value, delta);
                var source = string.IsNullOrEmpty(referenceSource) ? "the reference" : referenceSource;
                Add("ReferenceParamsAgree", agrees || explained,
                    agrees ? $"total_params equals {source} ({referenceParams.Value:N0})"
                    : explained ? $"total_params differs from {source} by {delta:N0}; the notes explain it"
                    : $"total_params {model.TotalParams:N0} differs from {source} ({referenceParams.Value:N0}) by {delta:N0}, and the notes do not explain it (cite the reference count or the difference)",
                    referenceParams.Value, model.TotalParams);
            }
            return checks;
        }

        /// <summary>An explanation must cite the reference count or the difference, with or without digit separators.</summary>
        internal static bool Explains(string? notes, long reference, long delta)
        {
            if (string.IsNullOrWhiteSpace(notes)) return false;
            var plain = new string(notes!.Where(c => c != ',' && c != '_' && c != '\'' && c != '\u202f' && c != '\u00a0').ToArray());
            var culture = System.Globalization.CultureInfo.InvariantCulture;
            return plain.Contains(Math.Abs(delta).ToString(culture)) || plain.Contains(reference.ToString(culture));
        }

        private static string? FirstLayerDifference(ModelConfiguration recorded, ModelConfiguration rebuilt)
        {
            if (recorded.DecoderLayerBlocks.Count != rebuilt.DecoderLayerBlocks.Count)
                return $"the facts rebuild {rebuilt.DecoderLayerBlocks.Count} layers, the file has {recorded.DecoderLayerBlocks.Count}";
            var a = ModelConfigJson.ToJson(recorded);
            var b = ModelConfigJson.ToJson(rebuilt);
            foreach (var field in new[] { "embedding", "final_norm", "lm_head", "vision" })
            {
                if (!JsonNode.DeepEquals(a[field], b[field])) return $"'{field}' differs from what the facts rebuild";
            }
            for (int i = 0; i < recorded.DecoderLayerBlocks.Count; i++)
            {
                var ra = a["blocks"]![recorded.DecoderLayerBlocks[i]];
                var rb = b["blocks"]![rebuilt.DecoderLayerBlocks[i]];
                if (!JsonNode.DeepEquals(ra, rb)) return $"layer {i} ('{recorded.DecoderLayerBlocks[i]}') differs from what the facts rebuild";
            }
            return null;
        }
    }
}
