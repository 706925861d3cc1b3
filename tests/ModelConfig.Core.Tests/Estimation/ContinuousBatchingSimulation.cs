using System;
using System.Collections.Generic;
using System.Linq;
using ModelConfig.Core.Estimation;

namespace ModelConfig.Core.Tests.Estimation
{
    /// <summary>
    /// Discrete-event simulation of an open-loop continuous-batching server over the step model: gamma arrivals, FIFO
    /// admission within the running-batch capacity, prompts chunked into the step's token budget, one token per decoding
    /// sequence per step. The reference the analytical percentiles are checked against.
    /// </summary>
    internal static class ContinuousBatchingSimulation
    {
        public sealed class Result
        {
            public double[] Ttft = Array.Empty<double>(), Tpot = Array.Empty<double>(), E2e = Array.Empty<double>();

            public static double Quantile(double[] sorted, double q) => sorted[Math.Min(sorted.Length - 1, (int)Math.Floor(q * sorted.Length))];
        }

        private sealed class Req
        {
            public double Arrival, FirstToken, Done;
            public double PromptLeft;
            public int Generated;
        }

        public static Result Run(DeploymentRequest r, int requests, int seed)
        {
            var (e, c) = DeploymentEstimator.Prepare(r, new AssumptionLog());
            var steps = c.Steps;
            double cap = Math.Min(e.MaxBatchSize, r.MaxBatchSize ?? 2048), budget = r.MaxNumTokens ?? c.Calibration.MaxTokensPerStep;
            double serving = c.Calibration.ServingOverheadMs + c.Calibration.ServingOverheadPerInputTokenUs * r.InputLength / 1e3;
            int isl = r.InputLength, osl = r.OutputLength;
            var rng = new Random(seed);
            double shape = r.ArrivalProcess == ArrivalProcess.Constant ? double.PositiveInfinity : r.Burstiness ?? 1;
            double mean = 1000.0 / r.RequestRate!.Value, t = 0;
            var all = new List<Req>();
            for (int i = 0; i < requests; i++) { all.Add(new Req { Arrival = t, PromptLeft = isl }); t += double.IsInfinity(shape) ? mean : Gamma(rng, shape) * mean / shape; }
            var waiting = new Queue<Req>();
            var running = new List<Req>();
            int next = 0, done = 0;
            double now = 0;
            while (done < requests)
            {
                while (next < requests && all[next].Arrival <= now) waiting.Enqueue(all[next++]);
                while (waiting.Count > 0 && running.Count < cap) running.Add(waiting.Dequeue());
                if (running.Count == 0) { now = all[next].Arrival; continue; }
                var decoding = running.Where(q => q.PromptLeft <= 0).ToList();
                double room = Math.Max(0, budget - decoding.Count), prefillTokens = 0;
                var prefilled = new List<Req>();
                foreach (var q in running.Where(q => q.PromptLeft > 0))
                {
                    if (room <= 0) break;
                    double take = Math.Min(room, q.PromptLeft);
                    q.PromptLeft -= take; room -= take; prefillTokens += take;
                    if (q.PromptLeft <= 0) prefilled.Add(q);
                }
                var step = steps.Step(new StepLoad { DecodeSeqs = decoding.Count, DecodeContext = isl + osl / 2.0, PrefillSeqs = prefillTokens / isl, PrefillLength = isl }, StepPhase.Decode, false);
                now += step.TimeMs;
                foreach (var q in prefilled) { q.FirstToken = now; q.Generated = 1; }
                foreach (var q in decoding) q.Generated++;
                foreach (var q in running.Where(q => q.PromptLeft <= 0 && q.Generated >= osl).ToList()) { q.Done = now; running.Remove(q); done++; }
            }
            Result res = new Result
            {
                Ttft = all.Select(q => q.FirstToken - q.Arrival + serving).OrderBy(x => x).ToArray(),
                Tpot = all.Select(q => (q.Done - q.FirstToken) / Math.Max(1, osl - 1)).OrderBy(x => x).ToArray(),
                E2e = all.Select(q => q.Done - q.Arrival + serving).OrderBy(x => x).ToArray(),
            };
            return res;
        }

        /// <summary>Gamma(shape, 1) by Marsaglia and Tsang (shape below 1 through the boost u^(1/shape)).</summary>
        private static double Gamma(Random rng, double shape)
        {
            if (shape < 1) return Gamma(rng, shape + 1) * Math.Pow(rng.NextDouble(), 1 / shape);
            double d = shape - 1.0 / 3, c = 1 / Math.Sqrt(9 * d);
            while (true)
            {
                double x, v;
                do { x = Normal(rng); v = 1 + c * x; } while (v <= 0);
                v = v * v * v;
                double u = rng.NextDouble();
                if (Math.Log(u) < 0.5 * x * x + d - d * v + d * Math.Log(v)) return d * v;
            }
        }

        private static double Normal(Random rng) => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
    }
}
