using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using BenchmarkDotNet.Attributes;
using ModelConfig.Core.Hardware;
using ModelConfig.Core.Planning;

namespace ModelConfig.Benchmarks
{
    /// <summary>
    /// Find-Deployment's search without the cmdlet: Llama-3.3-70B on every bundled chip, every layout up to 8 GPUs, the
    /// native precisions of each chip and 12 concurrency levels (the full search), and the same with pruning off.
    /// </summary>
    [MemoryDiagnoser]
    public class PlannerBenchmarks
    {
        private PlanningRequest _full = null!, _exhaustive = null!;

        [GlobalSetup]
        public void Setup()
        {
            _full = FullSearch(exhaustive: false);
            _exhaustive = FullSearch(exhaustive: true);
        }

        public static PlanningRequest FullSearch(bool exhaustive)
        {
            var library = new HardwareLibrary(Path.Combine(Repo.Root, "data", "hardware"));
            var chips = library.List(out _).Where(h => string.Equals(h.Kind, "chip", StringComparison.OrdinalIgnoreCase)).ToList();
            return new PlanningRequest
            {
                Model = Repo.Model("meta-llama/Llama-3.3-70B-Instruct"), Hardware = chips, InputLength = 2048, OutputLength = 512,
                ServiceLevel = new ServiceLevel { MaxTtftMs = 2000, MaxTpotMs = 50 }, Exhaustive = exhaustive,
            };
        }

        [Benchmark(Description = "Find-Deployment search, Llama-3.3-70B, every chip, TTFT<=2s TPOT<=50ms")]
        public int FullSearch() => DeploymentPlanner.Plan(_full).Ranked.Count;

        [Benchmark(Description = "Same search, pruning off (-Exhaustive)")]
        public int FullSearchExhaustive() => DeploymentPlanner.Plan(_exhaustive).Ranked.Count;

        /// <summary>The figures README quotes: median of several runs, candidates per second of the whole space and of what was estimated.</summary>
        public static void PrintFigures()
        {
            foreach (var (label, exhaustive, sla) in new[] { ("full search, SLA TTFT<=2s TPOT<=50ms", false, true), ("full search, no SLA", false, false), ("full search, pruning off", true, true) })
            {
                var request = FullSearch(exhaustive);
                if (!sla) request.ServiceLevel = new ServiceLevel();
                DeploymentPlanner.Plan(request); // warm-up: JIT and library caches
                var times = new List<double>();
                PlanResult last = null!;
                for (int i = 0; i < 7; i++)
                {
                    var sw = Stopwatch.StartNew();
                    last = DeploymentPlanner.Plan(request);
                    times.Add(sw.Elapsed.TotalMilliseconds);
                }
                times.Sort();
                double ms = times[times.Count / 2];
                var s = last.Statistics;
                Console.WriteLine($"Planner, {label}: {ms:0} ms (median of 7); {s.CandidatesConsidered:N0} candidates = {s.CandidatesConsidered / ms * 1000:N0} candidates/s; {s.Estimated:N0} load points estimated = {s.Estimated / ms * 1000:N0} estimated/s");
            }
        }
    }
}
