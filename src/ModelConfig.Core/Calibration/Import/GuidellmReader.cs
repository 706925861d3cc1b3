using System.Collections.Generic;
using System.Text.Json;

namespace ModelConfig.Core.Calibration
{
    /// <summary>
    /// guidellm `benchmark --output-path report.json`: a "benchmarks" array, one entry per load point of the sweep, each
    /// with its scheduling strategy (synchronous, concurrent with N streams, constant/poisson rate, throughput) and metric
    /// distributions per request status; the successful requests' mean and median are read. Request latency is in seconds.
    /// </summary>
    internal static class GuidellmReader
    {
        public static IEnumerable<RecordResult> Read(string text)
        {
            JsonElement root;
            try { root = JsonDocument.Parse(text).RootElement; }
            catch (JsonException e) { return new[] { RecordResult.Failed("file", "(json)", "is not valid JSON: " + e.Message) }; }
            return ReadBenchmarks(root);
        }

        private static IEnumerable<RecordResult> ReadBenchmarks(JsonElement root)
        {
            var top = new JsonRecord(root);
            int i = 0;
            foreach (var b in root.GetProperty("benchmarks").EnumerateArray())
            {
                i++;
                var bench = new JsonRecord(b);
                yield return RecordResult.Of("benchmark " + i, () => FromBenchmark(top, bench));
            }
        }

        private static ServingMeasurement FromBenchmark(JsonRecord top, JsonRecord b)
        {
            double? Mean(string metric) => b.Number("metrics." + metric + ".successful.mean");
            double? Median(string metric) => b.Number("metrics." + metric + ".successful.median");
            double? Percentile(string metric, string p) => b.Number("metrics." + metric + ".successful.percentiles." + p);
            string strategyPath = b.Has("args.strategy") ? "args.strategy" : "scheduler.strategy";
            string type = b.Text(strategyPath + ".type_") ?? b.Text(strategyPath + ".type") ?? "";
            var m = new ServingMeasurement
            {
                Format = BenchmarkFormats.GuidellmJson,
                ModelId = b.Text("worker.backend_model") ?? top.Text("args.model") ?? b.Text("args.model"),
                Framework = ReaderHelpers.EngineOf(top.Text("args.backend_type") ?? b.Text("worker.backend_type")),
                TtftMs = Mean("time_to_first_token_ms"),
                TtftMedianMs = Median("time_to_first_token_ms"),
                TpotMs = Mean("time_per_output_token_ms"),
                TpotMedianMs = Median("time_per_output_token_ms"),
                ItlMs = Mean("inter_token_latency_ms"),
                EndToEndLatencyMs = Mean("request_latency") * 1000,
                TtftP90Ms = Percentile("time_to_first_token_ms", "p90"),
                TtftP99Ms = Percentile("time_to_first_token_ms", "p99"),
                TpotP90Ms = Percentile("time_per_output_token_ms", "p90"),
                TpotP99Ms = Percentile("time_per_output_token_ms", "p99"),
                EndToEndLatencyP90Ms = Percentile("request_latency", "p90") * 1000,
                EndToEndLatencyP99Ms = Percentile("request_latency", "p99") * 1000,
                OutputTokensPerSecond = Mean("output_tokens_per_second"),
                TotalTokensPerSecond = Mean("tokens_per_second"),
                RequestsPerSecond = Mean("requests_per_second"),
                InputLength = Mean("prompt_token_count"),
                OutputLength = Mean("output_token_count"),
            };
            switch (type)
            {
                case "synchronous": m.Mode = "concurrency"; m.Concurrency = 1; break;
                case "concurrent": m.Mode = "concurrency"; m.Concurrency = b.Integer(strategyPath + ".streams"); break;
                case "constant": case "poisson":
                    m.Mode = "request_rate"; m.RequestRate = b.Number(strategyPath + ".rate");
                    m.ArrivalProcess = type == "constant" ? "Constant" : "Poisson";
                    break;
                case "throughput": m.Mode = "offline"; break;
                default: throw new BenchmarkRecordException(strategyPath + ".type_", $"is '{Serialization.TextPreview.Of(type)}', not a strategy guidellm documents");
            }
            return m;
        }
    }
}
