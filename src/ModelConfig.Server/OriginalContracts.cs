using System.Collections.Generic;

namespace ModelConfig.Server
{
    // Request bodies of the original system's endpoints, field for field (snake_case on the wire), with its defaults.

    public sealed class LayerParallelism
    {
        public int TensorParallel { get; set; } = 1;
        public int ContextParallel { get; set; } = 1;
        public int SequenceParallel { get; set; } = 1;
        public string? Dtype { get; set; }
    }

    public sealed class LayerMetricsRequest
    {
        public string? ModelId { get; set; }
        public string? HardwareConfig { get; set; }
        public string? LayerType { get; set; }
        public int BatchSize { get; set; } = 1;
        public int SeqLength { get; set; } = 2048;
        public string Dtype { get; set; } = "bf16";
        public int TensorParallel { get; set; } = 1;
        public int ContextParallel { get; set; } = 1;
        public int SequenceParallel { get; set; } = 1;
        /// <summary>Not in the original, which always computed prefill.</summary>
        public string Phase { get; set; } = "prefill";
    }

    public sealed class SystemMetricsRequest
    {
        public string? ModelId { get; set; }
        public string? HardwareConfig { get; set; }
        public int BatchSize { get; set; } = 1;
        public int InputSeq { get; set; } = 2048;
        public int OutputSeq { get; set; } = 128;
        public Dictionary<string, LayerParallelism>? Layers { get; set; }
    }

    public sealed class DeploymentEstimateRequest
    {
        public string? ModelId { get; set; }
        public string? HardwareConfig { get; set; }
        public int BatchSize { get; set; } = 1;
        public int InputSeq { get; set; } = 2048;
        public int OutputSeq { get; set; } = 128;
        public Dictionary<string, LayerParallelism>? LayerParallelism { get; set; }
    }

    public sealed class LegacyEstimateRequest
    {
        public string? ModelId { get; set; }
        public string? HardwareConfig { get; set; }
        public int BatchSize { get; set; } = 1;
        public int InputSeq { get; set; } = 2048;
        public int OutputSeq { get; set; } = 128;
        public int? TensorParallel { get; set; }
    }
}
