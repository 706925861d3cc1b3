using System;
using System.Collections.Generic;
using System.Linq;
using ModelConfig.Core.Estimation;
using ModelConfig.Core.Models;

namespace ModelConfig.Server
{
    /// <summary>
    /// The original API's response shapes filled from one <see cref="DeploymentEstimate"/>. Where the original was wrong
    /// (prefill only, mixed units, a constant for communication, partial totals, batch ignored) the estimate's own figures
    /// are used: whole model, one unit (ms), real collective times.
    /// </summary>
    public static class OriginalMapping
    {
        /// <summary>The estimator's constraint names as the original request calls those fields.</summary>
        public static readonly IReadOnlyDictionary<string, string> FieldNames = new Dictionary<string, string>
        {
            ["input_length"] = "input_seq", ["output_length"] = "output_seq", ["weight_precision"] = "dtype",
            ["gpu_count"] = "tensor_parallel", ["attention_heads"] = "tensor_parallel", ["kv_heads"] = "tensor_parallel",
        };

        public static object SystemMetrics(DeploymentEstimate e) => new
        {
            ttft_ms = e.TtftMs,
            tpot_ms = e.TpotMs,
            throughput_tokens_s = e.OutputTokensPerSecond,
            total_latency_ms = e.EndToEndLatencyMs,
            prefill = Phase(e, "prefill"),
            decode = Phase(e, "decode"),
            memory = new
            {
                weight_memory_gb = e.WeightsGB * e.NumGpus,
                activation_memory_gb = e.ActivationsGB * e.NumGpus,
                kv_cache_gb = e.KvCacheGB * e.NumGpus,
                total_memory_gb = e.MemoryPerGpuGB * e.NumGpus,
                memory_per_chip_gb = e.MemoryPerGpuGB,
                hw_capacity_gb = e.MemoryCapacityGB,
            },
            system = new { num_chips = e.NumGpus, bottleneck = Bottleneck(e), fits_on_hardware = e.Fits },
        };

        public static object Legacy(DeploymentEstimate e) => new
        {
            ttft_ms = e.TtftMs,
            tpot_ms = e.TpotMs,
            throughput_tokens_s = e.OutputTokensPerSecond,
            total_latency_ms = e.EndToEndLatencyMs,
            memory_per_chip_gb = e.MemoryPerGpuGB,
            fits_on_hardware = e.Fits,
            bottleneck = Bottleneck(e),
        };

        public static object Deployment(DeploymentEstimateRequest r, ModelConfiguration m, DeploymentEstimate e, int minChips) => new
        {
            deployment = new
            {
                model_id = m.ModelId,
                hardware_config = r.HardwareConfig,
                hardware_id = e.HardwareId,
                batch_size = r.BatchSize,
                input_seq = r.InputSeq,
                output_seq = r.OutputSeq,
                layer_parallelism = r.LayerParallelism,
            },
            validation = new
            {
                total_params = m.TotalParams,
                num_layers = m.NumLayers,
                attention_type = m.Blocks.Values.Select(b => b.Attention?.Form).FirstOrDefault(f => f != null),
                mlp_type = m.IsMoe ? "moe" : "dense",
            },
            requirements = new { min_chips = minChips, memory_per_chip_gb = e.MemoryPerGpuGB, fits_on_hardware = e.Fits },
            performance = SystemMetrics(e),
        };

        public static object LayerMetrics(LayerMetricsRequest r, ModelConfiguration m, DeploymentEstimate e)
        {
            var type = r.LayerType!;
            var rows = (e.Layers ?? new List<LayerEstimate>()).Where(l => l.Phase == r.Phase && OriginalLayers.TypeOfOperation(l.Operation) == type).ToList();
            // Norms and embeddings do no matmul work the estimator times; they only hold weights.
            if (type == OriginalLayers.Norm || type == OriginalLayers.Embedding) rows.Clear();
            double flopsPerChip = rows.Sum(l => l.Flops);
            double computeMs = rows.Where(l => l.Bound == Bottlenecks.Compute).Sum(l => l.TimeMs);
            double memoryMs = rows.Where(l => l.Bound == Bottlenecks.Memory).Sum(l => l.TimeMs);
            double commMs = CommunicationMs(m, e, r.Phase, type);
            double total = computeMs + memoryMs + commMs;
            long allParams = Math.Max(1, m.ParamsBreakdown.Total);
            double weightsPerChip = e.WeightsGB * OriginalLayers.Params(m, type) / allParams;
            double kvPerChip = type == OriginalLayers.Attention ? e.KvCacheGB : 0;
            return new
            {
                layer_type = type,
                phase = r.Phase,
                num_instances = OriginalLayers.Count(m, type),
                num_chips = e.NumGpus,
                parallelism = new { tensor_parallel = e.TensorParallel, context_parallel = r.ContextParallel, sequence_parallel = r.SequenceParallel },
                memory = new
                {
                    weights_per_chip_gb = weightsPerChip,
                    // Layers run one after another in one activation buffer: every type sees the whole buffer.
                    activation_per_chip_gb = e.ActivationsGB,
                    kv_cache_per_chip_gb = kvPerChip,
                    total_weights_gb = weightsPerChip * e.NumGpus,
                    total_activation_gb = e.ActivationsGB * e.NumGpus,
                    total_kv_cache_gb = kvPerChip * e.NumGpus,
                },
                compute = new { flops_per_chip_tflops = flopsPerChip / 1e12, total_flops_tflops = flopsPerChip * e.NumGpus / 1e12 },
                bottleneck = new
                {
                    compute_percent = Percent(computeMs, total),
                    memory_percent = Percent(memoryMs, total),
                    comm_percent = Percent(commMs, total),
                    compute_time_ms = computeMs,
                    memory_time_ms = memoryMs,
                    comm_time_ms = commMs,
                },
            };
        }

        /// <summary>The TP all-reduce follows attention and the MLP in every layer, so its time is shared by their counts; expert all-to-all belongs to the MLP.</summary>
        private static double CommunicationMs(ModelConfiguration m, DeploymentEstimate e, string phase, string type)
        {
            if (type != OriginalLayers.Attention && type != OriginalLayers.FeedForward) return 0;
            double share = (double)OriginalLayers.Count(m, type) /
                Math.Max(1, OriginalLayers.Count(m, OriginalLayers.Attention) + OriginalLayers.Count(m, OriginalLayers.FeedForward));
            double ms = 0;
            foreach (var c in (e.Communications ?? new List<CommunicationEstimate>()).Where(c => c.Phase == phase))
            {
                if (c.Collective == "all_to_all") ms += type == OriginalLayers.FeedForward ? c.TimePerStepMs : 0;
                else ms += c.TimePerStepMs * share;
            }
            return ms;
        }

        private static object Phase(DeploymentEstimate e, string phase)
        {
            var rows = (e.Layers ?? new List<LayerEstimate>()).Where(l => l.Phase == phase).ToList();
            double perChip = rows.Sum(l => l.Flops);
            return new
            {
                flops_total = perChip * e.NumGpus,
                flops_per_chip = perChip,
                compute_time_ms = rows.Where(l => l.Bound == Bottlenecks.Compute).Sum(l => l.TimeMs),
                memory_time_ms = rows.Where(l => l.Bound == Bottlenecks.Memory).Sum(l => l.TimeMs),
                step_time_ms = phase == "prefill" ? e.PrefillMs : e.DecodeStepMs,
                bottleneck = phase == "prefill" ? e.PrefillBottleneck : e.DecodeBottleneck,
            };
        }

        /// <summary>The bottleneck of the phase that takes longer over the whole request.</summary>
        private static string Bottleneck(DeploymentEstimate e) =>
            e.PrefillMs >= e.DecodeStepMs * Math.Max(1, e.OutputLength - 1) ? e.PrefillBottleneck : e.DecodeBottleneck;

        private static double Percent(double part, double total) => total > 0 ? 100.0 * part / total : 0;
    }
}
