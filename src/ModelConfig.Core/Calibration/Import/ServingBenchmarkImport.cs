using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace ModelConfig.Core.Calibration
{
    /// <summary>What one file gave: its format, the measurements, and one error per record that could not be used.</summary>
    public sealed class BenchmarkImportResult
    {
        public string FilePath { get; set; } = "";
        public string? Format { get; set; }
        public List<ServingMeasurement> Measurements { get; } = new List<ServingMeasurement>();
        public List<BenchmarkRecordError> Errors { get; } = new List<BenchmarkRecordError>();
    }

    /// <summary>
    /// Reads benchmark result files of any of <see cref="BenchmarkFormats"/> into <see cref="ServingMeasurement"/>s: detects
    /// the format from the content, reads each record, applies what the caller states (a template measurement whose set fields win),
    /// and checks each record on its own, so one bad record is one error and the others still import.
    /// </summary>
    public static class ServingBenchmarkImport
    {
        private static readonly System.Text.RegularExpressions.Regex PythonLiterals =
            new System.Text.RegularExpressions.Regex(@":\s*(-?Infinity|NaN)\s*([,}\r\n])", System.Text.RegularExpressions.RegexOptions.Compiled);

        public static BenchmarkImportResult ReadFile(string path, ServingMeasurement? stated = null, MeasurementCatalog? catalog = null)
            => ReadText(File.ReadAllText(path), path, stated, catalog);

        public static BenchmarkImportResult ReadText(string text, string path, ServingMeasurement? stated = null, MeasurementCatalog? catalog = null)
        {
            // Python's json module writes bare Infinity/NaN (SGLang's request_rate of an unlimited run); JSON parsers refuse them
            if (text.TrimStart().StartsWith("{", StringComparison.Ordinal)) text = PythonLiterals.Replace(text, ": \"$1\"$2");
            var result = new BenchmarkImportResult { FilePath = path, Format = BenchmarkFormats.Detect(text) };
            if (result.Format == null)
            {
                result.Errors.Add(new BenchmarkRecordError(path, "file", "(format)",
                    "matches none of the benchmark formats (" + string.Join(", ", BenchmarkFormats.All) + "); nothing was imported"));
                return result;
            }
            foreach (var r in Read(result.Format, text))
            {
                if (r.Measurement == null) { result.Errors.Add(new BenchmarkRecordError(path, r.Record, r.ErrorField!, r.ErrorProblem!)); continue; }
                var m = r.Measurement;
                m.SourceFile = path;
                if (stated != null) MeasurementOverrides.Apply(stated, m);
                try
                {
                    Check(m, catalog);
                    result.Measurements.Add(m);
                }
                catch (BenchmarkRecordException e) { result.Errors.Add(new BenchmarkRecordError(path, r.Record, e.Field, e.Message)); }
            }
            return result;
        }

        private static IEnumerable<RecordResult> Read(string format, string text)
        {
            switch (format)
            {
                case BenchmarkFormats.CalibrationCsv: return CalibrationCsvReader.Read(text);
                case BenchmarkFormats.VllmJson: return ServingClientReaders.ReadVllm(text);
                case BenchmarkFormats.SglangJsonl: return ServingClientReaders.ReadSglang(text);
                case BenchmarkFormats.AiPerfJson: return AiPerfReaders.ReadJson(text);
                case BenchmarkFormats.AiPerfCsv: return AiPerfReaders.ReadCsv(text);
                case BenchmarkFormats.GuidellmJson: return GuidellmReader.Read(text);
                case BenchmarkFormats.TrtllmBench: return TrtllmBenchReader.Read(text);
                default: throw new ArgumentOutOfRangeException(nameof(format), format, "unknown benchmark format");
            }
        }

        /// <summary>Throws for the first field that makes the record unusable; resolves model and hardware to library ids.</summary>
        private static void Check(ServingMeasurement m, MeasurementCatalog? catalog)
        {
            var metrics = m.Metrics();
            if (metrics.Count == 0) throw new BenchmarkRecordException("metrics", "are missing: the record holds no TTFT, TPOT, ITL, latency or throughput");
            foreach (var v in metrics)
                if (double.IsNaN(v.Value) || v.Value <= 0) throw new BenchmarkRecordException(v.Metric.Name, $"is {v.Value}: a measured time or rate must be positive");
            RequirePositive("InputLength", m.InputLength, "give the mean prompt tokens");
            RequirePositive("OutputLength", m.OutputLength, "give the mean output tokens");
            if (m.Mode == "concurrency") RequirePositive("Concurrency", m.Concurrency, "the file does not state it: give -Concurrency");
            if (m.Mode == "static_batch") RequirePositive("BatchSize", m.BatchSize, "a static batch needs its size");
            if (m.TensorParallel.HasValue) RequirePositive("TensorParallel", m.TensorParallel, "");
            string? model = m.ModelId ?? m.HfModelId;
            if (model == null) throw new BenchmarkRecordException("ModelId", "is missing: the file does not name the model; give -ModelId");
            if (m.HardwareId == null) throw new BenchmarkRecordException("HardwareId", "is missing: result files do not name the accelerator; give -Hardware");
            if (catalog == null) return;
            var config = catalog.Model(model)
                ?? throw new BenchmarkRecordException("ModelId", $"'{Serialization.TextPreview.Of(model)}' is neither a model id nor the HfModelId of a model in the library (searched {catalog.ModelsSearched}); give -ModelId");
            if (m.HfModelId == null || !m.HfModelId.Equals(config.HfModelId, StringComparison.OrdinalIgnoreCase)) m.HfModelId = config.HfModelId;
            m.ModelId = config.ModelId;
            var hw = catalog.Hardware(m.HardwareId)
                ?? throw new BenchmarkRecordException("HardwareId", $"'{Serialization.TextPreview.Of(m.HardwareId)}' is not in the hardware library (searched {catalog.HardwareSearched})");
            m.HardwareId = hw.HardwareId;
        }

        private static void RequirePositive(string field, double? value, string hint)
        {
            if (!value.HasValue) throw new BenchmarkRecordException(field, "is missing" + (hint.Length > 0 ? ": " + hint : ""));
            if (double.IsNaN(value.Value) || value.Value <= 0) throw new BenchmarkRecordException(field, $"is {value.Value}: it must be positive");
        }
    }
}
