using System;
using System.Diagnostics;
using System.Linq;
using BenchmarkDotNet.Running;
using ModelConfig.Core.Planning;

namespace ModelConfig.Benchmarks
{
    internal static class Program
    {
        /// <summary>
        /// dotnet run -c Release -- [BenchmarkDotNet args, e.g. --filter * --job short]
        /// dotnet run -c Release -- --quick   (one-second loop per case, no BenchmarkDotNet; prints estimates/s)
        /// dotnet run -c Release -- --planner (Find-Deployment's full search: median time, candidates/s)
        /// dotnet run -c Release -- --golden FILE (estimates' full JSON, to diff before/after estimator performance work)
        /// </summary>
        private static int Main(string[] args)
        {
            if (args.Length > 0 && args[0] == "--quick") return Quick();
            if (args.Length > 0 && args[0] == "--show") return Show();
            if (args.Length > 1 && args[0] == "--golden") return GoldenDump.Write(args[1]);
            if (args.Length > 0 && args[0] == "--loop") return Loop(args);
            if (args.Length > 0 && args[0] == "--parts") return Parts.Run();
            if (args.Length > 0 && args[0] == "--planner-parts") return Parts.Planner();
            if (args.Length > 0 && args[0] == "--planner") { PlannerBenchmarks.PrintFigures(); return 0; }
            BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
            return 0;
        }

        /// <summary>--loop [seconds] [planner]: the core 70B case (or the full search) in a loop, for a profiler (dotnet-trace) to sample.</summary>
        private static int Loop(string[] args)
        {
            var b = new EstimatorBenchmarks();
            b.Setup();
            var sw = Stopwatch.StartNew();
            double cpu0 = ThreadCpu.Seconds();
            long n = 0;
            long bytes = GC.GetAllocatedBytesForCurrentThread();
            int gcs = GC.CollectionCount(0), gen2 = GC.CollectionCount(2);
            double seconds = args.Length > 1 ? double.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 10;
            var search = args.Length > 2 && args[2] == "planner" ? PlannerBenchmarks.FullSearch(exhaustive: true) : null;
            if (search != null) search.Top = 0;
            while (sw.Elapsed.TotalSeconds < seconds) { if (search != null) DeploymentPlanner.Plan(search); else b.Llama70B_Concurrency(); n++; }
            double cpu = ThreadCpu.Seconds() - cpu0;
            Console.WriteLine($"{n / sw.Elapsed.TotalSeconds:0} {(search != null ? "searches" : "estimates")}/s ({n / cpu:0} per CPU-second of this thread), {(GC.GetAllocatedBytesForCurrentThread() - bytes) / n} B allocated each, {GC.CollectionCount(0) - gcs} gen0 / {GC.CollectionCount(2) - gen2} gen2 collections");
            return 0;
        }

        private static int Show()
        {
            var b = new EstimatorBenchmarks();
            b.Setup();
            foreach (var r in b.Requests())
            {
                var e = ModelConfig.Core.Estimation.DeploymentEstimator.Estimate(r);
                Console.WriteLine(e);
                Console.WriteLine($"  weights {e.WeightsGB:0.0} GB, KV {e.KvCacheGB:0.0} GB, act {e.ActivationsGB:0.0} GB, reserved {e.ReservedGB:0.0} GB, total {e.MemoryPerGpuGB:0.0}/{e.MemoryCapacityGB} GB, max batch {e.MaxBatchSize}, max ctx {e.MaxContextLength}");
                Console.WriteLine($"  TTFT {e.TtftMs:0.0} ms ({e.PrefillBottleneck}), TPOT {e.TpotMs:0.00} ms [{e.TpotFirstMs:0.00}..{e.TpotLastMs:0.00}] ({e.DecodeBottleneck}), {e.OutputTokensPerSecond:0} out tok/s, {e.TokensPerSecondPerUser:0} tok/s/user, band {e.ErrorBand}");
                foreach (var a in e.Assumptions) Console.WriteLine("    - " + a.Text);
                r.IncludeLayers = true;
                var d = ModelConfig.Core.Estimation.DeploymentEstimator.Estimate(r);
                r.IncludeLayers = false;
                foreach (var l in d.Layers!.Where(l => l.Phase == "decode").OrderByDescending(l => l.TimeMs).Take(6))
                    Console.WriteLine($"    decode {l.Layer,-28} {l.Operation,-22} {l.TimeMs,8:0.000} ms  {l.Bound,-8} {l.Flops / 1e9,10:0.0} GFLOP {l.BytesMoved / 1e9,8:0.000} GB");
                foreach (var c in d.Communications!.Where(c => c.Phase == "decode"))
                    Console.WriteLine($"    decode {c.Collective,-28} x{c.CountPerStep,-4} {c.TimePerStepMs,8:0.000} ms/step  {c.BytesPerCall / 1e6:0.00} MB/call over {c.Link}");
            }
            return 0;
        }

        private static int Quick()
        {
            var b = new EstimatorBenchmarks();
            b.Setup();
            var cases = new (string, Func<double>)[]
            {
                ("Llama-3.3-70B H100 TP4 fp8 concurrency 64", b.Llama70B_Concurrency),
                ("Llama-3.3-70B H100 TP4 fp8 static batch 64", b.Llama70B_StaticBatch),
                ("Llama-3.3-70B H100 default TP search", b.Llama70B_DefaultTp),
                ("Llama-3.3-70B H100 TP4 per-layer detail", () => b.Llama70B_WithLayers()),
                ("DeepSeek-V3 H200 TP8 EP8 DP-attn concurrency 64", b.DeepSeekV3_Concurrency),
                ("DeepSeek-V3 H200 TP8 static batch 32", b.DeepSeekV3_StaticBatch),
                ("Llama-3.3-70B H100 TP4 offline 3000 requests", b.Llama70B_Offline),
                ("Llama-3.3-70B H100 TP4 request rate 4/s (percentiles)", b.Llama70B_RequestRate),
                ("DeepSeek-V3 H200 disaggregated 8+8, concurrency 256", b.DeepSeekV3_Disaggregated),
                ("DeepSeek-V3 H200 TP8 EP4 MTP 3, concurrency 1", b.DeepSeekV3_Mtp),
            };
            foreach (var (name, f) in cases)
            {
                for (int i = 0; i < 200; i++) f();
                var sw = Stopwatch.StartNew();
                int n = 0;
                while (sw.ElapsedMilliseconds < 1000) { f(); n++; }
                Console.WriteLine($"{name,-52} {n / sw.Elapsed.TotalSeconds,10:0} estimates/s  ({sw.Elapsed.TotalMilliseconds * 1000 / n:0.0} µs each)");
            }
            return 0;
        }
    }
}
