using System;
using System.Collections.Generic;
using System.Linq;
using ModelConfig.Core.Estimation;

namespace ModelConfig.Accuracy
{
    /// <summary>
    /// Out-of-sample accuracy: refit from the priors without one model family (lineage), one hardware generation or one
    /// engine at a time and predict the left-out points. Every group is predicted once per split by a fit that never saw
    /// its family / generation / engine; the split's macro is the mean over groups of those medians.
    /// </summary>
    internal static class CrossValidation
    {
        public static readonly string[] Splits = { "family", "generation", "engine" };

        /// <summary>Coordinate-descent rounds of each hold-out refit; the recorded figure and the guard use the same number.</summary>
        public const int Rounds = 4;

        public static string LineageOf(string hfId) => EstimatorCalibration.LineageOf(hfId);

        public static string KeyOf(Point p, string split) => split == "family" ? p.ModelFamily : split == "generation" ? p.Generation : p.Framework;

        /// <summary>The starting point of every fit: the global priors, generation priors, engine defaults, no fitted engine entry.</summary>
        public static EstimatorCalibration Start(EstimatorCalibration cal)
        {
            var c = cal.Clone();
            c.Families = Priors.Generations();
            c.Frameworks.Clear();
            c.LayerOverheadUs = 25;
            c.KernelOverheadUs ??= 2;
            Priors.EngineDefaults(c);
            return c;
        }

        internal sealed class SplitResult
        {
            public string Split = "";
            public double Macro;
            public Dictionary<string, double> GroupMedian = new Dictionary<string, double>();
            public List<(Point p, double pred, double ape)> Items = new List<(Point, double, double)>();
        }

        public static List<SplitResult> Run(List<Point> points, EstimatorCalibration cal, int rounds)
        {
            var results = new List<SplitResult>();
            foreach (var split in Splits)
            {
                var sr = new SplitResult { Split = split };
                foreach (var key in points.Select(p => KeyOf(p, split)).Distinct().OrderBy(x => x, StringComparer.Ordinal))
                {
                    var train = points.Where(p => KeyOf(p, split) != key).ToList();
                    var held = points.Where(p => KeyOf(p, split) == key).ToList();
                    if (train.Count == 0) continue;
                    var hc = new Fitter(train, Start(cal), fromPriors: true) { Quiet = true }.Run(rounds);
                    Program.Evaluate(held, hc, out var r);
                    sr.Items.AddRange(r.Items);
                    Console.WriteLine($"  leave-one-{split}-out {key,-22} {r.Macro * 100,6:0.0}% over {held.Select(p => p.Group).Distinct().Count()} groups");
                }
                foreach (var g in sr.Items.GroupBy(i => i.p.Group)) sr.GroupMedian[g.Key] = Program.Median(g.Select(i => i.ape));
                sr.Macro = sr.GroupMedian.Count == 0 ? double.NaN : sr.GroupMedian.Values.Average();
                results.Add(sr);
            }
            return results;
        }

        /// <summary>The headline out-of-sample figure: the mean of the split macros.</summary>
        public static double Headline(List<SplitResult> splits) => splits.Where(s => !double.IsNaN(s.Macro)).Average(s => s.Macro);

        /// <summary>Bands per regime: pooled over the splits ("calibrated") and per split, per metric class.</summary>
        public static List<ErrorBandEntry> Bands(List<SplitResult> splits)
        {
            var bands = new List<ErrorBandEntry>();
            foreach (var mode in new[] { "static_batch", "concurrency" })
            {
                foreach (var scope in new[] { "calibrated" }.Concat(Splits))
                {
                    var m = splits.Where(s => scope == "calibrated" || s.Split == scope).SelectMany(s => s.Items).Where(i => i.p.Mode == mode).ToList();
                    if (m.Count == 0) continue;
                    double Band(string cls) { var x = m.Where(i => i.p.MetricClass == cls).Select(i => i.ape).ToList(); return Math.Round(x.Count == 0 ? Program.Median(m.Select(i => i.ape)) : Program.Median(x), 3); }
                    bands.Add(new ErrorBandEntry { Regime = mode, Holdout = scope, Ttft = Band("TTFT"), Tpot = Band("TPOT/ITL/E2E"), Throughput = Band("throughput"), Points = m.Count });
                }
            }
            return bands;
        }

        public static void Print(Program.Result inSample, List<SplitResult> splits)
        {
            Console.WriteLine();
            Console.WriteLine("median |error| per group: in-sample and out-of-sample (group predicted by a fit without its model family / hardware generation / engine)");
            Console.Write($"{"group",-58}{"in-sample",11}");
            foreach (var s in splits) Console.Write($"{"no-" + s.Split,14}");
            Console.WriteLine();
            foreach (var g in inSample.Items.GroupBy(i => i.p.Group).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                Console.Write($"{g.Key,-58}{Program.Median(g.Select(i => i.ape)) * 100,10:0.0}%");
                foreach (var s in splits) Console.Write(s.GroupMedian.TryGetValue(g.Key, out var v) ? $"{v * 100,13:0.0}%" : $"{"-",14}");
                Console.WriteLine();
            }
            Console.Write($"{"MACRO",-58}{inSample.Macro * 100,10:0.0}%");
            foreach (var s in splits) Console.Write($"{s.Macro * 100,13:0.0}%");
            Console.WriteLine();
            Console.WriteLine($"out-of-sample macro (mean of the split macros): {Headline(splits) * 100:0.0}%   in-sample: {inSample.Macro * 100:0.0}%");
        }
    }
}
