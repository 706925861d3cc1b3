using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ModelConfig.Core.Hardware;
using ModelConfig.Core.Planning;

namespace ModelConfig.Server
{
    /// <summary>
    /// POST /v1/find: Find-Deployment over HTTP. The body is the core's <see cref="PlanningQuery"/> (the cmdlet's
    /// parameters in snake_case), checked and turned into the planner's request by the core as the cmdlet does; the answer
    /// is the planner's <see cref="PlanResult"/>. What is the server's own is the budget: a search is bounded in size, in
    /// time and in how many run at once, so one request cannot hold the machine.
    /// </summary>
    public static class FindEndpoint
    {
        /// <summary>Unknown fields are refused so a typo is never silently ignored; Exhaustive (no pruning) is not offered.</summary>
        private static readonly JsonSerializerOptions QueryOptions = ServerJson.StrictRequestOptions<PlanningQuery>("exhaustive");

        public static void Map(IEndpointRouteBuilder app)
        {
            app.MapPost("/v1/find", async (HttpRequest http, LibraryLookup lookup, ServerSettings settings, SearchGate gate) =>
            {
                var query = await ServerJson.ReadBodyAsync<PlanningQuery>(http, QueryOptions);
                try { query.Validate(); }
                catch (PlanningQueryException e) { throw ProblemCatalog.InvalidField(FieldName(e.Field), e.Message); }
                CheckSize(query);

                var model = lookup.Model(query.ModelId, "model_id");
                var hardware = query.Hardware == null || query.Hardware.Count == 0
                    ? PlanningQuery.DefaultHardware(lookup.Libraries.Hardware.List(out _))
                    : query.Hardware.Select(id => lookup.Hardware(id, "hardware")).GroupBy(h => h.HardwareId).Select(g => g.First()).ToList();
                var draft = query.DraftModelId == null ? null : lookup.Model(query.DraftModelId, "draft_model_id");
                var request = query.ToRequest(model, hardware, draft);
                var result = await gate.RunAsync(token => PlannerAdapter.Plan(request, token), http.HttpContext.RequestAborted);
                return Results.Json(result, ServerJson.Options);
            });
        }

        /// <summary>Search-size caps: each bounds one factor of hardware x layouts x precisions x load levels.</summary>
        private static void CheckSize(PlanningQuery q)
        {
            if (q.MaxGpus > ServerSettings.MaxFindGpus)
                throw ProblemCatalog.InvalidField("max_gpus", $"'max_gpus' is limited to {ServerSettings.MaxFindGpus} per request on this server.");
            if (q.Hardware != null && q.Hardware.Count > ServerSettings.MaxFindHardware)
                throw ProblemCatalog.InvalidField("hardware", $"'hardware' is limited to {ServerSettings.MaxFindHardware} entries per request.");
            if (q.Concurrency != null && q.Concurrency.Count > ServerSettings.MaxFindLevels)
                throw ProblemCatalog.InvalidField("concurrency", $"'concurrency' is limited to {ServerSettings.MaxFindLevels} levels per request.");
            foreach (var (list, field) in new[] { (q.WeightPrecision, "weight_precision"), (q.KvCachePrecision, "kv_cache_precision") })
                if (list != null && list.Count > ServerSettings.MaxFindPrecisions)
                    throw ProblemCatalog.InvalidField(field, $"'{field}' is limited to {ServerSettings.MaxFindPrecisions} entries per request.");
            if (q.Top > ServerSettings.MaxFindTop)
                throw ProblemCatalog.InvalidField("top", $"'top' is limited to {ServerSettings.MaxFindTop} on this server.");
        }

        internal static string FieldName(string property) => JsonNamingPolicy.SnakeCaseLower.ConvertName(property);
    }

    /// <summary>
    /// Runs planner searches on the thread pool, at most <see cref="ServerSettings.MaxConcurrentSearches"/> at once, each
    /// within <see cref="ServerSettings.FindTimeBudget"/> (the wait for a slot included).
    /// </summary>
    public sealed class SearchGate
    {
        private readonly SemaphoreSlim _slots;
        private readonly ServerSettings _settings;

        public SearchGate(ServerSettings settings)
        {
            _settings = settings;
            _slots = new SemaphoreSlim(settings.MaxConcurrentSearches, settings.MaxConcurrentSearches);
        }

        public async Task<T> RunAsync<T>(Func<CancellationToken, T> search, CancellationToken requestAborted)
        {
            using var budget = CancellationTokenSource.CreateLinkedTokenSource(requestAborted);
            budget.CancelAfter(_settings.FindTimeBudget);
            bool entered;
            try { entered = await _slots.WaitAsync(Timeout.Infinite, budget.Token); }
            catch (OperationCanceledException) when (!requestAborted.IsCancellationRequested) { entered = false; }
            if (!entered) throw ProblemCatalog.ServerBusy(_settings.FindTimeBudget);
            try
            {
                return await Task.Run(() => search(budget.Token), budget.Token);
            }
            catch (OperationCanceledException) when (!requestAborted.IsCancellationRequested)
            {
                throw ProblemCatalog.SearchTooLarge(_settings.FindTimeBudget);
            }
            finally
            {
                _slots.Release();
            }
        }
    }

    /// <summary>The one place the server calls the planner (see <see cref="EstimatorAdapter"/>).</summary>
    public static class PlannerAdapter
    {
        /// <summary>Rules the planner names after what is violated, as the /v1/find field a client changes.</summary>
        private static readonly IReadOnlyDictionary<string, string> RequestFields = new Dictionary<string, string>
        {
            ["model"] = "model_id", ["hardware"] = "hardware", ["serving_mode"] = "speculative_method",
            ["batch_or_concurrency"] = "concurrency", ["gpu_count"] = "max_gpus", ["tensor_parallel"] = "max_gpus",
        };

        public static PlanResult Plan(PlanningRequest request, CancellationToken cancellationToken)
        {
            try
            {
                return DeploymentPlanner.Plan(request, cancellationToken);
            }
            catch (Core.Estimation.DeploymentConfigurationException e)
            {
                throw ProblemCatalog.InvalidDeployment(RequestFields.TryGetValue(e.Constraint, out var f) ? f : e.Constraint, e.Message);
            }
            catch (ArgumentException e)
            {
                throw ProblemCatalog.InvalidDeployment(e.ParamName ?? "body", e.Message);
            }
        }
    }
}
