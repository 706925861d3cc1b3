using System;
using System.Collections.Generic;
using ModelConfig.Core.Estimation;

namespace ModelConfig.Core.Calibration
{
    /// <summary>
    /// One measured serving run (one configuration at one load), read from a benchmark result file: what ran
    /// (model, hardware, layout, precision, engine), the load and mean request lengths, and the measured metrics.
    /// Throughputs are for the whole replica (all its GPUs), latencies in milliseconds.
    /// </summary>
    public sealed class ServingMeasurement
    {
        /// <summary>The file it was read from, and which record of that file (line, row id, benchmark index).</summary>
        public string SourceFile { get; set; } = "";
        public string Record { get; set; } = "";
        /// <summary>The detected format, one of <see cref="BenchmarkFormats"/>.</summary>
        public string Format { get; set; } = "";

        /// <summary>Library model id; <see cref="HfModelId"/> is the HuggingFace id it was matched by, when it was.</summary>
        public string? ModelId { get; set; }
        public string? HfModelId { get; set; }
        public string? HardwareId { get; set; }
        public string? Framework { get; set; }
        public string? FrameworkVersion { get; set; }
        public int? TensorParallel { get; set; }
        public int? PipelineParallel { get; set; }
        public int? ExpertParallel { get; set; }
        public bool? DataParallelAttention { get; set; }
        public string? WeightPrecision { get; set; }
        public string? KvCachePrecision { get; set; }

        /// <summary>concurrency, static_batch, offline or request_rate (see ../shared/measured/README.md "Serving modes").</summary>
        public string Mode { get; set; } = "concurrency";
        public int? Concurrency { get; set; }
        public int? BatchSize { get; set; }
        public double? RequestRate { get; set; }
        public int? NumRequests { get; set; }
        /// <summary>Open-loop arrivals (request_rate runs): Poisson or Constant, and the gamma shape of vLLM's --burstiness.</summary>
        public string? ArrivalProcess { get; set; }
        public double? Burstiness { get; set; }
        /// <summary>Engine limits the run set: running batch (per attention rank under DP attention) and tokens per step.</summary>
        public int? MaxBatchSize { get; set; }
        public int? MaxNumTokens { get; set; }
        /// <summary>Mean input and output tokens per request (not the nominal lengths: estimates are made for the mean).</summary>
        public double? InputLength { get; set; }
        public double? OutputLength { get; set; }
        /// <summary>
        /// Prefill/decode disaggregation: true for such a run; <see cref="Disaggregation"/> holds the pools when the source
        /// states them (without them the run cannot be estimated).
        /// </summary>
        public bool Disaggregated { get; set; }
        public DisaggregatedPools? Disaggregation { get; set; }
        /// <summary>Speculative decoding method as the source names it (mtp, eagle, ...), and the draft tokens per step.</summary>
        public string? SpeculativeDecoding { get; set; }
        public int? SpeculativeTokens { get; set; }

        public double? TtftMs { get; set; }
        public double? TtftMedianMs { get; set; }
        public double? TpotMs { get; set; }
        public double? TpotMedianMs { get; set; }
        public double? ItlMs { get; set; }
        public double? EndToEndLatencyMs { get; set; }
        /// <summary>Percentiles where the tool reports them (vLLM and SGLang p90/p99, guidellm, AIPerf); compared with open-loop estimates.</summary>
        public double? TtftP90Ms { get; set; }
        public double? TtftP99Ms { get; set; }
        public double? TpotP90Ms { get; set; }
        public double? TpotP99Ms { get; set; }
        public double? EndToEndLatencyP90Ms { get; set; }
        public double? EndToEndLatencyP99Ms { get; set; }
        public double? OutputTokensPerSecond { get; set; }
        public double? TotalTokensPerSecond { get; set; }
        public double? RequestsPerSecond { get; set; }

        /// <summary>The GPUs the throughputs are for: one replica, or every prefill and decode GPU of a disaggregated run.</summary>
        public int NumGpus => Disaggregation is { } pools ? pools.PrefillGpus + pools.DecodeGpus
            : Math.Max(1, TensorParallel ?? 1) * Math.Max(1, PipelineParallel ?? 1);

        /// <summary>The metrics this measurement holds, in the order of <see cref="MeasuredMetrics.All"/>.</summary>
        public IReadOnlyList<MetricValue> Metrics()
        {
            var list = new List<MetricValue>();
            foreach (var m in MeasuredMetrics.All)
            {
                var v = m.Measured(this);
                if (v.HasValue) list.Add(new MetricValue(m, v.Value));
            }
            return list;
        }

        public ServingMeasurement Clone()
        {
            var copy = (ServingMeasurement)MemberwiseClone();
            copy.Disaggregation = Disaggregation?.Copy();
            return copy;
        }

        public override string ToString() =>
            $"{ModelId ?? HfModelId ?? "?"} on {NumGpus}x {HardwareId ?? "?"} {Framework ?? ""} {Mode} {Concurrency ?? BatchSize} ({System.IO.Path.GetFileName(SourceFile)} {Record})";
    }

    /// <summary>One measured number of a <see cref="ServingMeasurement"/>.</summary>
    public readonly struct MetricValue
    {
        public MetricValue(MeasuredMetric metric, double value) { Metric = metric; Value = value; }
        public MeasuredMetric Metric { get; }
        public double Value { get; }
    }
}
