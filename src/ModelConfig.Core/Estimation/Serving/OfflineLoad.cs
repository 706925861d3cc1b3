using System;
using static ModelConfig.Core.Estimation.AssumptionLog;

namespace ModelConfig.Core.Estimation
{
    /// <summary>
    /// Offline max throughput (trtllm-bench throughput): every request is queued at t=0 and the engine runs as many as its
    /// KV cache, MaxBatchSize and MaxNumTokens allow, chunking prompts into the decode steps. The measured figure is all output
    /// tokens over the whole run, so the ramp (the first batch's prompts prefilled before decoding is in full swing) and the
    /// drain (the last sequences finishing with a shrinking batch) are included.
    /// </summary>
    internal sealed class OfflineLoad : ILoadModel
    {
        public void Predict(DeploymentEstimate e, LoadContext c)
        {
            int isl = c.Load.InputLength, osl = c.Load.OutputLength, n = c.Load.NumRequests ?? DeploymentDefaults.NumRequests;
            // trtllm-bench derives max_batch_size / max_num_tokens from the dataset and the KV cache when the command sets none
            var bench = ServingCapacity.BenchEngineSettings(e.MaxBatchSize, isl, osl, c.Memory.Layout.PipelineParallel);
            // under DP attention every attention rank schedules its own step within the limit, as it does its own batch
            var layout = c.Memory.Layout;
            int ranks = layout.DataParallelAttention ? layout.TensorParallel : 1;
            double budget = (double)(c.Load.Serving.MaxNumTokens ?? bench.MaxTokens) * ranks;
            if (!c.Load.Serving.MaxNumTokens.HasValue)
                c.Log.Note("max_num_tokens", bench.MaxTokens, "default", $"At most {bench.MaxTokens} tokens per forward step{(ranks > 1 ? $" per attention rank ({budget:0} over the {ranks} ranks)" : "")}: trtllm-bench's setting for this dataset (KV-cache requests x (1 + isl/osl), 2048 to 32768).");
            double cap = ServingCapacity.RunningCapacity(e, c, bench.MaxBatch, "trtllm-bench's setting for this dataset and KV cache");
            if (cap < 1)
            {
                e.Fits = false;
                e.FitReason ??= "The KV cache holds no sequence of this length: nothing can run.";
                return;
            }
            // the executor's per-request host work: one scheduler per attention rank under DP attention, else one per replica
            double hostUs = c.Steps.Rates.OfflineHostPerSequenceUs;
            var run = OfflineRun.Compute(c.Steps, isl, osl, n, cap, budget, c.Load.Serving.PrefixHitRate, hostUs / ranks);
            if (hostUs > 0)
                c.Log.Note("offline_host_per_sequence_us", hostUs, "calibration", $"{F(hostUs)} µs of host work per running sequence per step on each scheduler's critical path (TensorRT-LLM PyTorch executor: per-request sampler update and bookkeeping in Python), {F(run.HostMs)} ms of the {F(run.TpotMs)} ms steady step at {run.DecodeSeqs / ranks:0} sequences per scheduler.");
            e.TtftMs = run.MeanTtftMs;
            e.TpotMs = e.TpotFirstMs = e.TpotLastMs = e.DecodeStepMs = run.TpotMs;
            e.EndToEndLatencyMs = run.MeanTtftMs + (osl - 1) * run.TpotMs;
            double sec = run.TotalMs / 1e3;
            e.OutputTokensPerSecond = (double)n * osl / sec;
            e.TotalTokensPerSecond = (double)n * (isl + osl) / sec;
            e.RequestsPerSecond = n / sec;
            e.TokensPerSecondPerUser = 1000.0 / Math.Max(1e-9, run.TpotMs);
            e.PrefillMs = run.RampStepMs;
            e.PrefillBottleneck = c.Steps.Step(StepLoad.Prefill(1, isl), StepPhase.Prefill, false).Bottleneck;
            e.DecodeBottleneck = run.SteadyBottleneck;
            ServingCapacity.HoldRunningBatch(e, c, Math.Min(cap, run.Running));
            c.Log.Note("mode", null, "request",
                $"Offline: {n} requests queued at t=0. Running batch {e.RunningBatch:0} (capacity {cap:0}: KV cache and max batch), {run.DecodeSeqs:0} decoding per step with prompts chunked in (at most {budget:0} tokens per step). " +
                $"Run time = ramp {F(run.RampMs)} ms (first {Math.Min(n, cap):0} prompts) + steady {F(run.SteadyMs)} ms + drain {F(run.DrainMs)} ms (last batch finishing at half size on average); throughput = all output tokens / run time.");
        }
    }

    /// <summary>The closed-form offline run: ramp, steady state and drain of <c>n</c> identical requests.</summary>
    internal sealed class OfflineRun
    {
        public double TotalMs { get; private set; }
        public double RampMs { get; private set; }
        public double SteadyMs { get; private set; }
        public double DrainMs { get; private set; }
        public double RampStepMs { get; private set; }
        public double MeanTtftMs { get; private set; }
        public double TpotMs { get; private set; }
        public double DecodeSeqs { get; private set; }
        public double Running { get; private set; }
        public string SteadyBottleneck { get; private set; } = "";
        /// <summary>Host time the steady step waits for (per-sequence host cost x sequences per scheduler).</summary>
        public double HostMs { get; private set; }

        /// <param name="hostUsPerSeq">Host µs per sequence of the step per scheduler (already divided by the attention ranks): added to every step, since the GPU waits for it.</param>
        public static OfflineRun Compute(StepModel steps, int isl, int osl, int n, double cap, double budget, double prefixHit, double hostUsPerSeq = 0)
        {
            double Host(double seqs) => hostUsPerSeq * seqs / 1e3;
            var ss = BatchingSteadyState.AtCapacity(steps, isl, osl, cap, budget, prefixHit, n);
            double L = Math.Max(1, isl * (1 - prefixHit));
            double first = Math.Min(n, cap);
            // ramp: the first wave's prompts fill whole steps of the token budget before most of them decode
            double rampSteps = Math.Max(1, Math.Ceiling(first * L / budget));
            var rampStep = steps.Step(StepLoad.Prefill(first / rampSteps, isl), StepPhase.Prefill, false);
            double rampStepMs = rampStep.TimeMs + Host(first / rampSteps);
            double ramp = rampSteps * rampStepMs;
            double ctx = isl + osl / 2.0;
            var r = new OfflineRun { RampMs = ramp, RampStepMs = rampStepMs, DecodeSeqs = ss.DecodeSeqs, Running = ss.Running };
            // the steady step carries its decoding sequences and the prompts chunked into it
            r.HostMs = Host(ss.DecodeSeqs + ss.PromptsPerStep);
            double stepMs = ss.StepMs + r.HostMs;
            if (osl <= 1)
            {
                double total = Math.Max(ramp, n / ss.PromptsPerStep * stepMs);
                r.SteadyMs = total - ramp;
                r.TotalMs = total;
                r.TpotMs = stepMs;
                r.MeanTtftMs = total / 2 + stepMs;
                r.SteadyBottleneck = rampStep.Bottleneck;
                return r;
            }
            double o1 = osl - 1, d = ss.DecodeSeqs;
            if (n <= d + 1e-9)
            {
                // one wave: every prompt is prefilled in the ramp, then all decode together
                var wave = steps.Step(StepLoad.Decode(n, ctx), StepPhase.Decode, false);
                double waveMs = wave.TimeMs + Host(n);
                r.HostMs = Host(n);
                r.TotalMs = ramp + o1 * waveMs;
                r.SteadyMs = o1 * waveMs;
                r.TpotMs = waveMs;
                r.MeanTtftMs = ramp / 2 + rampStepMs;
                r.SteadyBottleneck = wave.Bottleneck;
                r.Running = n;
                return r;
            }
            // steady: d tokens per step until the queue is empty; drain: the last d sequences, half their tokens left on average,
            // finish over o-1 steps at half the batch
            var drainStep = steps.Step(StepLoad.Decode(Math.Max(1, d / 2), ctx), StepPhase.Decode, false);
            double steady = Math.Max(0, (n * o1 - d * o1 / 2) / d) * stepMs;
            double drain = o1 * (drainStep.TimeMs + Host(Math.Max(1, d / 2)));
            r.SteadyMs = steady;
            r.DrainMs = drain;
            r.TotalMs = ramp + steady + drain;
            r.TpotMs = stepMs;
            // the first wave starts during the ramp; the others start evenly over the steady phase once a slot frees
            double laterStart = ramp + steady / 2 + ss.ChunkSteps * stepMs;
            r.MeanTtftMs = (first * (ramp / 2 + rampStepMs) + (n - first) * laterStart) / n;
            r.SteadyBottleneck = steps.Step(StepLoad.Decode(d, ctx), StepPhase.Decode, false).Bottleneck;
            return r;
        }
    }
}
