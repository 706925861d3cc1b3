using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using ModelConfig.Core.Hardware;
using ModelConfig.Core.Models;
using static ModelConfig.Core.Estimation.AssumptionLog;

namespace ModelConfig.Core.Estimation
{
    /// <summary>
    /// Speculative decoding and prefix caching as seen by one forward step. A decode step becomes a verify pass of k+1 tokens
    /// per sequence plus k draft passes, and is reported per emitted token (divided by the expected tokens per step), so
    /// every load model's TPOT and throughput follow without change. Prefill steps compute only the uncached prompt share.
    /// </summary>
    internal sealed class ServingStepAdjustment
    {
        private static readonly ConditionalWeakTable<ModelConfiguration, ModelConfiguration[]> DraftHeads = new ConditionalWeakTable<ModelConfiguration, ModelConfiguration[]>();
        private readonly ServingSettings _s;
        private readonly StepModel? _draft;

        private ServingStepAdjustment(ServingSettings s, StepModel? draft)
        {
            _s = s;
            _draft = draft;
        }

        /// <summary>Weights the draft needs per GPU beyond the target's (MTP layer, EAGLE head or draft model).</summary>
        public double DraftWeightBytesPerGpu { get; private set; }

        /// <summary>Sets the hook on <paramref name="steps"/> when the request asks for speculation or prefix caching; returns it (or null).</summary>
        public static ServingStepAdjustment? Attach(DeploymentRequest r, ServingSettings s, StepModel steps, ParallelLayout layout, StoragePrecisions p,
            ResolvedRates rates, EstimatorCalibration cal, RequestLoad load, AssumptionLog log)
        {
            if (!s.AdjustsSteps) return null;
            StepModel? draft = null;
            double draftWeights = 0;
            if (s.Speculative != SpeculativeMethod.None)
            {
                var draftModel = DraftOf(r, s);
                draft = new StepModel(draftModel, layout, p, rates, cal);
                var mem = new MemoryModel(draftModel, r.Hardware, layout, p, load, cal, r.ReservedMemoryGB);
                if (s.Speculative == SpeculativeMethod.DraftModel) draftWeights = mem.WeightBytesPerGpu();
                else
                {
                    // the head's own layer(s) plus the projection joining embedding and hidden state (2h x h); embedding and lm_head are the target's
                    var ends = new MemoryModel(HeadsOf(r.Model)[2], r.Hardware, layout, p, load, cal, r.ReservedMemoryGB);
                    draftWeights = mem.WeightBytesPerGpu() - ends.WeightBytesPerGpu() + 2.0 * r.Model.HiddenSize * r.Model.HiddenSize * p.DenseWeightBytes / layout.TensorParallel;
                }
                if (!log.Discard) log.Note("draft_weights_gb", draftWeights / 1e9, "model", s.Speculative == SpeculativeMethod.Mtp
                    ? $"MTP: {s.MtpLayers} next-n layer(s) in the checkpoint, each one decoder layer like the model's last plus a 2h x h projection ({F(draftWeights / 1e9)} GB per GPU); one MTP pass per drafted token, the layer reused when k exceeds the layers."
                    : s.Speculative == SpeculativeMethod.Eagle
                        ? $"EAGLE head: one decoder layer of the target's first-layer shape plus a 2h x h projection, sharing the target's lm_head ({F(draftWeights / 1e9)} GB per GPU)."
                        : $"Draft model '{draftModel.ModelId}' on the target's layout: {F(draftWeights / 1e9)} GB of weights per GPU; its KV cache is not counted.");
            }
            var adj = new ServingStepAdjustment(s, draft) { DraftWeightBytesPerGpu = draftWeights };
            steps.Adjustment = adj;
            return adj;
        }

        public StepResult Step(StepModel target, StepLoad load, StepPhase phase, bool detail)
        {
            if (_s.PrefixHitRate > 0 && load.PrefillSeqs > 0) load.PrefillLength = Math.Max(1, load.PrefillLength * (1 - _s.PrefixHitRate));
            if (_draft == null || load.DecodeSeqs <= 0) return target.RawStep(load, phase, detail);
            int k = _s.DraftTokens;
            double seqs = load.DecodeSeqs;
            // verify: every decoding sequence feeds its last token plus k drafts; the drafts ride as a k-token prefill chunk
            // (one KV read of the context per sequence, k+1 rows through every GEMM)
            var verify = load;
            if (verify.PrefillSeqs > 0) verify.PrefillSeqs += seqs * k / Math.Max(1, verify.PrefillLength);
            else { verify.PrefillSeqs = seqs; verify.PrefillLength = k; }
            var s = target.RawStep(verify, phase, detail);
            // k autoregressive draft passes at the same batch. Each is a forward of its own (embedding, 2h x h projection, one
            // decoder layer with its collectives, lm_head, then sampling the draft token that the next pass embeds), so each pays
            // the per-forward fixed cost as well: the passes depend on each other's sampled token and are launched one by one.
            // The first pass takes every token the verify step accepted (the draft's KV cache and hidden states catch up on
            // them), so it carries accepted-tokens-per-step rows per sequence; the later passes one each
            var d = _draft.RawStep(StepLoad.Decode(seqs, load.DecodeContext), StepPhase.Decode, false);
            double caughtUp = _s.AcceptedTokensPerStep - 1;
            var firstLoad = StepLoad.Decode(seqs, load.DecodeContext);
            if (caughtUp > 0) { firstLoad.PrefillSeqs = seqs; firstLoad.PrefillLength = caughtUp; }
            var d1 = caughtUp > 0 ? _draft.RawStep(firstLoad, StepPhase.Decode, false) : d;
            int later = k - 1;
            s.TimeMs += d1.TimeMs + later * d.TimeMs; s.ComputeMs += d1.ComputeMs + later * d.ComputeMs;
            s.MemoryMs += d1.MemoryMs + later * d.MemoryMs; s.CommMs += d1.CommMs + later * d.CommMs; s.OverheadMs += d1.OverheadMs + later * d.OverheadMs;
            double perToken = 1.0 / _s.AcceptedTokensPerStep;
            s.TimeMs *= perToken; s.ComputeMs *= perToken; s.MemoryMs *= perToken; s.CommMs *= perToken; s.OverheadMs *= perToken;
            return s;
        }

        private static ModelConfiguration DraftOf(DeploymentRequest r, ServingSettings s)
        {
            if (s.Speculative == SpeculativeMethod.DraftModel) return r.DraftModel!;
            var heads = HeadsOf(r.Model);
            return s.Speculative == SpeculativeMethod.Mtp ? heads[0] : heads[1];
        }

        /// <summary>Built once per model: the MTP pass (last layer's shape), the EAGLE pass (first layer's shape), no layers (embedding and head only).</summary>
        private static ModelConfiguration[] HeadsOf(ModelConfiguration target)
            => DraftHeads.GetValue(target, m => new[] { HeadOf(m, m.DecoderLayerBlocks[m.DecoderLayerBlocks.Count - 1]), HeadOf(m, m.DecoderLayerBlocks[0]), HeadOf(m, null) });

        /// <summary>The target with one decoder layer of <paramref name="block"/> (an MTP or EAGLE pass), or with none.</summary>
        private static ModelConfiguration HeadOf(ModelConfiguration m, string? block)
        {
            var c = m.Clone();
            c.DecoderLayerBlocks = block == null ? new SummaryList<string>() : new SummaryList<string> { block };
            c.NumLayers = c.DecoderLayerBlocks.Count;
            c.InvalidateLayers();
            return c;
        }
    }
}
