using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ModelConfig.Core.Estimation;

namespace ModelConfig.Server
{
    /// <summary>The fields of a DeploymentRequest, with ids in place of the model and hardware objects. Unknown fields are refused so a typo is never silently ignored.</summary>
    [JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
    public sealed class V1EstimateRequest
    {
        public string? ModelId { get; set; }
        public string? HardwareId { get; set; }
        public int? TensorParallel { get; set; }
        public int PipelineParallel { get; set; } = 1;
        public int ExpertParallel { get; set; } = 1;
        public bool DataParallelAttention { get; set; }
        public string? WeightPrecision { get; set; }
        public string? KvCachePrecision { get; set; }
        public int? BatchSize { get; set; }
        public int? Concurrency { get; set; }
        public int? NumRequests { get; set; }
        /// <summary>Measure-Deployment's defaults, so the same request gives the same answer there and here.</summary>
        public int InputLength { get; set; } = 1024;
        public int OutputLength { get; set; } = 256;
        public string? Framework { get; set; }
        public double? ComputeEfficiency { get; set; }
        public double? MemoryEfficiency { get; set; }
        public double? CommunicationEfficiency { get; set; }
        public double? StepOverheadMs { get; set; }
        public double? LayerOverheadUs { get; set; }
        public double? ReservedMemoryGB { get; set; }
        public bool IncludeLayers { get; set; }

        public DeploymentRequest ToDeploymentRequest(LibraryLookup lookup) => new DeploymentRequest
        {
            Model = lookup.Model(ModelId, "model_id"),
            Hardware = lookup.Hardware(HardwareId, "hardware_id"),
            TensorParallel = TensorParallel, PipelineParallel = PipelineParallel, ExpertParallel = ExpertParallel,
            DataParallelAttention = DataParallelAttention, WeightPrecision = WeightPrecision, KvCachePrecision = KvCachePrecision,
            BatchSize = BatchSize, Concurrency = Concurrency, NumRequests = NumRequests, InputLength = InputLength, OutputLength = OutputLength,
            Framework = Framework, ComputeEfficiency = ComputeEfficiency, MemoryEfficiency = MemoryEfficiency,
            CommunicationEfficiency = CommunicationEfficiency, StepOverheadMs = StepOverheadMs, LayerOverheadUs = LayerOverheadUs,
            ReservedMemoryGB = ReservedMemoryGB, IncludeLayers = IncludeLayers,
        };
    }

    /// <summary>Our own API: the full Measure-Deployment request and response.</summary>
    public static class V1Endpoints
    {
        public static void Map(IEndpointRouteBuilder app)
        {
            app.MapPost("/v1/estimate", async (HttpRequest http, LibraryLookup lookup) =>
            {
                var r = await ServerJson.ReadBodyAsync<V1EstimateRequest>(http);
                var fraction = new (double? Value, string Field)[]
                {
                    (r.ComputeEfficiency, "compute_efficiency"), (r.MemoryEfficiency, "memory_efficiency"), (r.CommunicationEfficiency, "communication_efficiency"),
                };
                foreach (var (value, field) in fraction)
                    if (value.HasValue && !(value > 0 && value <= 1)) throw ProblemCatalog.InvalidField(field, $"'{field}' must be a fraction in (0, 1].");
                return Results.Json(EstimatorAdapter.Estimate(r.ToDeploymentRequest(lookup)), ServerJson.Options);
            });

            // ---- POST /v1/find: reserved for the planner (a later issue). Map it here, next to /v1/estimate, and list it in openapi.json.
        }
    }
}
