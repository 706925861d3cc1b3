using System;
using static ModelConfig.Core.Estimation.AssumptionLog;

namespace ModelConfig.Core.Estimation
{
    /// <summary>
    /// Open-loop arrivals (vLLM benchmark --request-rate, --burstiness) on a continuous-batching replica. The step time at
    /// the operating point solves t = t(D = λ(o−1)t decoding, λt prompts per step) on the sampled decode step curve plus a
    /// per-prompt cost linearised around full load; TTFT adds the serving path, the wait for the next step, the G/G/c queue wait for the binding resource and the
    /// prompt's own chunk steps; TPOT follows from the arrivals sharing a request's decode lifetime.
    /// </summary>
    internal sealed class OpenLoopRequestRateLoad : ILoadModel
    {
        public void Predict(DeploymentEstimate e, LoadContext c)
        {
            var s = c.Load.Serving;
            int isl = c.Load.InputLength, osl = c.Load.OutputLength, n = c.Load.NumRequests ?? DeploymentDefaults.NumRequests;
            double budget = ServingCapacity.TokenBudget(c), cap = ServingCapacity.RunningCapacity(e, c);
            if (cap < 1)
            {
                e.Fits = false;
                e.FitReason ??= "The KV cache holds no sequence of this length: nothing can run.";
                return;
            }
            var steps = c.Steps;
            var full = BatchingSteadyState.AtCapacity(steps, isl, osl, cap, budget, s.PrefixHitRate);
            double mu = full.RequestsPerSecond, rate = s.RequestRate;
            double o1 = Math.Max(0, osl - 1), ctx = isl + osl / 2.0;
            // step time t = c(D) + b·P: the decode step over the batch D as sampled (concave on MoE models, DecodeStepCurve)
            // plus a cost per prompt linearised around the full-load point
            double dRef = Math.Max(2, full.DecodeSeqs), pRef = Math.Max(1e-3, full.PromptsPerStep);
            var curve = new DecodeStepCurve(steps, dRef, ctx);
            double t1 = curve.First;
            double b = Math.Max(0, (steps.Step(new StepLoad { DecodeSeqs = 1, DecodeContext = ctx, PrefillSeqs = pRef, PrefillLength = isl }, StepPhase.Decode, false).TimeMs - t1) / pRef);
            bool saturated = rate >= mu;
            double lambda = Math.Min(rate, mu) / 1e3; // per ms
            // D = λ(o−1)t and P = λt, so t(1 − bλ) = c(D): the decode part solves D = λ/(1 − bλ) (o−1) c(D)
            double den = 1 - lambda * b;
            double t = saturated || den <= 0 ? full.StepMs : Math.Min(full.StepMs, curve.Solve(lambda / den, o1) / den);
            double d = Math.Min(lambda * o1 * t, full.DecodeSeqs), p = lambda * t;
            double chunks = Math.Max(1, isl * (1 - s.PrefixHitRate) / Math.Max(1, budget - d));
            var own = steps.Step(new StepLoad { DecodeSeqs = d, DecodeContext = ctx, PrefillSeqs = Math.Max(1, p), PrefillLength = isl }, StepPhase.Prefill, false);
            double prefillMs = chunks * own.TimeMs;
            double serving = steps.Rates.ServingOverheadMs + c.Calibration.ServingOverheadPerInputTokenUs * isl / 1e3;
            // the binding resource: KV slots (a G/G/c queue with c = running capacity) or the token budget (one server)
            bool slotBound = full.Running >= cap * 0.999;
            double servers = slotBound ? cap : 1, u = rate / mu;
            var (pw, wq) = saturated ? (0.0, 0.0) : OpenLoopQueueing.Wait(u, s.ArrivalCv2, 0, servers, servers / mu * 1e3);
            // saturated: the queue grows through the run; request i waits i·(1/μ − 1/λ)
            double backlogMs = saturated ? (1 / mu - 1 / rate) * 1e3 * (n - 1) : 0;
            double ttftFixed = serving + prefillMs;
            e.TtftMs = ttftFixed + t / 2 + wq + backlogMs / 2;
            double Ttft(double level) => ttftFixed + level * t + OpenLoopQueueing.WaitQuantile(pw, wq, level) + backlogMs * level;
            double Tpot(double arrivals) => saturated ? full.StepMs : curve.At(Math.Min(arrivals, full.DecodeSeqs)) + (o1 > 0 ? b * arrivals / o1 : 0);
            double m = lambda * o1 * t;
            e.TpotMs = e.TpotFirstMs = e.TpotLastMs = e.DecodeStepMs = osl > 1 ? Tpot(m) : t;
            e.EndToEndLatencyMs = e.TtftMs + o1 * e.TpotMs;
            var ttft = new double[3];
            var tpot = new double[3];
            for (int i = 0; i < 3; i++)
            {
                ttft[i] = Ttft(OpenLoopQueueing.Levels[i]);
                tpot[i] = osl > 1 ? Tpot(OpenLoopQueueing.CountQuantile(m, s.ArrivalCv2, OpenLoopQueueing.NormalZ[i])) : t;
            }
            e.TtftP50Ms = ttft[0]; e.TtftP90Ms = ttft[1]; e.TtftP99Ms = ttft[2];
            e.TpotP50Ms = tpot[0]; e.TpotP90Ms = tpot[1]; e.TpotP99Ms = tpot[2];
            // queue waits and slow decode come from the same bursts: the latency percentiles add (comonotone)
            e.EndToEndLatencyP50Ms = ttft[0] + o1 * tpot[0]; e.EndToEndLatencyP90Ms = ttft[1] + o1 * tpot[1]; e.EndToEndLatencyP99Ms = ttft[2] + o1 * tpot[2];
            double served = Math.Min(rate, mu);
            e.RequestsPerSecond = served;
            e.OutputTokensPerSecond = served * osl;
            e.TotalTokensPerSecond = served * (isl + osl);
            e.TokensPerSecondPerUser = osl > 1 ? 1000.0 / e.TpotMs : osl / (e.EndToEndLatencyMs / 1e3);
            e.PrefillMs = prefillMs;
            e.PrefillBottleneck = own.Bottleneck;
            e.DecodeBottleneck = steps.Step(StepLoad.Decode(Math.Max(1, d), ctx), StepPhase.Decode, false).Bottleneck;
            ServingCapacity.HoldRunningBatch(e, c, Math.Min(cap, d + p * chunks));
            if (saturated)
            {
                e.Saturated = true;
                e.FitReason = $"Saturated: {F(rate)} requests/s offered, the deployment serves at most {mu:0.##} ({(slotBound ? $"running batch full at {cap:0} sequences" : $"token budget of {budget:0} per step full")}); the queue grows through the {n} requests of the run (mean wait {backlogMs / 2:0} ms).";
                c.Log.Note("saturated", mu, "model", e.FitReason);
            }
            c.Log.Note("serving_overhead_ms", serving, "calibration", $"{F(serving)} ms per request for the serving path (the concurrency mode's calibrated value) added to TTFT.");
            c.Log.Note("mode", null, "request",
                $"Open loop at {F(rate)} requests/s (capacity {mu:0.##}, utilisation {Math.Min(u, 9.99):0.00}): {d:0.#} sequences decoding, step {t:0.##} ms. " +
                $"Percentiles: TTFT = serving path + wait for the next step (uniform) + G/G/{(slotBound ? "c" : "1")} queue wait (Allen-Cunneen mean, exponential tail, P(wait) {pw:0.00}) + own prefill; " +
                "TPOT from the arrivals during a request's decode lifetime (normal, variance mean x CV² of the inter-arrival times); E2E = TTFT + (osl-1) TPOT at the same percentile.");
        }
    }
}
