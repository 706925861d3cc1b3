using ModelConfig.Core.Models;
using System;
using System.Collections.Generic;
using static ModelConfig.Core.Estimation.AssumptionLog;

namespace ModelConfig.Core.Estimation
{
    /// <summary>
    /// A closed loop of N users on a continuous-batching server with chunked prefill: each user sends its next request when
    /// the previous one ends, so N requests are always in flight (or queued, when the KV cache holds fewer).
    /// </summary>
    internal sealed class ClosedLoopConcurrencyLoad : ILoadModel
    {
        public void Predict(DeploymentEstimate e, LoadContext c)
        {
            int running = CapRunningBatch(e, c);
            var cal = c.Calibration;
            var steps = c.Steps;
            var log = c.Log;
            bool layers = c.IncludeLayers;
            int concurrency = c.Load.Concurrency;
            int isl = c.Load.InputLength, osl = c.Load.OutputLength, N = running;
            // Steady state: N requests in flight; during one request lifetime (osl steps) N new prompts arrive.
            // A prompt is processed in ceil(isl / MaxTokensPerStep) chunks, each riding on a decode step of the batch;
            // the other steps are pure decode. When there are more chunks than steps they share steps.
            double stepsPerLife = Math.Max(1, osl);
            var rates = steps.Rates;
            int budget = rates.MaxTokensPerStep; // the engine's token budget per step (chunked-prefill size)
            double chunks = Math.Ceiling((double)isl / Math.Max(1, budget));
            double prefillSteps = Math.Min(stepsPerLife, N * chunks);
            double ctxMean = isl + osl / 2.0;
            var sPre = steps.Step(new StepLoad { DecodeSeqs = N, DecodeContext = ctxMean, PrefillSeqs = N / prefillSteps, PrefillLength = isl }, StepPhase.Decode, layers);
            var sDec = steps.Step(StepLoad.Decode(N, ctxMean), StepPhase.Decode, layers && prefillSteps < stepsPerLife);
            double tpot = (prefillSteps * sPre.TimeMs + (stepsPerLife - prefillSteps) * sDec.TimeMs) / stepsPerLife;
            var sMix = prefillSteps < stepsPerLife / 2 ? sDec : sPre;
            // the step(s) that carry this request's own prompt
            double ownPrompts = Math.Max(1, N / prefillSteps);
            var own = steps.Step(new StepLoad { DecodeSeqs = Math.Max(0, N - 1), DecodeContext = ctxMean, PrefillSeqs = ownPrompts, PrefillLength = isl }, StepPhase.Prefill, false);
            double serving = rates.ServingOverheadMs + cal.ServingOverheadPerInputTokenUs * isl / 1e3;
            // prompts of a wave of arrivals queue for prefill compute: M/D/1 wait with the marginal prefill time as service
            double tPre = Math.Max(0, own.TimeMs - sDec.TimeMs) / ownPrompts;
            double life = Math.Max(1e-6, own.TimeMs + (osl - 1) * tpot);
            double rho = Math.Min(0.95, N / (Math.Max(0.01, cal.ArrivalSpread) * life) * tPre);
            // a closed loop cannot queue more than the other N-1 prompts ahead (half of them on average)
            double prefillQueue = Math.Min(rho / (2 * (1 - rho)) * tPre, 0.5 * Math.Max(0, N - ownPrompts) * tPre);
            // a new request waits for the steps already running; with no other request in flight the engine is idle
            double busy = N > 1 ? (N - 1.0) / N : 0.0;
            double ttftSteady = serving + cal.QueueSteps * busy * sDec.TimeMs + own.TimeMs + prefillQueue;
            log.Note("prefill_queue_ms", prefillQueue, "calibration", $"Arrivals come in waves within {F(cal.ArrivalSpread)} of a request lifetime: prefill utilisation {rho:0.00} in the wave, mean wait {prefillQueue:0.0} ms (M/D/1) added to TTFT.");
            double ttft = ttftSteady, ttftMedian = ttftSteady;
            if (c.Load.NumRequests.HasValue && c.Load.NumRequests.Value > 0)
            {
                // initial burst: all N requests arrive together; their prompts queue (mean: half the burst's prefill work)
                double Rn = Math.Max(N, c.Load.NumRequests.Value);
                var burst = steps.Step(StepLoad.Prefill(N, isl), StepPhase.Prefill, false);
                var single = steps.Step(StepLoad.Prefill(1, isl), StepPhase.Prefill, false);
                double burstMean = serving + (burst.TimeMs + single.TimeMs) / 2;
                ttft = (N * burstMean + (Rn - N) * ttftSteady) / Rn;
                log.Note("initial_burst", burstMean, "request", $"{c.Load.NumRequests.Value} requests: the first {N} arrive together; their mean TTFT {burstMean:0.#} ms is included in the mean.");
            }
            log.Note("serving_overhead_ms", serving, "calibration", $"{F(serving)} ms per request for the serving path ({F(rates.ServingOverheadMs)} ms + {F(cal.ServingOverheadPerInputTokenUs)} µs per prompt token: HTTP, tokenisation, streaming) added to TTFT in concurrency mode.");
            if (running < concurrency)
            {
                // Little's law: Concurrency requests in the system, served at running / lifetime requests per unit time
                double lifetime = ttft + (osl - 1) * tpot;
                ttft += lifetime * ((double)concurrency / running - 1);
                ttftMedian += (ttftSteady + (osl - 1) * tpot) * ((double)concurrency / running - 1);
            }
            e.TtftMs = ttft;
            e.TtftMedianMs = ttftMedian;
            if (osl <= 1)
            {
                tpot = sDec.TimeMs; // no second token: report the decode step the batch would run at
                log.Note("tpot", tpot, "model", "Output length 1: there is no time per output token; TPOT reports the decode step time at this batch.");
            }
            e.TpotMs = e.TpotFirstMs = e.TpotLastMs = tpot;
            e.PrefillMs = own.TimeMs;
            e.DecodeStepMs = tpot;
            e.PrefillBottleneck = steps.Step(StepLoad.Prefill(1, isl), StepPhase.Prefill, false).Bottleneck;
            e.DecodeBottleneck = sMix.Bottleneck;
            e.EndToEndLatencyMs = ttft + (osl - 1) * tpot;
            double sec = e.EndToEndLatencyMs / 1e3;
            e.OutputTokensPerSecond = concurrency * (double)osl / sec;
            e.TotalTokensPerSecond = concurrency * (double)(isl + osl) / sec;
            e.TokensPerSecondPerUser = osl > 1 ? 1000.0 / tpot : osl / sec;
            e.RequestsPerSecond = concurrency / sec;
            if (layers)
            {
                var pre = steps.Step(StepLoad.Prefill(1, isl), StepPhase.Prefill, true);
                e.Layers = new SummaryList<LayerEstimate>(pre.Layers!); e.Layers.AddRange(sMix.Layers!);
                e.Communications = new SummaryList<CommunicationEstimate>(pre.Comms!); e.Communications.AddRange(sMix.Comms!);
            }
            log.Note("mode", null, "request", $"Continuous batching, {N} requests in flight: decode steps at batch {N} (mean context {isl + osl / 2.0:0}) with the prompts of arriving requests chunked into them (prompts in chunks of up to {budget} tokens, {prefillSteps:0} of {stepsPerLife:0} steps per request lifetime carry one); TTFT = serving path + {F(cal.QueueSteps)} x (N-1)/N decode steps of engine latency + prefill queueing + the step carrying the prompt; throughput = N x osl / end-to-end latency (steady state, ramp and drain ignored).");
        }

        /// <summary>
        /// A server keeps at most as many sequences as the KV cache holds; the other requests wait. Returns the running batch and,
        /// when it is capped, marks the estimate as fitting with the smaller KV cache.
        /// </summary>
        private static int CapRunningBatch(DeploymentEstimate e, LoadContext c)
        {
            int concurrency = c.Load.Concurrency;
            if (e.Fits || e.MaxBatchSize < 1 || e.MaxBatchSize >= concurrency) return concurrency;
            int running = e.MaxBatchSize;
            var mem = c.Budget;
            e.Fits = true;
            e.FitReason = $"KV cache holds {running} of the {concurrency} requests in flight: the running batch is capped at {running}; the rest queue (counted in TTFT).";
            e.KvCacheGB = c.Memory.Layout.SequencesPerGpu(running) * c.Memory.KvBytesPerSequencePerGpu(c.Load.ContextLength) / 1e9;
            e.MemoryPerGpuGB = (mem.Weights + e.KvCacheGB * 1e9 + mem.Activations + mem.Reserved) / 1e9;
            c.Log.Note("running_batch", running, "model", e.FitReason);
            return running;
        }
    }
}
