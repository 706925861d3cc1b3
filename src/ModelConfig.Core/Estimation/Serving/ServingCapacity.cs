using System;
using ModelConfig.Core.Hardware;
using static ModelConfig.Core.Estimation.AssumptionLog;

namespace ModelConfig.Core.Estimation
{
    /// <summary>
    /// What limits a continuous-batching replica: the running batch (KV cache, MaxBatchSize) and the tokens of one step
    /// (MaxNumTokens), and the memory the serving options add or save.
    /// </summary>
    internal static class ServingCapacity
    {
        /// <summary>Tokens of KV one sequence holds: the cached prompt share is shared between sequences, so only the rest and the output count.</summary>
        public static double KvTokensPerSequence(RequestLoad load)
            => load.InputLength * (1 - load.Serving.PrefixHitRate) + load.OutputLength;

        public static MemoryBudget WithDraftWeights(MemoryBudget b, ServingStepAdjustment? adj, HardwareConfig hw)
            => adj == null || adj.DraftWeightBytesPerGpu <= 0 ? b : new MemoryBudget(b.Weights + adj.DraftWeightBytesPerGpu, b.KvCache, b.Activations, b.Reserved, hw.MemoryBytes);

        /// <summary>Tokens one forward step may carry.</summary>
        public static int TokenBudget(LoadContext c)
        {
            int t = c.Load.Serving.MaxNumTokens ?? c.Calibration.MaxTokensPerStep;
            if (!c.Load.Serving.MaxNumTokens.HasValue)
                c.Log.Note("max_num_tokens", t, "calibration", $"At most {t} tokens per forward step (prefill chunks plus decode tokens), the engine default (TensorRT-LLM max_num_tokens 8192).");
            return t;
        }

        /// <summary>Sequences one replica can run at once: KV capacity and the engine's batch limit (per attention rank under DP attention).</summary>
        public static double RunningCapacity(DeploymentEstimate e, LoadContext c, int defaultMaxBatch = DeploymentDefaults.MaxBatchSize, string defaultSource = "TensorRT-LLM's default max_batch_size")
        {
            var layout = c.Memory.Layout;
            int ranks = layout.DataParallelAttention ? layout.TensorParallel : 1;
            int limit = (c.Load.Serving.MaxBatchSize ?? defaultMaxBatch) * ranks;
            if (!c.Load.Serving.MaxBatchSize.HasValue)
                c.Log.Note("max_batch_size", defaultMaxBatch, "default", $"Running batch limited to {defaultMaxBatch} sequences per attention rank ({defaultSource}) besides the KV cache, which holds {e.MaxBatchSize}.");
            return Math.Max(0, Math.Min(e.MaxBatchSize, limit));
        }

        /// <summary>
        /// The engine limits trtllm-bench sets when the command gives none (tensorrt_llm/bench/build/tuning.py, finetune_setting):
        /// raw batch = min(KV-cache requests of isl+osl tokens, 4096) / pp, rounded up to 32 (at least 64) below 256, to 128 below
        /// 1024, else to 256; max_num_tokens = min(raw batch x (1 + isl/osl), 32768) rounded up to 256 (at least 2048) below 4096,
        /// to 512 below 8192, else to 1024. Prompt-heavy runs so get large prefill steps, decode-heavy runs small ones.
        /// </summary>
        public static (int MaxBatch, int MaxTokens) BenchEngineSettings(double kvRequests, int isl, int osl, int pp)
        {
            double rawBs = Math.Max(1, Math.Min(kvRequests, 4096)) / Math.Max(1, pp);
            double rawTokens = Math.Min(rawBs * (1 + (double)isl / Math.Max(1, osl)), 32768);
            int bs = rawBs < 256 ? Math.Max(64, 32 * (int)Math.Ceiling(rawBs / 32)) : rawBs < 1024 ? 128 * (int)Math.Ceiling(rawBs / 128) : 256 * (int)Math.Ceiling(rawBs / 256);
            int tokens = rawTokens < 4096 ? Math.Max(2048, 256 * (int)Math.Ceiling(rawTokens / 256)) : rawTokens < 8192 ? 512 * (int)Math.Ceiling(rawTokens / 512) : 1024 * (int)Math.Ceiling(rawTokens / 1024);
            return (bs, tokens);
        }

        /// <summary>Copies the serving settings into the estimate so the output says what was modelled.</summary>
        public static void Describe(DeploymentEstimate e, ServingSettings s)
        {
            e.NumRequests ??= s.Mode.HasValue ? s.NumRequests : null;
            if (s.Mode == LoadMode.RequestRate) e.RequestRate = s.RequestRate;
            e.Speculative = s.Speculative;
            if (s.Speculative != SpeculativeMethod.None)
            {
                e.SpeculativeTokens = s.DraftTokens;
                e.AcceptanceRate = s.Acceptance;
                e.AcceptedTokensPerStep = s.AcceptedTokensPerStep;
            }
            if (s.PrefixHitRate > 0) e.PrefixCacheHitRate = s.PrefixHitRate;
        }

        /// <summary>Updates KV cache and memory figures for the running batch a load model settled on.</summary>
        public static void HoldRunningBatch(DeploymentEstimate e, LoadContext c, double running)
        {
            var mem = c.Budget;
            e.RunningBatch = running;
            e.KvCacheGB = c.Memory.Layout.SequencesPerGpu(Math.Ceiling(running)) * c.Memory.KvBytesPerSequencePerGpu(KvTokensPerSequence(c.Load)) / 1e9;
            e.MemoryPerGpuGB = (mem.Weights + e.KvCacheGB * 1e9 + mem.Activations + mem.Reserved) / 1e9;
        }
    }

    /// <summary>
    /// Continuous batching in steady state at full load: D sequences decode while arriving prompts are chunked into the same
    /// steps, within the running-batch capacity and the step's token budget.
    /// </summary>
    internal readonly struct BatchingSteadyState
    {
        public BatchingSteadyState(double decodeSeqs, double promptsPerStep, double stepMs, double chunkSteps)
        {
            DecodeSeqs = decodeSeqs;
            PromptsPerStep = promptsPerStep;
            StepMs = stepMs;
            ChunkSteps = chunkSteps;
        }

        /// <summary>Sequences producing a token in every step.</summary>
        public double DecodeSeqs { get; }
        /// <summary>Prompts (whole-prompt equivalents) prefilled per step.</summary>
        public double PromptsPerStep { get; }
        public double StepMs { get; }
        /// <summary>Steps a prompt's prefill spans when chunked.</summary>
        public double ChunkSteps { get; }
        /// <summary>Requests completed per second.</summary>
        public double RequestsPerSecond => StepMs > 0 ? PromptsPerStep / StepMs * 1e3 : 0;
        /// <summary>Sequences holding KV: decoding plus those in prefill.</summary>
        public double Running => DecodeSeqs + PromptsPerStep * ChunkSteps;

        /// <summary>
        /// Full-load steady state: with o output tokens a sequence decodes o-1 steps and its prompt occupies its slot for c
        /// chunk steps, so D = min(cap (o-1)/(o-1+c), T (o-1)/(o-1+L)) with L the computed prompt tokens; one prompt per o-1
        /// decode tokens enters each step.
        /// </summary>
        public static BatchingSteadyState AtCapacity(StepModel steps, int isl, int osl, double capacity, double tokenBudget, double prefixHit, double maxSeqs = double.MaxValue)
        {
            double L = Math.Max(1, isl * (1 - prefixHit));
            double cap = Math.Max(1, Math.Min(capacity, maxSeqs));
            if (osl <= 1)
            {
                double prompts = Math.Max(1e-6, Math.Min(cap, tokenBudget / L));
                var pre = steps.Step(StepLoad.Prefill(prompts, isl), StepPhase.Prefill, false);
                return new BatchingSteadyState(0, prompts, pre.TimeMs, Math.Max(1, L / tokenBudget));
            }
            double o1 = osl - 1;
            double d = Math.Min(cap * o1 / (o1 + 1), tokenBudget * o1 / (o1 + L));
            double chunks = Math.Max(1, L / Math.Max(1, tokenBudget - d));
            d = Math.Max(Math.Min(d, cap * o1 / (o1 + chunks)), Math.Min(1, cap));
            var s = steps.Step(new StepLoad { DecodeSeqs = d, DecodeContext = isl + osl / 2.0, PrefillSeqs = d / o1, PrefillLength = isl }, StepPhase.Decode, false);
            return new BatchingSteadyState(d, d / o1, s.TimeMs, chunks);
        }
    }
}
