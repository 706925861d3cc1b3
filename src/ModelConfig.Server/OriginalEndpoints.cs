using System.Collections.Generic;
using System.Linq;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ModelConfig.Core.Estimation;

namespace ModelConfig.Server
{
    /// <summary>POST /config/layer-metrics, /config/system-metrics, /deployment/estimate and /estimate, as the original clients call them.</summary>
    public static class OriginalEndpoints
    {
        public static void Map(IEndpointRouteBuilder app)
        {
            app.MapPost("/config/layer-metrics", async (HttpRequest http, LibraryLookup lookup) =>
            {
                var r = await ServerJson.ReadBodyAsync<LayerMetricsRequest>(http);
                if (string.IsNullOrEmpty(r.LayerType) || !OriginalLayers.Types.Contains(r.LayerType))
                    throw ProblemCatalog.InvalidField("layer_type", $"'layer_type' must be one of {string.Join(", ", OriginalLayers.Types)} (GET /api/layers lists a model's types).");
                if (r.Phase != "prefill" && r.Phase != "decode") throw ProblemCatalog.InvalidField("phase", "'phase' must be prefill or decode.");
                RequireOne(r.ContextParallel, "context_parallel");
                RequireOne(r.SequenceParallel, "sequence_parallel");
                var model = lookup.Model(r.ModelId, "model_id");
                var request = new DeploymentRequest
                {
                    Model = model, Hardware = lookup.Hardware(r.HardwareConfig, "hardware_config"),
                    TensorParallel = r.TensorParallel, WeightPrecision = r.Dtype, BatchSize = r.BatchSize,
                    // Two output tokens: one prefill and one decode step at the prompt's length, so either phase can be read.
                    InputLength = r.SeqLength, OutputLength = 2, IncludeLayers = true,
                };
                var e = EstimatorAdapter.Estimate(request, Fields("input_length", "seq_length"));
                return Results.Json(OriginalMapping.LayerMetrics(r, model, e), ServerJson.Options);
            });

            app.MapPost("/config/system-metrics", async (HttpRequest http, LibraryLookup lookup) =>
            {
                var r = await ServerJson.ReadBodyAsync<SystemMetricsRequest>(http);
                var (tp, dtype) = Layout(r.Layers, "layers");
                var request = new DeploymentRequest
                {
                    Model = lookup.Model(r.ModelId, "model_id"), Hardware = lookup.Hardware(r.HardwareConfig, "hardware_config"),
                    TensorParallel = tp, WeightPrecision = dtype, BatchSize = r.BatchSize, InputLength = r.InputSeq, OutputLength = r.OutputSeq,
                    IncludeLayers = true,
                };
                return Results.Json(OriginalMapping.SystemMetrics(EstimatorAdapter.Estimate(request, OriginalMapping.FieldNames)), ServerJson.Options);
            });

            app.MapPost("/deployment/estimate", async (HttpRequest http, LibraryLookup lookup) =>
            {
                var r = await ServerJson.ReadBodyAsync<DeploymentEstimateRequest>(http);
                var (tp, dtype) = Layout(r.LayerParallelism, "layer_parallelism");
                var model = lookup.Model(r.ModelId, "model_id");
                var request = new DeploymentRequest
                {
                    Model = model, Hardware = lookup.Hardware(r.HardwareConfig, "hardware_config"),
                    TensorParallel = tp, WeightPrecision = dtype, BatchSize = r.BatchSize, InputLength = r.InputSeq, OutputLength = r.OutputSeq,
                    IncludeLayers = true,
                };
                var e = EstimatorAdapter.Estimate(request, OriginalMapping.FieldNames);
                int minChips = e.NumGpus;
                if (tp.HasValue)
                {
                    // The fewest GPUs that fit is the estimator's own choice when TP is left open.
                    request.TensorParallel = null;
                    request.IncludeLayers = false;
                    minChips = EstimatorAdapter.Estimate(request, OriginalMapping.FieldNames).NumGpus;
                }
                return Results.Json(OriginalMapping.Deployment(r, model, e, minChips), ServerJson.Options);
            });

            app.MapPost("/estimate", async (HttpRequest http, LibraryLookup lookup) =>
            {
                var r = await ServerJson.ReadBodyAsync<LegacyEstimateRequest>(http);
                var request = new DeploymentRequest
                {
                    Model = lookup.Model(r.ModelId, "model_id"), Hardware = lookup.Hardware(r.HardwareConfig, "hardware_config"),
                    TensorParallel = r.TensorParallel, BatchSize = r.BatchSize, InputLength = r.InputSeq, OutputLength = r.OutputSeq,
                };
                return Results.Json(OriginalMapping.Legacy(EstimatorAdapter.Estimate(request, OriginalMapping.FieldNames)), ServerJson.Options);
            });
        }

        private static Dictionary<string, string> Fields(string from, string to) =>
            new Dictionary<string, string>(OriginalMapping.FieldNames.ToDictionary(kv => kv.Key, kv => kv.Value)) { [from] = to };

        private static void RequireOne(int value, string field)
        {
            if (value != 1) throw ProblemCatalog.InvalidField(field, $"'{field}' must be 1: the estimator models tensor, pipeline and expert parallelism, not context or sequence parallelism.");
        }

        /// <summary>
        /// The original allowed a layout per layer type; the estimator runs one TP and one weight precision for the whole
        /// model, so the types given must agree. Types left out take the same layout (the original dropped them from every total).
        /// </summary>
        private static (int? Tp, string? Dtype) Layout(Dictionary<string, LayerParallelism>? layers, string field)
        {
            if (layers == null || layers.Count == 0) return (null, null);
            int? tp = null;
            string? dtype = null;
            foreach (var kv in layers)
            {
                var f = $"{field}.{kv.Key}";
                if (!OriginalLayers.Types.Contains(kv.Key))
                    throw ProblemCatalog.InvalidField(f, $"'{kv.Key}' is not a layer type; use {string.Join(", ", OriginalLayers.Types)}.");
                var p = kv.Value ?? throw ProblemCatalog.InvalidField(f, $"'{f}' must be an object.");
                RequireOne(p.ContextParallel, f + ".context_parallel");
                RequireOne(p.SequenceParallel, f + ".sequence_parallel");
                if (tp.HasValue && tp != p.TensorParallel)
                    throw ProblemCatalog.InvalidField(f + ".tensor_parallel", "Every layer type must use the same tensor_parallel: the estimator shards the whole model one way.");
                tp = p.TensorParallel;
                if (p.Dtype != null && dtype != null && p.Dtype != dtype)
                    throw ProblemCatalog.InvalidField(f + ".dtype", "Every layer type must use the same dtype: the estimator has one weight precision per deployment.");
                dtype ??= p.Dtype;
            }
            return (tp, dtype);
        }
    }
}
