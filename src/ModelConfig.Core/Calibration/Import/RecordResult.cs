using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace ModelConfig.Core.Calibration
{
    /// <summary>What a reader made of one record: a measurement, or the field that stopped it.</summary>
    internal sealed class RecordResult
    {
        public string Record { get; private set; } = "";
        public ServingMeasurement? Measurement { get; private set; }
        public string? ErrorField { get; private set; }
        public string? ErrorProblem { get; private set; }

        /// <summary>Runs one record's reader; a <see cref="BenchmarkRecordException"/> concerns that record only.</summary>
        public static RecordResult Of(string record, Func<ServingMeasurement> read)
        {
            try
            {
                var m = read();
                m.Record = record;
                return new RecordResult { Record = record, Measurement = m };
            }
            catch (BenchmarkRecordException e) { return Failed(record, e.Field, e.Message); }
        }

        public static RecordResult Failed(string record, string field, string problem) =>
            new RecordResult { Record = record, ErrorField = field, ErrorProblem = problem };
    }

    /// <summary>Shared pieces of the readers: engine names, dtype names, per-request means.</summary>
    internal static class ReaderHelpers
    {
        /// <summary>The engine a benchmark client's backend name implies; null when it names only an API (openai, openai-chat).</summary>
        public static string? EngineOf(string? backend)
        {
            var b = (backend ?? "").ToLowerInvariant();
            if (b.Contains("vllm")) return "vllm";
            if (b.Contains("sglang")) return "sglang";
            if (b.Contains("trt") || b.Contains("tensorrt")) return "trtllm";
            return null;
        }

        /// <summary>Weight dtype as the estimator names it, from labels like FP8, NVFP4, bfloat16; null for none/unknown.</summary>
        public static string? PrecisionOf(string? label)
        {
            var l = (label ?? "").Trim().ToLowerInvariant();
            switch (l)
            {
                case "bfloat16": case "bf16": return "bf16";
                case "float16": case "fp16": case "half": return "fp16";
                case "fp8": case "float8": case "fp8_block_scales": return "fp8";
                case "nvfp4": case "fp4": return "fp4";
                case "mxfp4": return "mxfp4";
                case "int8": case "w8a8": return "int8";
                case "int4": case "w4a16_awq": case "w4a16_gptq": return "int4";
                default: return null;
            }
        }

        public static double? PerRequest(double? total, double? count) =>
            total.HasValue && count.HasValue && count.Value > 0 ? total.Value / count.Value : (double?)null;

        public static double? ParseNumber(string? s) =>
            double.TryParse((s ?? "").Trim().TrimEnd('%').Replace(",", ""), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : (double?)null;
    }

    /// <summary>RFC 4180 CSV: quoted fields may hold commas, quotes ("") and line breaks.</summary>
    internal static class CsvText
    {
        public static List<string[]> Parse(string text)
        {
            var rows = new List<string[]>();
            var row = new List<string>();
            var field = new StringBuilder();
            bool quoted = false;
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (quoted)
                {
                    if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                    else if (c == '"') quoted = false;
                    else field.Append(c);
                    continue;
                }
                if (c == '"') quoted = true;
                else if (c == ',') { row.Add(field.ToString()); field.Clear(); }
                else if (c == '\n' || c == '\r')
                {
                    if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n') i++;
                    row.Add(field.ToString()); field.Clear();
                    rows.Add(row.ToArray()); row.Clear();
                }
                else if (c != '\uFEFF') field.Append(c);
            }
            if (field.Length > 0 || row.Count > 0) { row.Add(field.ToString()); rows.Add(row.ToArray()); }
            return rows;
        }
    }
}
