using System;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ModelConfig.Core.Estimation;

namespace ModelConfig.Server
{
    /// <summary>Our own API: the full Measure-Deployment request and response, and Find-Deployment's (<see cref="FindEndpoint"/>).</summary>
    public static class V1Endpoints
    {
        // declared before RequestOptions: static initialisers run in textual order
        private static readonly string[] ServerOwned = { "model", "hardware", "calibration" };

        /// <summary>
        /// DeploymentRequest itself is the wire type, so a field the estimator gains is accepted without a second list here.
        /// Model, hardware and calibration are objects the server resolves; the client names them by id instead. Unknown
        /// fields are refused so a typo is never silently ignored.
        /// </summary>
        private static readonly JsonSerializerOptions RequestOptions = ServerJson.StrictRequestOptions<DeploymentRequest>(ServerOwned);

        public static void Map(IEndpointRouteBuilder app)
        {
            app.MapPost("/v1/estimate", async (HttpRequest http, LibraryLookup lookup) =>
            {
                var body = await ServerJson.ReadBodyAsync<JsonObject>(http);
                var request = ToRequest(body, lookup);
                foreach (var (value, field) in new[] { (request.ComputeEfficiency, "compute_efficiency"), (request.MemoryEfficiency, "memory_efficiency"), (request.CommunicationEfficiency, "communication_efficiency") })
                    if (value.HasValue && !(value > 0 && value <= 1)) throw ProblemCatalog.InvalidField(field, $"'{field}' must be a fraction in (0, 1].");
                return Results.Json(EstimatorAdapter.Estimate(request), ServerJson.Options);
            });

            FindEndpoint.Map(app);
        }

        internal static DeploymentRequest ToRequest(JsonObject body, LibraryLookup lookup)
        {
            string? Id(string name) => body.TryGetPropertyValue(name, out var v) && v is JsonValue j && j.TryGetValue<string>(out var s) ? s
                : v == null ? null : throw ProblemCatalog.InvalidField(name, $"'{name}' must be a string.");
            var modelId = Id("model_id");
            var hardwareId = Id("hardware_id");
            body.Remove("model_id");
            body.Remove("hardware_id");
            foreach (var owned in ServerOwned)
                if (body.ContainsKey(owned)) throw ProblemCatalog.InvalidField(owned, $"'{owned}' is not a request field; name the model and hardware with model_id and hardware_id.");
            // Measure-Deployment's defaults, so the same request gives the same answer there and here.
            if (!body.ContainsKey("input_length")) body["input_length"] = 1024;
            if (!body.ContainsKey("output_length")) body["output_length"] = 256;
            DeploymentRequest request;
            try
            {
                request = body.Deserialize<DeploymentRequest>(RequestOptions)!;
            }
            catch (JsonException e)
            {
                var field = ServerJson.FieldOf(e.Path);
                throw ProblemCatalog.InvalidField(field, $"'{field}' is not valid here: wrong type, malformed value or unknown field.");
            }
            request.Model = lookup.Model(modelId, "model_id");
            request.Hardware = lookup.Hardware(hardwareId, "hardware_id");
            return request;
        }
    }
}
