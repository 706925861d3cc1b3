using System;
using System.Collections.Generic;
using System.Text.Json;

namespace ModelConfig.Core.Calibration
{
    /// <summary>
    /// The two benchmark_serving descendants: vLLM `vllm bench serve --save-result` (one JSON object per run) and SGLang
    /// `python -m sglang.bench_serving --output-file` (JSON Lines, one object appended per run). Both report totals over
    /// the completed requests and mean/median latencies in ms; they differ in a few names (e2el vs e2e_latency).
    /// </summary>
    internal static class ServingClientReaders
    {
        public static IEnumerable<RecordResult> ReadVllm(string text)
        {
            JsonElement root;
            try { root = JsonDocument.Parse(text).RootElement; }
            catch (JsonException e) { return new[] { RecordResult.Failed("file", "(json)", "is not valid JSON: " + e.Message) }; }
            return new[] { RecordResult.Of("run", () => FromRun(new JsonRecord(root), "e2el", "total_token_throughput", BenchmarkFormats.VllmJson)) };
        }

        public static IEnumerable<RecordResult> ReadSglang(string text)
        {
            var lines = text.Split('\n');
            for (int i = 0; i < lines.Length; i++)
            {
                var line = lines[i].Trim();
                if (line.Length == 0) continue;
                string record = "line " + (i + 1);
                JsonElement root = default;
                string? parseError = null;
                try { root = JsonDocument.Parse(line).RootElement; }
                catch (JsonException e) { parseError = e.Message; }
                if (parseError != null) { yield return RecordResult.Failed(record, "(json)", "is not valid JSON: " + parseError); continue; }
                yield return RecordResult.Of(record, () =>
                {
                    var r = new JsonRecord(root);
                    if (!r.Has("mean_e2e_latency_ms")) throw new BenchmarkRecordException("mean_e2e_latency_ms", "is missing: not an SGLang bench_serving record");
                    var m = FromRun(r, "e2e_latency", "total_throughput", BenchmarkFormats.SglangJsonl);
                    // SGLang writes input and output throughput; their sum is the total
                    if (!m.TotalTokensPerSecond.HasValue && r.Number("input_throughput") is double inTput && m.OutputTokensPerSecond.HasValue)
                        m.TotalTokensPerSecond = inTput + m.OutputTokensPerSecond.Value;
                    m.Framework ??= "sglang";
                    return m;
                });
            }
        }

        /// <summary>One run of vLLM's or SGLang's serving benchmark; <paramref name="e2e"/> is the end-to-end latency's key (e2el, e2e_latency).</summary>
        private static ServingMeasurement FromRun(JsonRecord r, string e2e, string totalThroughput, string format)
        {
            double? completed = r.Number("completed");
            if (!completed.HasValue || completed.Value <= 0) throw new BenchmarkRecordException("completed", "is missing or zero: no request completed");
            var m = new ServingMeasurement
            {
                Format = format,
                ModelId = r.Text("model_id") ?? r.Text("model"),
                Framework = ReaderHelpers.EngineOf(r.Text("backend")),
                TensorParallel = r.Integer("tensor_parallel_size") ?? r.Integer("tp"),
                Concurrency = r.Integer("max_concurrency"),
                RequestRate = r.Number("request_rate"),
                // vLLM's --burstiness (gamma shape of the inter-arrival times; 1 = Poisson), recorded with the result
                Burstiness = r.Number("burstiness"),
                NumRequests = r.Integer("num_prompts") ?? (int)completed.Value,
                InputLength = ReaderHelpers.PerRequest(r.Number("total_input_tokens"), completed),
                OutputLength = ReaderHelpers.PerRequest(r.Number("total_output_tokens"), completed),
                TtftMs = r.Number("mean_ttft_ms"),
                TtftMedianMs = r.Number("median_ttft_ms"),
                TpotMs = r.Number("mean_tpot_ms"),
                TpotMedianMs = r.Number("median_tpot_ms"),
                ItlMs = r.Number("mean_itl_ms"),
                EndToEndLatencyMs = r.Number($"mean_{e2e}_ms") ?? r.Number($"median_{e2e}_ms"),
                // the percentiles --metric-percentiles asked for (99 by default)
                TtftP90Ms = r.Number("p90_ttft_ms"),
                TtftP99Ms = r.Number("p99_ttft_ms"),
                TpotP90Ms = r.Number("p90_tpot_ms"),
                TpotP99Ms = r.Number("p99_tpot_ms"),
                EndToEndLatencyP90Ms = r.Number($"p90_{e2e}_ms"),
                EndToEndLatencyP99Ms = r.Number($"p99_{e2e}_ms"),
                OutputTokensPerSecond = r.Number("output_throughput"),
                TotalTokensPerSecond = r.Number(totalThroughput),
                RequestsPerSecond = r.Number("request_throughput"),
            };
            // no concurrency limit: a finite rate is open-loop arrivals, an infinite one queues everything at once
            m.Mode = m.Concurrency.HasValue ? "concurrency" : m.RequestRate.HasValue ? "request_rate" : "offline";
            return m;
        }
    }
}
