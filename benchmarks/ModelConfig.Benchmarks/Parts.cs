using System;
using System.Diagnostics;
using System.Linq;
using ModelConfig.Core.Estimation;
using ModelConfig.Core.Planning;

namespace ModelConfig.Benchmarks
{
    /// <summary>--parts: time per call of each stage of one core estimate (the 70B concurrency case), to see where the time goes.</summary>
    internal static class Parts
    {
        public static int Run()
        {
            var b = new EstimatorBenchmarks();
            b.Setup();
            var r = b.Requests()[0];
            var cal = EstimatorCalibration.Default;
            var log = AssumptionLog.Discarded; // what an estimate runs with until its assumptions are read
            var load = RequestLoad.Resolve(r, log);
            var prec = StoragePrecisions.Resolve(r, log);
            var rates = ResolvedRates.Resolve(r, cal, load.Mode, prec, log);
            var layout = ParallelLayout.Create(r.Hardware, 4, 1, 1, false);
            var memory = new MemoryModel(r.Model, r.Hardware, layout, prec, load, cal, null);
            var steps = new StepModel(r.Model, layout, prec, rates, cal);
            var budget = memory.Budget();
            Time("whole estimate", () => DeploymentEstimator.Estimate(r));
            Time("RequestLoad.Resolve", () => { log.Items.Clear(); RequestLoad.Resolve(r, log); });
            Time("StoragePrecisions.Resolve", () => { log.Items.Clear(); StoragePrecisions.Resolve(r, log); });
            Time("ResolvedRates.Resolve", () => { log.Items.Clear(); ResolvedRates.Resolve(r, cal, load.Mode, prec, log); });
            Time("ParallelLayout.Create+NoteLink", () => { log.Items.Clear(); ParallelLayout.Create(r.Hardware, 4, 1, 1, false).NoteLink(r.Hardware, log); });
            Time("HardwareCheck", () => HardwareCheck.Check(r.Hardware));
            Time("MemoryModel+Budget", () => new MemoryModel(r.Model, r.Hardware, layout, prec, load, cal, null).Budget());
            Time("MaxBatchSize", () => memory.MaxBatchSize(budget.FreeForKvCache, memory.KvBytesPerSequencePerGpu(2048)));
            Time("MaxContextLength", () => memory.MaxContextLength(budget.FreeForKvCache));
            Time("StepModel ctor", () => new StepModel(r.Model, layout, prec, rates, cal));
            Time("one decode step", () => steps.Step(StepLoad.Decode(64, 1536), StepPhase.Decode, false));
            Time("closed-loop Predict", () => { log.Items.Clear(); var e = new DeploymentEstimate { Fits = true, MaxBatchSize = 1000 }; LoadModels.For(LoadMode.Concurrency).Predict(e, new LoadContext(load, steps, memory, budget, cal, log, false)); });
            Time("ErrorBands.For", () => { log.Items.Clear(); ErrorBands.For(cal, r.Hardware, r.Framework, load.Mode, log, r.Model.HfModelId); });
            Time("EstimateWarnings.Add", () => EstimateWarnings.Add(r, new DeploymentEstimate()));
            return 0;
        }

        /// <summary>--planner-parts: the full search's stages (layouts, candidates, load points, ranking), each on its own.</summary>
        public static int Planner()
        {
            var request = PlannerBenchmarks.FullSearch(exhaustive: true);
            var template = new DeploymentRequest { Model = request.Model, InputLength = request.InputLength, OutputLength = request.OutputLength };
            Time("enumerate layouts, every chip", () => { foreach (var hw in request.Hardware) LayoutSpace.Enumerate(request.Model, hw, 8); });
            var hw0 = request.Hardware.First(h => h.HardwareId == "nvidia_h100_sxm_80gb");
            template.Hardware = hw0;
            var layouts = LayoutSpace.Enumerate(request.Model, hw0, 8);
            var rates = new ResolvedRatesCache();
            var fp8 = new PrecisionPair("fp8", "fp8");
            Time($"{layouts.Count} candidates, H100 fp8", () => { foreach (var d in layouts) new LayoutCandidate(template, d, fp8, rates); });
            var c = new LayoutCandidate(template, new LayoutDegrees(4, 1, 1, false), fp8, rates);
            c.Evaluate(LoadLevel.AtConcurrency(1), null);
            Time("one closed-loop point (TP4, c64)", () => c.Evaluate(LoadLevel.AtConcurrency(64), null));
            Time("whole search, pruning off", () => DeploymentPlanner.Plan(request));
            request.Top = 0;
            Time("whole search, pruning off, Top 0", () => DeploymentPlanner.Plan(request));
            return 0;
        }

        private static void Time(string name, Action a)
        {
            for (var w = Stopwatch.StartNew(); w.ElapsedMilliseconds < 300;) a();
            var sw = Stopwatch.StartNew();
            double cpu0 = ThreadCpu.Seconds();
            long bytes = GC.GetAllocatedBytesForCurrentThread();
            int n = 0;
            while (sw.ElapsedMilliseconds < 700) { a(); n++; }
            double cpu = ThreadCpu.Seconds() - cpu0;
            Console.WriteLine($"{name,-34} {sw.Elapsed.TotalMilliseconds * 1000 / n,8:0.00} µs wall {cpu * 1e6 / n,8:0.00} µs CPU  {(GC.GetAllocatedBytesForCurrentThread() - bytes) / n,7} B");
        }
    }
}
