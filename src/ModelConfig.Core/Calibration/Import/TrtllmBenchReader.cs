using System;
using System.Collections.Generic;

namespace ModelConfig.Core.Calibration
{
    /// <summary>
    /// The text report `trtllm-bench throughput` prints: banner sections (ENGINE DETAILS, WORLD + RUNTIME INFORMATION,
    /// PERFORMANCE OVERVIEW ...) of "Label: value" lines. Without --concurrency every request is queued at once (offline).
    /// Older versions call the output throughput "Token Throughput (tokens/sec)".
    /// </summary>
    internal static class TrtllmBenchReader
    {
        public static IEnumerable<RecordResult> Read(string text) => new[] { RecordResult.Of("report", () => FromReport(Labels(text))) };

        private static Dictionary<string, string> Labels(string text)
        {
            var labels = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var raw in text.Split('\n'))
            {
                var line = raw.Trim();
                int colon = line.IndexOf(':');
                if (colon <= 0 || line.StartsWith("=", StringComparison.Ordinal)) continue;
                var key = line.Substring(0, colon).Trim();
                // the first value of a label wins: later sections repeat some labels per rank
                if (!labels.ContainsKey(key)) labels[key] = line.Substring(colon + 1).Trim();
            }
            return labels;
        }

        private static ServingMeasurement FromReport(Dictionary<string, string> l)
        {
            string? Text(params string[] keys)
            {
                foreach (var k in keys) if (l.TryGetValue(k, out var v) && v.Length > 0) return v;
                return null;
            }
            double? Number(params string[] keys)
            {
                var t = Text(keys);
                if (t == null) return null;
                return ReaderHelpers.ParseNumber(t.Split(' ')[0]) ?? throw new BenchmarkRecordException(keys[0], $"is '{Serialization.TextPreview.Of(t)}', not a number");
            }
            int? Integer(params string[] keys) => Number(keys) is double d ? (int?)Math.Round(d) : null;
            var m = new ServingMeasurement
            {
                Format = BenchmarkFormats.TrtllmBench,
                Framework = "trtllm",
                FrameworkVersion = Text("TensorRT-LLM Version"),
                ModelId = Text("Model"),
                TensorParallel = Integer("TP Size"),
                PipelineParallel = Integer("PP Size"),
                ExpertParallel = Integer("EP Size"),
                WeightPrecision = ReaderHelpers.PrecisionOf(Text("Quantization")) ?? ReaderHelpers.PrecisionOf(Text("Dtype")),
                KvCachePrecision = ReaderHelpers.PrecisionOf(Text("KV Cache Dtype")),
                NumRequests = Integer("Number of requests"),
                Concurrency = Integer("Number of concurrent requests", "Concurrency", "Max Concurrency"),
                InputLength = Number("Average Input Length (tokens)"),
                OutputLength = Number("Average Output Length (tokens)"),
                RequestsPerSecond = Number("Request Throughput (req/sec)"),
                OutputTokensPerSecond = Number("Total Output Throughput (tokens/sec)", "Token Throughput (tokens/sec)"),
                TotalTokensPerSecond = Number("Total Token Throughput (tokens/sec)"),
                EndToEndLatencyMs = Number("Average request latency (ms)"),
                TtftMs = Number("Average time-to-first-token [TTFT] (ms)"),
                TpotMs = Number("Average time-per-output-token [TPOT] (ms)"),
            };
            if (Text("Speculative Decoding", "Speculative Decoding Mode") is string spec && !spec.Equals("none", StringComparison.OrdinalIgnoreCase)) m.SpeculativeDecoding = spec;
            m.Mode = m.Concurrency.HasValue && m.Concurrency.Value > 0 ? "concurrency" : "offline";
            if (m.Mode == "offline") m.Concurrency = null;
            return m;
        }
    }
}
