using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using ModelConfig.DataTools;
using ModelConfig.Core.Building;
using ModelConfig.Core.Calibration;
using ModelConfig.Core.Estimation;
using ModelConfig.Core.Hardware;
using ModelConfig.Core.Models;
using ModelConfig.Core.Serialization;

namespace ModelConfig.Accuracy
{
    /// <summary>One configuration × metric of the calibration set (repeated runs merged by their median).</summary>
    internal sealed class Point
    {
        public string ConfigKey = "", Metric = "", HfId = "", HardwareId = "", Framework = "", Mode = "";
        public double Measured;
        public int Runs;
        public DeploymentRequest Request = null!;
        public string Group => HfId + " | " + HardwareId;
        /// <summary>Model lineage (llama-2, gpt-j, mixtral, gpt-oss, deepseek ...): the unit left out by the family split.</summary>
        public string ModelFamily => CrossValidation.LineageOf(HfId);
        /// <summary>Hardware generation key (nvidia/hopper, amd/cdna4 ...): the unit left out by the generation split.</summary>
        public string Generation => EstimatorCalibration.FamilyOf(Request.Hardware);
        public string MetricClass => Program.ClassOf(Metric);
    }

    internal static class Program
    {
        private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

        public static string ClassOf(string metric) =>
            metric.StartsWith("ttft", StringComparison.Ordinal) ? "TTFT"
            : metric.StartsWith("throughput", StringComparison.Ordinal) ? "throughput"
            : "TPOT/ITL/E2E";

        private static int Main(string[] args)
        {
            var sw = Stopwatch.StartNew();
            string repo = FindRepoRoot();
            string? csv = null, calibrationPath = null, holdout = null, hfConfigs = null;
            bool fit = false, verbose = false, roofline = false, cv = true;
            int rounds = 10;
            for (int i = 0; i < args.Length; i++)
            {
                switch (args[i].ToLowerInvariant())
                {
                    case "--fit": case "-fit": fit = true; break;
                    case "--calibration": calibrationPath = args[++i]; break;
                    case "--from-priors": break; // always: fits start from the priors
                    case "--roofline": roofline = true; break;
                    case "--holdout-all": break;
                    case "--no-cv": cv = false; break;
                    case "--hf-configs": hfConfigs = args[++i]; break;
                    case "--holdout": holdout = args[++i]; break;
                    case "--rounds": rounds = int.Parse(args[++i], Inv); break;
                    case "--verbose": case "-v": verbose = true; break;
                    case "--dump-serving": ServingModesAccuracy.DumpPath = args[++i]; break;
                    case "--help": case "-h": case "-?":
                        Console.WriteLine("ModelConfig.Accuracy [calibration.csv] [--calibration estimator.json] [--fit [--rounds N]] [--verbose]");
                        Console.WriteLine("  default csv: ../shared/measured/calibration.csv relative to the repository");
                        Console.WriteLine("  --fit          refit the efficiencies, write data/calibration/estimator.json (embedded in the core at build) with the error bands of the refitted residuals, and print the bands");
                        Console.WriteLine("  --hf-configs DIR  folder of <org>--<name>/config.json (default: ../reference/hf-configs beside the csv, else ../shared/reference/hf-configs)");
                        Console.WriteLine("  (default)      score the embedded calibration, then leave-one-model-family-out, leave-one-hardware-generation-out and");
                        Console.WriteLine("                 leave-one-engine-out refits from the priors; exit 3 if the out-of-sample macro is more than 1 point worse");
                        Console.WriteLine("                 than holdoutMacroMedianApe in estimator.json (regression guard)");
                        Console.WriteLine("  --no-cv        in-sample tables only (no hold-out refits, no guard)");
                        Console.WriteLine("  --holdout-all  accepted for compatibility (--fit always runs the hold-out splits and stores their figures and bands)");
                        Console.WriteLine("  --roofline     baseline: the same model with every efficiency 1 and no overheads or queueing");
                        Console.WriteLine("  --holdout TEXT with --fit: fit without the groups containing TEXT, report them as held out, write nothing");
                        return 0;
                    default: csv = args[i]; break;
                }
            }
            csv ??= Path.GetFullPath(Path.Combine(repo, "..", "shared", "measured", "calibration.csv"));
            if (!File.Exists(csv)) { Console.Error.WriteLine($"calibration.csv not found: {csv}"); return 2; }
            string sharedRef = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(csv)!, "..", "reference"));
            if (!Directory.Exists(Path.Combine(sharedRef, "hf-configs")))
                sharedRef = Path.GetFullPath(Path.Combine(repo, "..", "shared", "reference"));
            if (hfConfigs != null) sharedRef = Path.GetDirectoryName(Path.GetFullPath(hfConfigs).TrimEnd('/', '\\'))!;

            var cal = calibrationPath != null ? EstimatorCalibration.Load(calibrationPath) : EstimatorCalibration.Default.Clone();
            if (roofline) cal = Roofline();
            var models = new ModelResolver(repo, hfConfigs != null ? Path.GetFullPath(hfConfigs) : Path.Combine(sharedRef, "hf-configs"));
            var hardware = new HardwareLibrary(Path.Combine(repo, "data", "hardware"));
            var points = LoadPoints(csv, models, hardware, out int rows, out var skipped);
            Console.WriteLine($"calibration set: {csv}");
            Console.WriteLine($"{rows} rows -> {points.Count} configuration x metric points (median over repeated runs); models from {string.Join(", ", models.Sources.Distinct())}");
            foreach (var s in skipped.GroupBy(x => x)) Console.WriteLine($"  skipped ({s.Count()} points): {s.Key}");

            if (points.Count == 0)
            {
                Console.WriteLine("no predictable points in this file");
                return 0;
            }
            if (fit && holdout != null)
            {
                var train = points.Where(p => p.Group.IndexOf(holdout, StringComparison.OrdinalIgnoreCase) < 0).ToList();
                var held = points.Where(p => p.Group.IndexOf(holdout, StringComparison.OrdinalIgnoreCase) >= 0).ToList();
                Console.WriteLine($"hold-out '{holdout}': fitting on {train.Count} points, {held.Count} held out");
                // no leakage: start from the priors with no engine-specific entries
                var hcal = new Fitter(train, CrossValidation.Start(cal), fromPriors: true).Run(rounds);
                hcal.Provenance = $"hold-out fit without '{holdout}' (from priors, engine entries refitted on the training groups only)";
                Evaluate(held, hcal, out var heldResult);
                Print(heldResult, verbose ? held : null, hcal);
                Console.WriteLine($"elapsed {sw.Elapsed.TotalSeconds:0.0} s");
                return 0;
            }
            if (fit)
            {
                // from the priors (not from the previous fit) so the fit is reproducible and the same as the hold-out refits
                var fitter = new Fitter(points, CrossValidation.Start(cal), fromPriors: true);
                cal = fitter.Run(rounds);
                Evaluate(points, cal, out var fitResult);
                cal.FittedAtUtc = DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", Inv);
                cal.FitMacroMedianApe = Math.Round(fitResult.Macro, 4);
                cal.Provenance = $"Fitted by tools/ModelConfig.Accuracy --fit (coordinate descent on the balanced macro median absolute % error: mean over model x hardware groups of the mean over metric classes TTFT / TPOT-ITL-E2E / throughput of the median; log-prior pull (weight 0.5) to the physical priors, generation priors in families.*.source) on {Path.GetFileName(csv)}: {rows} rows, {points.Count} configuration x metric points (repeated InferenceMAX runs merged by median; uniform[0.8,1.0] lengths as 0.9 x nominal; 10 x concurrency requests per run), groups: {string.Join("; ", points.Select(p => p.Group).Distinct())}.";
                cal.CalibratedFamilies = points.Select(p => p.Generation).Distinct().OrderBy(x => x).ToList();
                cal.CalibratedModelFamilies = points.Select(p => p.ModelFamily).Distinct().OrderBy(x => x).ToList();
                cal.CalibratedEngines = points.Select(p => p.Framework).Where(f => f != "other").Distinct().OrderBy(x => x).ToList();
                foreach (var g in cal.CalibratedFamilies.Where(cal.Families.ContainsKey))
                    cal.Families[g].Note = "fitted on " + string.Join(", ", points.Where(p => p.Generation == g).Select(p => p.Group).Distinct()) + " where the fit has a parameter for it; the rest stays at the prior";
                Console.WriteLine("hold-out refits (from the priors, " + CrossValidation.Rounds + " rounds each):");
                var splits = CrossValidation.Run(points, cal, CrossValidation.Rounds);
                double oos = CrossValidation.Headline(splits);
                cal.HoldoutMacroMedianApe = Math.Round(oos, 4);
                cal.HoldoutMacroBySplit = splits.ToDictionary(x => x.Split, x => Math.Round(x.Macro, 4));
                cal.ExtrapolationFactor = Math.Round(Math.Max(1.5, splits.Max(x => x.Macro) / oos), 2);
                cal.ErrorBands = CrossValidation.Bands(splits);
                WriteCalibration(repo, cal);
                PrintBands(cal);
                Print(fitResult, verbose ? points : null, cal);
                CrossValidation.Print(fitResult, splits);
                Console.WriteLine($"elapsed {sw.Elapsed.TotalSeconds:0.0} s");
                return 0;
            }

            Evaluate(points, cal, out var result);
            Print(result, verbose ? points : null, cal);
            ServingModesAccuracy.Run(csv, models, hardware, cal, verbose);
            int code = 0;
            if (cv && calibrationPath == null && !roofline)
            {
                Console.WriteLine();
                Console.WriteLine("hold-out refits (from the priors, " + CrossValidation.Rounds + " rounds each):");
                var splits = CrossValidation.Run(points, cal, CrossValidation.Rounds);
                CrossValidation.Print(result, splits);
                code = Guard(cal, CrossValidation.Headline(splits));
            }
            Console.WriteLine($"elapsed {sw.Elapsed.TotalSeconds:0.0} s");
            return code;
        }

        /// <summary>Regression guard: the out-of-sample macro may not worsen by more than one point against the recorded figure.</summary>
        private static int Guard(EstimatorCalibration cal, double oos)
        {
            if (cal.HoldoutMacroMedianApe is not double recorded) { Console.WriteLine("guard: no recorded out-of-sample figure in estimator.json; nothing to compare"); return 0; }
            bool ok = oos <= recorded + 0.01;
            Console.WriteLine($"guard: out-of-sample macro {oos * 100:0.00}% vs recorded {recorded * 100:0.00}% (limit +1.00 point): {(ok ? "pass" : "FAIL")}");
            return ok ? 0 : 3;
        }

        /// <summary>A naive roofline: peak compute, peak bandwidth, no fixed costs, no queueing.</summary>
        private static EstimatorCalibration Roofline() => new EstimatorCalibration
        {
            Provenance = "naive roofline baseline (every efficiency 1, no overheads, no queueing)",
            GemmEfficiency16 = 1, GemmEfficiency8 = 1, GemmEfficiency4 = 1, DequantGemmFactor = 1, GemmHalfEfficiencyTokens = 1e-9,
            AttentionEfficiency = 1, MemoryEfficiency = 1, LayerOverheadUs = 0, StepOverheadMs = 0, CollectiveLatencyUs = 0,
            CommunicationEfficiency = 1, PcieCommunicationEfficiency = 1, QueueSteps = 0, ArrivalSpread = 1e9,
            ServingOverheadMs = 0, ServingOverheadPerInputTokenUs = 0,
        };

        // ------------------------------------------------------------------ loading

        private static readonly string[] KnownMetrics =
        {
            "throughput_output_tok_s_per_gpu", "throughput_output_tok_s", "throughput_total_tok_s_per_gpu", "throughput_total_tok_s",
            "ttft_ms_mean", "ttft_ms_median", "tpot_ms_mean", "tpot_ms_median", "itl_ms", "e2e_latency_s",
        };

        private static string Col(Dictionary<string, string> r, string name) => r.TryGetValue(name, out var v) ? v.Trim() : "";

        private static int IntCol(Dictionary<string, string> r, string name, int fallback)
            => int.TryParse(Col(r, name), NumberStyles.Integer, Inv, out var v) ? v : fallback;

        /// <summary>Mean length factor of a length distribution: uniform[a,b]x nominal → (a+b)/2; fixed or unknown → 1.</summary>
        internal static double LengthFactor(string distribution) => CalibrationRowConventions.LengthFactor(distribution, inferenceMax: false);

        private static List<Point> LoadPoints(string csv, ModelResolver models, HardwareLibrary hardware, out int rowCount, out List<string> skipped)
        {
            var rows = CsvTable.ReadRecords(csv);
            rowCount = rows.Count;
            skipped = new List<string>();
            var points = new List<Point>();
            foreach (var g in rows.GroupBy(r => (Col(r, "config_key"), Col(r, "metric"))))
            {
                var first = g.First();
                string metric = Col(first, "metric"), mode = Col(first, "mode");
                if (Array.IndexOf(KnownMetrics, metric) < 0) { skipped.Add($"metric '{metric}' not predicted"); continue; }
                if (mode != "static_batch" && mode != "concurrency") { skipped.Add($"mode '{mode}' not modelled"); continue; }
                if (Col(first, "spec_decoding") is var sd && sd.Length > 0 && sd != "none") { skipped.Add("speculative decoding not modelled"); continue; }
                if (Col(first, "disaggregated") == "true") { skipped.Add("disaggregated serving not modelled"); continue; }
                var values = g.Select(r => double.TryParse(Col(r, "value"), NumberStyles.Float, Inv, out var v) ? v : double.NaN).Where(v => !double.IsNaN(v) && v > 0).OrderBy(v => v).ToList();
                if (values.Count == 0) { skipped.Add($"{Col(first, "config_key")}: no numeric value"); continue; }
                double median = values.Count % 2 == 1 ? values[values.Count / 2] : (values[values.Count / 2 - 1] + values[values.Count / 2]) / 2;
                ModelConfiguration? model;
                try { model = models.Get(Col(first, "hf_id")); }
                catch (Exception ex) when (ex is UnsupportedArchitectureException || ex is InvalidModelConfigException) { skipped.Add($"{Col(first, "hf_id")}: {ex.Message}"); continue; }
                var hw = hardware.Find(Col(first, "hardware_id"));
                if (model == null) { skipped.Add($"{Col(first, "hf_id")}: no model config"); continue; }
                if (hw == null) { skipped.Add($"{Col(first, "hardware_id")}: no hardware file"); continue; }
                double lf = LengthFactor(Col(first, "length_distribution"));
                int isl = IntCol(first, "isl", 0), osl = IntCol(first, "osl", 0);
                int tp = IntCol(first, "tp", 0), pp = Math.Max(1, IntCol(first, "pp", 1));
                if (tp <= 0) tp = Math.Max(1, IntCol(first, "num_gpus", 1) / pp);
                var req = new DeploymentRequest
                {
                    Model = model, Hardware = hw,
                    TensorParallel = tp, PipelineParallel = pp, ExpertParallel = Math.Max(1, IntCol(first, "ep", 1)),
                    DataParallelAttention = Col(first, "dp_attention") == "true",
                    WeightPrecision = Col(first, "weights_dtype").Length == 0 ? null : Col(first, "weights_dtype"),
                    KvCachePrecision = Col(first, "kv_dtype").Length == 0 ? null : Col(first, "kv_dtype"),
                    Framework = Col(first, "framework").Length == 0 ? null : Col(first, "framework"),
                    InputLength = Math.Max(1, (int)Math.Round(lf * isl)),
                    OutputLength = Math.Max(1, (int)Math.Round(lf * osl)),
                };
                if (mode == "concurrency")
                {
                    req.Concurrency = Math.Max(1, IntCol(first, "concurrency", 1));
                    // InferenceMAX (bench_serving) sends a fixed number of prompts per unit of concurrency, the first wave together
                    if (Col(first, "row_id").StartsWith("imx", StringComparison.Ordinal) || Col(first, "source").IndexOf("inferencemax", StringComparison.OrdinalIgnoreCase) >= 0)
                        req.NumRequests = CalibrationRowConventions.PromptsPerRun(dynamoTrtllm: false, req.Concurrency.Value);
                }
                else req.BatchSize = Math.Max(1, IntCol(first, "batch", 1));
                points.Add(new Point
                {
                    ConfigKey = Col(first, "config_key"), Metric = metric, HfId = Col(first, "hf_id"), HardwareId = Col(first, "hardware_id"),
                    Framework = Col(first, "framework"), Mode = mode, Measured = median, Runs = values.Count, Request = req,
                });
            }
            return points;
        }

        public static double Predict(DeploymentEstimate e, string metric)
        {
            switch (metric)
            {
                case "throughput_output_tok_s_per_gpu": return e.OutputTokensPerSecondPerGpu;
                case "throughput_output_tok_s": return e.OutputTokensPerSecond;
                case "throughput_total_tok_s_per_gpu": return e.TotalTokensPerSecondPerGpu;
                case "throughput_total_tok_s": return e.TotalTokensPerSecond;
                case "ttft_ms_mean": return e.TtftMs;
                case "ttft_ms_median": return e.TtftMedianMs; // the initial burst moves the mean, not the median
                case "tpot_ms_mean": case "tpot_ms_median": case "itl_ms": return e.TpotMs;
                case "e2e_latency_s": return e.EndToEndLatencyMs / 1e3;
                default: return double.NaN;
            }
        }

        // ------------------------------------------------------------------ evaluation

        internal sealed class Result
        {
            public List<(Point p, double pred, double ape)> Items = new List<(Point, double, double)>();
            public double Macro;
            public List<ErrorBandEntry> Bands = new List<ErrorBandEntry>();
            /// <summary>Configurations the estimator rejected (counted as 100% error).</summary>
            public Dictionary<string, string> Failures = new Dictionary<string, string>();
        }

        public static double Median(IEnumerable<double> xs)
        {
            var a = xs.OrderBy(x => x).ToArray();
            if (a.Length == 0) return double.NaN;
            return a.Length % 2 == 1 ? a[a.Length / 2] : (a[a.Length / 2 - 1] + a[a.Length / 2]) / 2;
        }

        public static void Evaluate(List<Point> points, EstimatorCalibration cal, out Result result)
        {
            result = new Result();
            var cache = new Dictionary<string, DeploymentEstimate>();
            foreach (var p in points)
            {
                if (!cache.TryGetValue(p.ConfigKey, out var e))
                {
                    p.Request.Calibration = cal;
                    try { e = DeploymentEstimator.Estimate(p.Request); }
                    catch (DeploymentConfigurationException ex) { e = null!; result.Failures[p.ConfigKey] = ex.Message; }
                    cache[p.ConfigKey] = e;
                }
                double pred = e == null ? double.NaN : Predict(e, p.Metric);
                double ape = double.IsNaN(pred) ? 1.0 : Math.Abs(pred - p.Measured) / p.Measured;
                result.Items.Add((p, pred, ape));
            }
            result.Macro = result.Items.GroupBy(i => i.p.Group).Average(g => Median(g.Select(i => i.ape)));
            foreach (var mode in new[] { "static_batch", "concurrency" })
            {
                var m = result.Items.Where(i => i.p.Mode == mode).ToList();
                if (m.Count == 0) continue;
                double Band(string cls) { var x = m.Where(i => i.p.MetricClass == cls).Select(i => i.ape).ToList(); return Math.Round(x.Count == 0 ? Median(m.Select(i => i.ape)) : Median(x), 3); }
                result.Bands.Add(new ErrorBandEntry { Regime = mode, Ttft = Band("TTFT"), Tpot = Band("TPOT/ITL/E2E"), Throughput = Band("throughput"), Points = m.Count });
            }
        }

        private static void Print(Result r, List<Point>? verbose, EstimatorCalibration cal)
        {
            string[] classes = { "TTFT", "TPOT/ITL/E2E", "throughput" };
            string Cell(IEnumerable<double> apes)
            {
                var a = apes.ToList();
                return a.Count == 0 ? "".PadLeft(16) : $"{Median(a) * 100,6:0.0}% {a.Count(x => x <= 0.2) * 100.0 / a.Count,4:0}% ({a.Count,3})".PadLeft(16);
            }
            Console.WriteLine();
            Console.WriteLine("median |error| and share within ±20% (points) per model x hardware group and metric class");
            Console.WriteLine($"{"group",-58}{"all",16}{classes[0],16}{classes[1],16}{classes[2],16}");
            foreach (var g in r.Items.GroupBy(i => i.p.Group).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                Console.Write($"{g.Key,-58}{Cell(g.Select(i => i.ape))}");
                foreach (var c in classes) Console.Write(Cell(g.Where(i => i.p.MetricClass == c).Select(i => i.ape)));
                Console.WriteLine();
            }
            Console.Write($"{"all points",-58}{Cell(r.Items.Select(i => i.ape))}");
            foreach (var c in classes) Console.Write(Cell(r.Items.Where(i => i.p.MetricClass == c).Select(i => i.ape)));
            Console.WriteLine();
            foreach (var fw in r.Items.GroupBy(i => i.p.Framework + " " + i.p.Mode).OrderBy(g => g.Key))
            {
                Console.Write($"{fw.Key,-58}{Cell(fw.Select(i => i.ape))}");
                foreach (var c in classes) Console.Write(Cell(fw.Where(i => i.p.MetricClass == c).Select(i => i.ape)));
                Console.WriteLine();
            }
            var groups = r.Items.GroupBy(i => i.p.Group).ToList();
            Console.Write($"{"MACRO (mean over " + groups.Count + " groups of the group median)",-58}{r.Macro * 100,6:0.0}%".PadRight(74));
            foreach (var c in classes)
            {
                var meds = groups.Select(g => g.Where(i => i.p.MetricClass == c).Select(i => i.ape).ToList()).Where(x => x.Count > 0).Select(Median).ToList();
                Console.Write((meds.Count == 0 ? "" : $"{meds.Average() * 100,6:0.0}%").PadLeft(16));
            }
            Console.WriteLine();
            Console.WriteLine($"signed median error (pred/meas - 1) per class: " + string.Join(", ", classes.Select(c => c + " " + (Median(r.Items.Where(i => i.p.MetricClass == c && !double.IsNaN(i.pred)).Select(i => i.pred / i.p.Measured - 1)) * 100).ToString("+0.0;-0.0", Inv) + "%")));
            if (r.Failures.Count > 0)
            {
                Console.WriteLine($"estimator rejected {r.Failures.Count} configurations (counted as 100% error):");
                foreach (var f in r.Failures.GroupBy(x => x.Value)) Console.WriteLine($"  {f.Count()} x {f.Key}");
            }
            Console.WriteLine($"calibration: {cal.Provenance}");
            if (verbose != null)
            {
                Console.WriteLine();
                foreach (var i in r.Items.OrderBy(i => i.p.Group).ThenBy(i => i.p.Request.TensorParallel).ThenBy(i => i.p.Request.InputLength).ThenBy(i => i.p.Request.OutputLength).ThenBy(i => i.p.Request.Concurrency ?? i.p.Request.BatchSize).ThenBy(i => i.p.Metric))
                {
                    var q = i.p.Request;
                    Console.WriteLine($"{i.p.Group,-55} {i.p.Framework,-6} tp{q.TensorParallel}{(q.DataParallelAttention ? "dp" : "")} {q.WeightPrecision}/{q.KvCachePrecision ?? "-"} {q.InputLength,5}/{q.OutputLength,-5} {(q.Concurrency.HasValue ? "c" + q.Concurrency : "b" + q.BatchSize),5} {i.p.Metric,-32} meas {i.p.Measured,10:0.###} pred {i.pred,10:0.###} {(i.pred / i.p.Measured - 1) * 100,7:+0.0;-0.0}%");
                }
            }
        }

        // ------------------------------------------------------------------ output files

        /// <summary>The bands the runtime reports come only from estimator.json; the tool shows what it wrote there.</summary>
        private static void PrintBands(EstimatorCalibration cal)
        {
            foreach (var b in cal.ErrorBands)
                Console.WriteLine($"error band {b.Regime,-12} {b.Holdout ?? "",-11} TTFT ±{b.Ttft * 100:0.0}%, TPOT ±{b.Tpot * 100:0.0}%, throughput ±{b.Throughput * 100:0.0}% ({b.Points} points) -> data/calibration/estimator.json");
        }

        private static void WriteCalibration(string repo, EstimatorCalibration cal)
        {
            var dir = Path.Combine(repo, "data", "calibration");
            Directory.CreateDirectory(dir);
            File.WriteAllText(Path.Combine(dir, "estimator.json"), cal.ToJson().Replace("\r\n", "\n") + "\n");
            Console.WriteLine("wrote data/calibration/estimator.json (the core embeds it at its next build)");
        }

        private static string FindRepoRoot()
        {
            foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
            {
                var dir = new DirectoryInfo(start);
                while (dir != null && !File.Exists(Path.Combine(dir.FullName, "ModelConfig.sln"))) dir = dir.Parent;
                if (dir != null) return dir.FullName;
            }
            return Directory.GetCurrentDirectory();
        }
    }
}
