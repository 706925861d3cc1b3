using System;
using System.Collections.Generic;
using System.Linq;
using ModelConfig.Core.Estimation;

namespace ModelConfig.Accuracy
{
    /// <summary>
    /// Coordinate descent in log space over a handful of physical parameters, minimising the macro median
    /// absolute % error over model x hardware groups plus a weak pull to the physical prior of each parameter.
    /// </summary>
    internal sealed class Fitter
    {
        private sealed class Param
        {
            public string Name = "";
            public Func<EstimatorCalibration, double> Get = null!;
            public Action<EstimatorCalibration, double> Set = null!;
            public double Min, Max, Prior;
        }

        private readonly List<Point> _points;
        private readonly EstimatorCalibration _start;
        private readonly List<Param> _params = new List<Param>();
        public double PriorWeight { get; set; } = 0.01;

        public Fitter(List<Point> points, EstimatorCalibration start)
        {
            _points = points;
            _start = start.Clone();
            Add("gemmEfficiency16", c => c.GemmEfficiency16, (c, v) => c.GemmEfficiency16 = v, 0.2, 0.95, 0.7);
            Add("gemmEfficiency8", c => c.GemmEfficiency8, (c, v) => c.GemmEfficiency8 = v, 0.2, 0.95, 0.6);
            Add("gemmHalfEfficiencyTokens", c => c.GemmHalfEfficiencyTokens, (c, v) => c.GemmHalfEfficiencyTokens = v, 4, 1024, 48);
            Add("attentionEfficiency", c => c.AttentionEfficiency, (c, v) => c.AttentionEfficiency = v, 0.1, 0.9, 0.45);
            Add("memoryEfficiency", c => c.MemoryEfficiency, (c, v) => c.MemoryEfficiency = v, 0.4, 0.95, 0.8);
            Add("layerOverheadUs", c => c.LayerOverheadUs, (c, v) => c.LayerOverheadUs = v, 1, 200, 25);
            Add("stepOverheadMs", c => c.StepOverheadMs, (c, v) => c.StepOverheadMs = v, 0.05, 20, 1);
            Add("collectiveLatencyUs", c => c.CollectiveLatencyUs, (c, v) => c.CollectiveLatencyUs = v, 1, 100, 10);
            Add("servingOverheadMs", c => c.ServingOverheadMs, (c, v) => c.ServingOverheadMs = v, 0.5, 100, 15);
            Add("queueSteps", c => c.QueueSteps, (c, v) => c.QueueSteps = v, 0.1, 20, 1);
            foreach (var fw in points.Select(p => p.Framework + "/" + p.Mode).Distinct().OrderBy(x => x))
            {
                if (!_start.Frameworks.ContainsKey(fw)) _start.Frameworks[fw] = new FrameworkCalibration();
                var f = fw;
                Add("frameworks." + f + ".stepOverheadMs", c => c.Frameworks[f].StepOverheadMs ?? c.StepOverheadMs, (c, v) => c.Frameworks[f].StepOverheadMs = v, 0.05, 20, 1);
                Add("frameworks." + f + ".layerOverheadUs", c => c.Frameworks[f].LayerOverheadUs ?? c.LayerOverheadUs, (c, v) => c.Frameworks[f].LayerOverheadUs = v, 1, 200, 25);
            }
            // the generic step/layer overheads (unknown framework) are set after the fit from the per-framework values
            _params.RemoveAll(p => p.Name == "stepOverheadMs" || p.Name == "layerOverheadUs");
        }

        /// <summary>Generic overheads for an unknown framework: geometric mean of the fitted per-framework values.</summary>
        public static void SetGenericOverheads(EstimatorCalibration c)
        {
            var fws = c.Frameworks.Values.Where(f => f.StepOverheadMs.HasValue && f.LayerOverheadUs.HasValue).ToList();
            if (fws.Count == 0) return;
            c.StepOverheadMs = Math.Round(Math.Exp(fws.Average(f => Math.Log(f.StepOverheadMs!.Value))), 4);
            c.LayerOverheadUs = Math.Round(Math.Exp(fws.Average(f => Math.Log(f.LayerOverheadUs!.Value))), 3);
        }

        private void Add(string name, Func<EstimatorCalibration, double> get, Action<EstimatorCalibration, double> set, double min, double max, double prior)
            => _params.Add(new Param { Name = name, Get = get, Set = set, Min = min, Max = max, Prior = prior });

        private double Objective(EstimatorCalibration c)
        {
            Program.Evaluate(_points, c, out var r);
            double reg = 0;
            foreach (var p in _params) { double l = Math.Log(p.Get(c) / p.Prior); reg += l * l; }
            return r.Macro + PriorWeight * reg / _params.Count;
        }

        public EstimatorCalibration Run(int rounds)
        {
            var best = _start.Clone();
            double bestObj = Objective(best);
            Console.WriteLine($"fit: start objective {bestObj:0.0000}");
            double step = 0.5;
            for (int round = 0; round < rounds; round++)
            {
                bool improved = false;
                foreach (var p in _params)
                {
                    foreach (var dir in new[] { 1.0, -1.0 })
                    {
                        // keep stepping in a direction while it improves
                        while (true)
                        {
                            var trial = best.Clone();
                            double v = Math.Min(p.Max, Math.Max(p.Min, p.Get(best) * Math.Exp(dir * step)));
                            if (Math.Abs(v - p.Get(best)) < 1e-12) break;
                            p.Set(trial, v);
                            double o = Objective(trial);
                            if (o < bestObj - 1e-6) { best = trial; bestObj = o; improved = true; }
                            else break;
                        }
                    }
                }
                Console.WriteLine($"fit: round {round + 1} step {step:0.###} objective {bestObj:0.0000} | " + string.Join(" ", _params.Select(p => $"{p.Name}={p.Get(best):0.###}")));
                step = improved ? step * 0.7 : step * 0.5;
                if (step < 0.01) break;
            }
            SetGenericOverheads(best);
            foreach (var f in best.Frameworks)
                f.Value.Note ??= f.Key.EndsWith("/static_batch", StringComparison.Ordinal)
                    ? "offline static-batch benchmark (no server): per-step and per-layer fixed costs"
                    : "served behind an API with continuous batching: per-step and per-layer fixed costs";
            return best;
        }
    }
}
