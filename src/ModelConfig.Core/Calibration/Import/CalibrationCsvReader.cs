using System;
using System.Collections.Generic;
using System.Linq;
using ModelConfig.Core.Estimation;

namespace ModelConfig.Core.Calibration
{
    /// <summary>
    /// The calibration-set schema of ../shared/measured/README.md: one measured value per row. Rows sharing a config_key
    /// are one configuration, so they become one measurement holding all its metrics; repeated runs of one metric
    /// (same config_key and metric) are merged by their median, as the README asks.
    /// </summary>
    internal static class CalibrationCsvReader
    {
        public static IEnumerable<RecordResult> Read(string text)
        {
            var rows = CsvText.Parse(text);
            if (rows.Count == 0) yield break;
            var header = rows[0].Select(h => h.Trim()).ToArray();
            int Index(string name) => Array.IndexOf(header, name);
            int key = Index("config_key"), rowId = Index("row_id"), metric = Index("metric"), value = Index("value");
            var records = rows.Skip(1).Where(r => r.Length > 1)
                .Select((r, i) => (cells: r, line: i + 2))
                .GroupBy(r => Cell(r.cells, key));
            foreach (var g in records)
            {
                var first = g.First();
                string record = $"config {g.Key} (row {Cell(first.cells, rowId)}, line {first.line})";
                yield return RecordResult.Of(record, () =>
                {
                    string Get(string name) => Cell(first.cells, Index(name));
                    var m = Configuration(Get);
                    foreach (var byMetric in g.GroupBy(r => Cell(r.cells, metric)))
                    {
                        var values = new List<double>();
                        foreach (var r in byMetric)
                        {
                            var v = ReaderHelpers.ParseNumber(Cell(r.cells, value));
                            if (!v.HasValue) throw new BenchmarkRecordException("value", $"of row {Cell(r.cells, rowId)} ('{byMetric.Key}') is '{Serialization.TextPreview.Of(Cell(r.cells, value))}', not a number");
                            values.Add(v.Value);
                        }
                        SetMetric(m, byMetric.Key, Median(values));
                    }
                    return m;
                });
            }
        }

        private static ServingMeasurement Configuration(Func<string, string> get)
        {
            int? Int(string name) => ReaderHelpers.ParseNumber(get(name)) is double d ? (int?)Math.Round(d) : null;
            bool inferenceMax = get("row_id").StartsWith("imx", StringComparison.Ordinal);
            double lengthFactor = CalibrationRowConventions.LengthFactor(get("length_distribution"), inferenceMax);
            string framework = get("framework"), version = get("framework_version"), mode = get("mode");
            bool dynamo = CalibrationRowConventions.IsDynamoTrtllm(framework, version);
            var m = new ServingMeasurement
            {
                Format = BenchmarkFormats.CalibrationCsv,
                HfModelId = NullIfEmpty(get("hf_id")),
                HardwareId = NullIfEmpty(get("hardware_id")),
                Framework = NullIfEmpty(CalibrationRowConventions.EngineEntry(framework, version, mode)),
                FrameworkVersion = NullIfEmpty(version),
                // a disaggregated row's layout is per side (prefill_* / decode_*); num_gpus counts both pools
                TensorParallel = Int("tp") ?? (get("disaggregated") == "true" ? null : Int("num_gpus")),
                PipelineParallel = Int("pp"),
                ExpertParallel = Int("ep"),
                DataParallelAttention = get("dp_attention") == "true",
                WeightPrecision = NullIfEmpty(get("weights_dtype")),
                KvCachePrecision = NullIfEmpty(get("kv_dtype")) ?? CalibrationRowConventions.UnstatedKvCache(mode, version, get("checkpoint_id"), get("weights_dtype")),
                Mode = NullIfEmpty(mode) ?? throw new BenchmarkRecordException("mode", "is empty"),
                Concurrency = Int("concurrency"),
                BatchSize = Int("batch"),
                RequestRate = ReaderHelpers.ParseNumber(get("request_rate")),
                NumRequests = Int("num_requests"),
                MaxBatchSize = Int("max_batch_size"),
                // the multi-node launcher sets the engine limits its result files do not record
                MaxNumTokens = Int("max_num_tokens") ?? (dynamo ? CalibrationRowConventions.DynamoSweepMaxNumTokens : (int?)null),
                InputLength = Int("isl") * lengthFactor,
                OutputLength = Int("osl") * lengthFactor,
                Disaggregated = get("disaggregated") == "true",
                SpeculativeDecoding = get("spec_decoding") is var s && s.Length > 0 && s != "none" ? s : null,
                SpeculativeTokens = Int("spec_num_tokens"),
            };
            if (m.Disaggregated) m.Disaggregation = CalibrationRowConventions.Pools(get);
            // InferenceMAX's clients send a fixed number of prompts per unit of concurrency; the estimator uses it for the first wave
            if (m.Mode == "concurrency" && !m.NumRequests.HasValue && m.Concurrency.HasValue && inferenceMax)
                m.NumRequests = CalibrationRowConventions.PromptsPerRun(dynamo, m.Concurrency.Value);
            return m;
        }

        private static void SetMetric(ServingMeasurement m, string metric, double v)
        {
            int gpus = m.NumGpus;
            switch (metric)
            {
                case "throughput_output_tok_s_per_gpu": m.OutputTokensPerSecond = v * gpus; break;
                case "throughput_output_tok_s": m.OutputTokensPerSecond = v; break;
                case "throughput_total_tok_s_per_gpu": m.TotalTokensPerSecond = v * gpus; break;
                case "requests_per_s": m.RequestsPerSecond = v; break;
                case "ttft_ms_mean": m.TtftMs = v; break;
                case "ttft_ms_median": m.TtftMedianMs = v; break;
                case "tpot_ms_mean": m.TpotMs = v; break;
                case "tpot_ms_median": m.TpotMedianMs = v; break;
                case "itl_ms": m.ItlMs = v; break;
                case "e2e_latency_s": m.EndToEndLatencyMs = v * 1000; break;
                // the same output throughput, divided by the decode GPUs only; the deployment's figure is read from the others
                case "throughput_output_tok_s_per_decode_gpu":
                    if (!m.OutputTokensPerSecond.HasValue && m.Disaggregation is { } pools) m.OutputTokensPerSecond = v * pools.DecodeGpus;
                    break;
                default: throw new BenchmarkRecordException("metric", $"is '{Serialization.TextPreview.Of(metric)}', not a metric of the calibration schema");
            }
        }

        private static double Median(List<double> values)
        {
            values.Sort();
            int n = values.Count;
            return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
        }

        private static string Cell(string[] cells, int index) => index >= 0 && index < cells.Length ? cells[index].Trim() : "";

        private static string? NullIfEmpty(string s) => s.Length == 0 ? null : s;
    }
}
