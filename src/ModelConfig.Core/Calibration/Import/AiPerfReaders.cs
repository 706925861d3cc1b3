using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;

namespace ModelConfig.Core.Calibration
{
    /// <summary>
    /// NVIDIA AIPerf and its predecessor GenAI-Perf: profile_export_aiperf.json / profile_export_genai_perf.json (one object
    /// per metric with unit, avg, p50 ...; the run's settings under input_config) and the CSV export (a statistics table
    /// "Metric,avg,...,p50,..." then a "Metric,Value" table of throughputs). The CSV holds no settings: the load and model
    /// come from the caller.
    /// </summary>
    internal static class AiPerfReaders
    {
        public static IEnumerable<RecordResult> ReadJson(string text)
        {
            JsonElement root;
            try { root = JsonDocument.Parse(text).RootElement; }
            catch (JsonException e) { return new[] { RecordResult.Failed("file", "(json)", "is not valid JSON: " + e.Message) }; }
            return new[] { RecordResult.Of("profile", () => FromJson(new JsonRecord(root))) };
        }

        private static ServingMeasurement FromJson(JsonRecord root)
        {
            var metrics = root.TryGet("records", out var rec) && rec.ValueKind == JsonValueKind.Object ? new JsonRecord(rec) : root;
            double? Stat(string metric, string stat)
            {
                var v = metrics.Number(metric + "." + stat);
                return v.HasValue ? v.Value * MillisecondsPer(metrics.Text(metric + ".unit")) : (double?)null;
            }
            double? Plain(string metric) => metrics.Number(metric + ".avg");
            var m = new ServingMeasurement
            {
                Format = BenchmarkFormats.AiPerfJson,
                ModelId = root.Text("input_config.model") ?? root.Text("input_config.endpoint.model_names") ?? root.Text("input_config.model_names"),
                Framework = ReaderHelpers.EngineOf(root.Text("input_config.backend") ?? root.Text("input_config.endpoint.backend")),
                Concurrency = root.Integer("input_config.concurrency") ?? root.Integer("input_config.loadgen.concurrency") ?? root.Integer("input_config.load.concurrency"),
                RequestRate = root.Number("input_config.request_rate") ?? root.Number("input_config.loadgen.request_rate"),
                NumRequests = root.Integer("input_config.loadgen.request_count") ?? root.Integer("input_config.request_count"),
                TtftMs = Stat("time_to_first_token", "avg"),
                TtftMedianMs = Stat("time_to_first_token", "p50"),
                // their inter-token latency is (request latency - TTFT) / (output tokens - 1): the TPOT of benchmark_serving
                TpotMs = Stat("inter_token_latency", "avg"),
                TpotMedianMs = Stat("inter_token_latency", "p50"),
                EndToEndLatencyMs = Stat("request_latency", "avg"),
                TtftP90Ms = Stat("time_to_first_token", "p90"),
                TtftP99Ms = Stat("time_to_first_token", "p99"),
                TpotP90Ms = Stat("inter_token_latency", "p90"),
                TpotP99Ms = Stat("inter_token_latency", "p99"),
                EndToEndLatencyP90Ms = Stat("request_latency", "p90"),
                EndToEndLatencyP99Ms = Stat("request_latency", "p99"),
                OutputTokensPerSecond = Plain("output_token_throughput"),
                RequestsPerSecond = Plain("request_throughput"),
                InputLength = Plain("input_sequence_length"),
                OutputLength = Plain("output_sequence_length"),
            };
            m.Mode = m.Concurrency.HasValue ? "concurrency" : m.RequestRate.HasValue ? "request_rate" : "concurrency";
            return m;
        }

        public static IEnumerable<RecordResult> ReadCsv(string text)
        {
            return new[] { RecordResult.Of("table", () => FromCsv(CsvText.Parse(text))) };
        }

        private static ServingMeasurement FromCsv(List<string[]> rows)
        {
            var m = new ServingMeasurement { Format = BenchmarkFormats.AiPerfCsv };
            string[]? header = null;
            foreach (var row in rows)
            {
                if (row.Length == 0 || row.All(string.IsNullOrWhiteSpace)) { header = null; continue; }
                if (row[0].Trim().Equals("Metric", StringComparison.OrdinalIgnoreCase)) { header = row.Select(h => h.Trim().ToLowerInvariant()).ToArray(); continue; }
                if (header == null) continue;
                string name = row[0].Trim().ToLowerInvariant();
                double? Col(string col)
                {
                    int i = Array.IndexOf(header, col);
                    return i > 0 && i < row.Length ? ReaderHelpers.ParseNumber(row[i]) : null;
                }
                double? avg = Col("avg") ?? Col("value"), p50 = Col("p50");
                double toMs = MillisecondsPer(UnitInName(name));
                if (name.StartsWith("time to first token", StringComparison.Ordinal)) { m.TtftMs = avg * toMs; m.TtftMedianMs = p50 * toMs; }
                else if (name.StartsWith("inter token latency", StringComparison.Ordinal)) { m.TpotMs = avg * toMs; m.TpotMedianMs = p50 * toMs; }
                else if (name.StartsWith("request latency", StringComparison.Ordinal)) m.EndToEndLatencyMs = avg * toMs;
                else if (name.StartsWith("input sequence length", StringComparison.Ordinal)) m.InputLength = avg;
                else if (name.StartsWith("output sequence length", StringComparison.Ordinal)) m.OutputLength = avg;
                else if (name.StartsWith("output token throughput", StringComparison.Ordinal) && !name.Contains("per user")) m.OutputTokensPerSecond = avg;
                else if (name.StartsWith("request throughput", StringComparison.Ordinal)) m.RequestsPerSecond = avg;
            }
            return m;
        }

        private static string? UnitInName(string name)
        {
            int open = name.LastIndexOf('('), close = name.LastIndexOf(')');
            return open >= 0 && close > open ? name.Substring(open + 1, close - open - 1) : null;
        }

        /// <summary>The factor to milliseconds of a latency unit; the exports write ms, but say so, and AIPerf can write ns.</summary>
        private static double MillisecondsPer(string? unit)
        {
            switch ((unit ?? "ms").Trim().ToLowerInvariant())
            {
                case "ns": return 1e-6;
                case "us": case "µs": return 1e-3;
                case "s": case "sec": case "seconds": return 1e3;
                default: return 1.0;
            }
        }
    }
}
