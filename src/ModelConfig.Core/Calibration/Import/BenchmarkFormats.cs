using System;
using System.Linq;
using System.Text.Json;

namespace ModelConfig.Core.Calibration
{
    /// <summary>
    /// The result formats <see cref="ServingBenchmarkImport"/> reads, told apart by their content (never by the file name):
    /// the fields each tool always writes.
    /// </summary>
    public static class BenchmarkFormats
    {
        public const string CalibrationCsv = "calibration-csv";
        public const string VllmJson = "vllm-json";
        public const string SglangJsonl = "sglang-jsonl";
        public const string AiPerfJson = "aiperf-json";
        public const string AiPerfCsv = "aiperf-csv";
        public const string GuidellmJson = "guidellm-json";
        public const string TrtllmBench = "trtllm-bench";

        public static string[] All { get; } = { CalibrationCsv, VllmJson, SglangJsonl, AiPerfJson, AiPerfCsv, GuidellmJson, TrtllmBench };

        /// <summary>The format of a file's text, or null when it is none of them.</summary>
        public static string? Detect(string text)
        {
            var trimmed = text.TrimStart('\uFEFF', ' ', '\t', '\r', '\n');
            if (trimmed.Length == 0) return null;
            if (trimmed[0] == '{') return DetectJson(trimmed);
            string firstLine = trimmed.Split('\n')[0].Trim();
            if (firstLine.StartsWith("row_id,", StringComparison.Ordinal) && firstLine.Contains(",metric,value")) return CalibrationCsv;
            if (firstLine.StartsWith("Metric,", StringComparison.OrdinalIgnoreCase)) return AiPerfCsv;
            if (trimmed.IndexOf("PERFORMANCE OVERVIEW", StringComparison.Ordinal) >= 0) return TrtllmBench;
            return null;
        }

        private static string? DetectJson(string text)
        {
            JsonElement root;
            try { root = JsonDocument.Parse(text).RootElement; }
            catch (JsonException)
            {
                // several objects one per line: JSON Lines, which SGLang appends one run at a time
                var first = text.Split('\n').FirstOrDefault(l => l.Trim().Length > 0);
                try { root = JsonDocument.Parse(first ?? "").RootElement; }
                catch (JsonException) { return null; }
                return root.ValueKind == JsonValueKind.Object && root.TryGetProperty("mean_e2e_latency_ms", out _) ? SglangJsonl : null;
            }
            if (root.ValueKind != JsonValueKind.Object) return null;
            if (root.TryGetProperty("benchmarks", out var b) && b.ValueKind == JsonValueKind.Array) return GuidellmJson;
            // SGLang names end-to-end latency mean_e2e_latency_ms, vLLM mean_e2el_ms
            if (root.TryGetProperty("mean_e2e_latency_ms", out _)) return SglangJsonl;
            if (root.TryGetProperty("mean_ttft_ms", out _)) return VllmJson;
            var metrics = root.TryGetProperty("records", out var r) && r.ValueKind == JsonValueKind.Object ? r : root;
            if (metrics.TryGetProperty("time_to_first_token", out _) || metrics.TryGetProperty("request_latency", out _)) return AiPerfJson;
            return null;
        }
    }
}
