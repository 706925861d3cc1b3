using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using ModelConfig.Core.Calibration;
using ModelConfig.Core.Estimation;
using ModelConfig.Core.Hardware;
using ModelConfig.DataTools;

namespace ModelConfig.Accuracy
{
    /// <summary>
    /// The serving modes the main table skips: offline, disaggregated and MTP rows, predicted with the fitted calibration as
    /// it is (nothing is fitted on these rows) and printed as separate sections, per model family and with
    /// leave-one-family-out (identical to in-sample while no parameter is fitted on them, printed to show it).
    /// </summary>
    internal static class ServingModesAccuracy
    {
        private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

        /// <summary>--dump-serving: CSV of every serving point (inputs, prediction, measurement, the estimate's internals) for error analysis.</summary>
        public static string? DumpPath;

        private sealed class ModePoint
        {
            public string Section = "", Family = "", Metric = "", Label = "", Version = "";
            public DeploymentEstimate? Estimate;
            public double Measured;
            public DeploymentRequest Request = null!;
        }

        public static void Run(string csv, ModelResolver models, HardwareLibrary hardware, EstimatorCalibration cal, bool verbose)
        {
            var points = Load(csv, models, hardware);
            if (DumpPath != null) Dump(DumpPath, points, cal);
            Console.WriteLine();
            Console.WriteLine("serving modes (offline, disaggregated, MTP): median |error| per section, model family and metric; targets offline <= 12%, disaggregated <= 15%");
            foreach (var section in points.GroupBy(p => p.Section).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                var scored = section.Select(p => (p, pred: Predict(p, cal))).ToList();
                var apes = scored.Select(x => Ape(x.pred, x.p.Measured)).ToList();
                Console.WriteLine($"  {section.Key,-16} all {Program.Median(apes) * 100,6:0.0}% ({apes.Count} points; {apes.Count(a => a <= 0.2) * 100.0 / apes.Count:0}% within ±20%; signed median {Program.Median(scored.Where(x => !double.IsNaN(x.pred)).Select(x => x.pred / x.p.Measured - 1)) * 100:+0.0;-0.0}%)");
                foreach (var m in scored.GroupBy(x => x.p.Metric).OrderBy(g => g.Key, StringComparer.Ordinal))
                    Console.WriteLine($"    {m.Key,-40} {Program.Median(m.Select(x => Ape(x.pred, x.p.Measured))) * 100,6:0.0}% ({m.Count()})");
                foreach (var f in scored.GroupBy(x => x.p.Family).OrderBy(g => g.Key, StringComparer.Ordinal))
                {
                    // leave-one-family-out: no parameter is fitted on these rows, so holding a family out changes nothing
                    double held = Program.Median(f.Select(x => Ape(x.pred, x.p.Measured)));
                    Console.WriteLine($"    family {f.Key,-33} {held * 100,6:0.0}% in-sample, {held * 100,6:0.0}% held out ({f.Count()})");
                }
                if (verbose)
                    foreach (var x in scored.OrderBy(x => x.p.Label, StringComparer.Ordinal))
                        Console.WriteLine($"      {x.p.Label,-90} {x.p.Metric,-40} meas {x.p.Measured,10:0.###} pred {x.pred,10:0.###} {(x.pred / x.p.Measured - 1) * 100,7:+0.0;-0.0}%");
            }
        }

        private static double Ape(double pred, double measured) => double.IsNaN(pred) ? 1.0 : Math.Abs(pred - measured) / measured;

        private static double Predict(ModePoint p, EstimatorCalibration cal)
        {
            p.Request.Calibration = cal;
            try
            {
                var e = DeploymentEstimator.Estimate(p.Request);
                p.Estimate = e;
                if (p.Metric == "throughput_output_tok_s_per_decode_gpu") return e.OutputTokensPerSecondPerDecodeGpu ?? double.NaN;
                if (p.Metric == "requests_per_s") return e.RequestsPerSecond;
                return Program.Predict(e, p.Metric);
            }
            catch (DeploymentConfigurationException) { return double.NaN; }
        }

        private static string Col(Dictionary<string, string> r, string name) => r.TryGetValue(name, out var v) ? v.Trim() : "";

        private static int Int(Dictionary<string, string> r, string name, int fallback)
            => int.TryParse(Col(r, name), NumberStyles.Integer, Inv, out var v) ? v : fallback;

        private static List<ModePoint> Load(string csv, ModelResolver models, HardwareLibrary hardware)
        {
            var points = new List<ModePoint>();
            foreach (var g in CsvTable.ReadRecords(csv).GroupBy(r => (Col(r, "config_key"), Col(r, "metric"))))
            {
                var row = g.First();
                bool disagg = Col(row, "disaggregated") == "true", mtp = Col(row, "spec_decoding") == "mtp", offline = Col(row, "mode") == "offline";
                if (!disagg && !mtp && !offline) continue;
                var model = models.Get(Col(row, "hf_id"));
                var hw = hardware.Find(Col(row, "hardware_id"));
                if (model == null || hw == null) continue;
                var values = g.Select(r => double.Parse(Col(r, "value"), NumberStyles.Float, Inv)).ToList();
                double lf = CalibrationRowConventions.LengthFactor(Col(row, "length_distribution"), Col(row, "row_id").StartsWith("imx", StringComparison.Ordinal));
                string framework = Col(row, "framework"), version = Col(row, "framework_version"), mode = Col(row, "mode");
                int tp = Int(row, "tp", 1), pp = Math.Max(1, Int(row, "pp", 1));
                bool dp = Col(row, "dp_attention") == "true";
                int ep = Col(row, "ep").Length > 0 ? Int(row, "ep", 1) : CalibrationRowConventions.UnstatedExpertParallel(model.IsMoe, dp, tp);
                var req = new DeploymentRequest
                {
                    Model = model, Hardware = hw, TensorParallel = tp, PipelineParallel = pp, ExpertParallel = ep, DataParallelAttention = dp,
                    WeightPrecision = Col(row, "weights_dtype").Length == 0 ? null : Col(row, "weights_dtype"),
                    KvCachePrecision = Col(row, "kv_dtype").Length > 0 ? Col(row, "kv_dtype") : CalibrationRowConventions.UnstatedKvCache(mode, version, Col(row, "checkpoint_id"), Col(row, "weights_dtype")),
                    Framework = framework.Length == 0 ? null : CalibrationRowConventions.EngineEntry(framework, version, mode),
                    InputLength = Math.Max(1, (int)Math.Round(lf * Int(row, "isl", 1))),
                    OutputLength = Math.Max(1, (int)Math.Round(lf * Int(row, "osl", 1))),
                    NumRequests = Col(row, "num_requests").Length > 0 ? Int(row, "num_requests", 1000) : (int?)null,
                    MaxBatchSize = Col(row, "max_batch_size").Length > 0 ? Int(row, "max_batch_size", 1) : (int?)null,
                    MaxNumTokens = Col(row, "max_num_tokens").Length > 0 ? Int(row, "max_num_tokens", 1) : (int?)null,
                };
                if (offline) req.Offline = true; else req.Concurrency = Math.Max(1, Int(row, "concurrency", 1));
                if (disaggregated(row))
                {
                    req.Disaggregation = CalibrationRowConventions.Pools(name => Col(row, name)) ?? new DisaggregatedPools();
                    // the result files do not record the client or the engine limits, but the launcher does
                    bool dynamo = CalibrationRowConventions.IsDynamoTrtllm(framework, version);
                    req.NumRequests ??= CalibrationRowConventions.PromptsPerRun(dynamo, req.Concurrency!.Value);
                    if (dynamo) req.MaxNumTokens ??= CalibrationRowConventions.DynamoSweepMaxNumTokens;
                }
                if (mtp) { req.SpeculativeMethod = SpeculativeMethod.Mtp; req.SpeculativeTokens = Int(row, "spec_num_tokens", 1); }
                points.Add(new ModePoint
                {
                    Section = disagg ? "disaggregated" : mtp ? "mtp" : "offline", Family = Family(Col(row, "hf_id")), Metric = Col(row, "metric"),
                    Measured = Program.Median(values), Request = req,
                    Version = Col(row, "framework_version"),
                    Label = $"{Col(row, "hf_id")} {Col(row, "hardware_id")} {Col(row, "framework_version")} tp{tp}pp{pp}ep{ep} {Col(row, "isl")}/{Col(row, "osl")} c{Col(row, "concurrency")} n{Col(row, "num_requests")}" + (disagg ? $" P{Col(row, "prefill_workers")}x{Col(row, "prefill_tp")} D{Col(row, "decode_workers")}x{Col(row, "decode_tp")}ep{Col(row, "decode_ep")}{(Col(row, "decode_dp_attention") == "true" ? "dp" : "")}" : ""),
                });
            }
            return points;

            static bool disaggregated(Dictionary<string, string> r) => Col(r, "disaggregated") == "true";
        }

        private static void Dump(string path, List<ModePoint> points, EstimatorCalibration cal)
        {
            static string N(double? v) => v.HasValue && !double.IsNaN(v.Value) ? v.Value.ToString("0.####", Inv) : "";
            var lines = new List<string> { "section,family,model,hardware,version,tp,pp,ep,dp,weights,isl,osl,concurrency,num_requests,prefill_workers,prefill_tp,decode_workers,decode_tp,decode_ep,decode_dp,metric,measured,predicted,ratio,running_batch,ttft_ms,tpot_ms,prefill_ms,kv_transfer_ms,limiting_pool,fits" };
            foreach (var p in points)
            {
                double pred = Predict(p, cal);
                var r = p.Request; var e = p.Estimate; var d = r.Disaggregation;
                lines.Add(string.Join(",", p.Section, p.Family, r.Model.ModelId, r.Hardware.HardwareId, "\"" + p.Version + "\"", r.TensorParallel, r.PipelineParallel, r.ExpertParallel, r.DataParallelAttention,
                    r.WeightPrecision, r.InputLength, r.OutputLength, r.Concurrency, r.NumRequests, d?.PrefillWorkers, d?.PrefillTensorParallel, d?.DecodeWorkers, d?.DecodeTensorParallel,
                    d?.DecodeExpertParallel, d?.DecodeDataParallelAttention, p.Metric, N(p.Measured), N(pred), N(pred / p.Measured), N(e?.RunningBatch), N(e?.TtftMs), N(e?.TpotMs),
                    N(e?.PrefillMs), N(e?.KvTransferMs), e?.LimitingPool, e?.Fits));
            }
            System.IO.File.WriteAllLines(path, lines);
            Console.WriteLine($"serving points written to {path}");
        }

        /// <summary>Model family for leave-one-family-out: the organisation plus the name up to its size.</summary>
        private static string Family(string hfId)
        {
            var name = hfId.Split('/').Last();
            int cut = name.IndexOfAny("0123456789".ToCharArray(), Math.Min(name.Length, 4));
            return cut > 0 ? name.Substring(0, cut).TrimEnd('-', '.', '_') : name;
        }
    }
}
