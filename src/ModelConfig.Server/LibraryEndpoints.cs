using System.Collections.Generic;
using System.Linq;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ModelConfig.Core.Hardware;
using ModelConfig.Core.Library;
using ModelConfig.Core.Models;

namespace ModelConfig.Server
{
    /// <summary>GET /models, /models/{model_id}, /hardware, /hardware/{id} and /api/layers: the libraries as the original system served them.</summary>
    public static class LibraryEndpoints
    {
        public static void Map(IEndpointRouteBuilder app)
        {
            app.MapGet("/models", (ServerLibraries libs) =>
            {
                var models = libs.Models.List(out var errors);
                // The original skipped unreadable files silently; a client deserves to know the list is incomplete.
                return Results.Json(new { models = models.Select(ModelMetadata.From), errors = Errors(errors) }, ServerJson.Options);
            });
            app.MapGet("/models/{model_id}", (string model_id, LibraryLookup lookup) =>
                Results.Json(ModelMetadata.From(lookup.Model(model_id, "model_id")), ServerJson.Options));
            app.MapGet("/hardware", (ServerLibraries libs) =>
            {
                var hardware = libs.Hardware.List(out var errors);
                // The file format itself: the same field names as data/hardware/*.json.
                return Results.Json(new { hardware = hardware.Select(HardwareJson.ToJson), errors = Errors(errors) }, ServerJson.Options);
            });
            app.MapGet("/hardware/{id}", (string id, LibraryLookup lookup) =>
                Results.Json(HardwareJson.ToJson(lookup.Hardware(id, "id")), ServerJson.Options));
            app.MapGet("/api/layers", (string? model_id, LibraryLookup lookup) =>
                Results.Json(new { layers = OriginalLayers.Of(lookup.Model(model_id, "model_id")) }, ServerJson.Options));
        }

        private static IEnumerable<object> Errors(IEnumerable<DataLoadError> errors) =>
            errors.Select(e => new { id = e.Id, field = e.Field, message = e.Message });
    }
}
