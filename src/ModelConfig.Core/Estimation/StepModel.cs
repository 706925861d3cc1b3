using System;
using System.Collections.Generic;
using System.Linq;
using ModelConfig.Core.Models;

namespace ModelConfig.Core.Estimation
{
    /// <summary>
    /// Time of one forward step of a replica for a given load: per layer, each operator at the slower of its compute and its
    /// memory traffic, plus collectives, fixed overheads and pipeline rounds. Everything that does not depend on the load
    /// (which blocks repeat how often, how many collectives a step issues) is worked out once per model and layout.
    /// </summary>
    internal sealed class StepModel
    {
        private const double ActBytes = StoragePrecisions.ActivationBytes;
        private readonly ModelConfiguration _m;
        private readonly ParallelLayout _layout;
        private readonly StoragePrecisions _p;
        private readonly ResolvedRates _rates;
        private readonly double _gemmHalfEfficiencyRows, _groupedHalfEfficiencyRows, _ringHopUs, _attentionTile;
        private readonly int _kernelsPerStep;
        private readonly ModelPlan.BlockGroup[] _groups;
        private readonly int _allReducesPerStep, _allToAllsPerStep;
        private readonly FeedForwardSpec? _firstMoe;
        private readonly double _headParams;

        public StepModel(ModelConfiguration m, ParallelLayout layout, StoragePrecisions precisions, ResolvedRates rates, EstimatorCalibration cal)
        {
            _m = m;
            _layout = layout;
            _p = precisions;
            _rates = rates;
            _gemmHalfEfficiencyRows = rates.MatrixEngine ? cal.GemmHalfEfficiencyTokens : 1.0;
            _groupedHalfEfficiencyRows = rates.MatrixEngine ? cal.GroupedGemmHalfEfficiencyRows ?? cal.GemmHalfEfficiencyTokens : 1.0;
            _ringHopUs = cal.RingHopLatencyUs;
            _attentionTile = Math.Max(1, cal.AttentionTileTokens);
            // block groups and kernel counts depend on the model only: worked out once per model (ModelPlan)
            var plan = ModelPlan.Of(m);
            _groups = plan.Groups;
            _kernelsPerStep = plan.KernelsPerStep + (rates.SeparateActivationQuant ? plan.QuantizedGemmInputsPerStep : 0);
            int tp = layout.TensorParallel;
            bool a2a = layout.DataParallelAttention && layout.ExpertParallel > 1 && layout.PeerFabric;
            foreach (var g in _groups)
            {
                var b = g.Block;
                bool moe = b.Ffn != null && b.Ffn.IsMoe;
                // attention output all-reduce (TP), or the gather before the FFN (DP attention); none when attention and MLP
                // run in parallel (one all-reduce after both), none when all-to-all dispatch replaces it
                if (b.Attention != null && tp > 1 && !b.ParallelResidual && !(a2a && moe)) _allReducesPerStep += g.Layers;
                if (b.Ffn != null)
                {
                    if (a2a && moe) _allToAllsPerStep += g.Layers * 2; // dispatch + combine replace gather/scatter
                    if (tp > 1 && !(a2a && moe)) _allReducesPerStep += g.Layers;
                }
            }
            _firstMoe = plan.FirstMoe;
            _headParams = m.LmHead.Tied || m.LmHead.Params == 0 ? m.Embedding.Params : m.LmHead.Params;
        }

        /// <summary>The speeds this model runs at (load models read the engine's serving costs from it).</summary>
        public ResolvedRates Rates => _rates;

        private static string Name(StepPhase phase) => phase == StepPhase.Prefill ? "prefill" : "decode";

        private double GemmEff(double eff, double rows) => eff * rows / (rows + _gemmHalfEfficiencyRows);

        private void Op(ref StepResult s, string phase, string layer, string op, double flops, double bytes, double peak, double eff, double rows, double halfRows = -1, double bandwidth = 0)
        {
            double m = Math.Max(rows, 1e-9);
            double ramp = halfRows < 0 ? GemmEff(eff, m) : eff * m / (m + halfRows);
            double tc = flops > 0 ? flops / (peak * ramp) : 0;
            double tm = bytes / (bandwidth > 0 ? bandwidth : _rates.MemoryBandwidth);
            double t = Math.Max(tc, tm) * 1e3;
            if (tc >= tm) s.ComputeMs += t; else s.MemoryMs += t;
            s.TimeMs += t;
            if (s.Layers != null)
                s.Layers.Add(new LayerEstimate { Phase = phase, Layer = layer, Operation = op, Flops = flops, BytesMoved = bytes, Bound = tc >= tm ? Bottlenecks.Compute : Bottlenecks.Memory, TimeMs = t });
        }

        private void Comm(ref StepResult s, string phase, string collective, int participants, double bytesPerCall, int count, bool allToAll = false)
        {
            if (participants <= 1 || count <= 0) return;
            double bw = _layout.LinkGBsPerDirection * _rates.CommunicationEfficiency;
            double latency = _rates.CollectiveLatencyUs;
            double us = allToAll
                ? latency + bytesPerCall * (participants - 1) / participants / (bw * 1e9) * 1e6
                : AllReduceUs(bytesPerCall, participants, bw, latency);
            double ms = us * count / 1e3;
            s.CommMs += ms; s.TimeMs += ms;
            if (s.Comms != null)
                s.Comms.Add(new CommunicationEstimate { Phase = phase, Collective = collective, Link = _layout.LinkName, Participants = participants, CountPerStep = count, BytesPerCall = bytesPerCall, TimePerCallUs = us, TimePerStepMs = ms });
        }

        // ---- serving-modes hook (Serving/ServingStepAdjustment.cs): speculative decoding and prefix caching change what a
        // step computes; null keeps every step exactly as RawStep computes it.
        internal ServingStepAdjustment? Adjustment { get; set; }

        /// <summary>
        /// All-reduce as engines run it: the faster of a ring (2(n-1) latency-bound hops, 2(n-1)/n of the bytes per link) and
        /// a one-shot push/read of every peer's buffer (one latency, (n-1) x the bytes), so small decode messages pay about
        /// one latency and large prefill messages the ring's bandwidth term.
        /// </summary>
        private double AllReduceUs(double bytes, int n, double gbs, double latencyUs)
        {
            double ring = DeploymentEstimator.AllReduceTimeUs(bytes, n, gbs, latencyUs) + 2.0 * (n - 1) * _ringHopUs;
            double oneShot = latencyUs + (n - 1) * bytes / (gbs * 1e9) * 1e6;
            return Math.Min(ring, oneShot);
        }

        /// <summary>Time of one forward pass of the whole load through all layers (one pipeline round); roofline rows when <paramref name="detail"/>.</summary>
        public StepResult Step(StepLoad load, StepPhase stepPhase, bool detail)
        {
            if (Adjustment != null) return Adjustment.Step(this, load, stepPhase, detail);
            // a prompt alone (one prompt for the prefill bottleneck, after the burst's) recurs within an estimate and at every
            // load level of a search: the last one is kept, matched on the exact bits of the load
            if (detail || load.DecodeSeqs != 0) return RawStep(load, stepPhase, detail);
            if (_lastPrefill.Is(load, stepPhase)) return _lastPrefill.Result;
            var s = RawStep(load, stepPhase, false);
            _lastPrefill = new RecentStep(load, stepPhase, s);
            return s;
        }

        private RecentStep _lastPrefill;

        private readonly struct RecentStep
        {
            public RecentStep(StepLoad load, StepPhase phase, StepResult result)
            {
                Load = load;
                Phase = phase;
                Result = result;
                Valid = true;
            }

            public readonly StepLoad Load;
            public readonly StepPhase Phase;
            public readonly StepResult Result;
            public readonly bool Valid;

            public bool Is(in StepLoad load, StepPhase phase) => Valid && Phase == phase && Same(Load.DecodeSeqs, load.DecodeSeqs)
                && Same(Load.DecodeContext, load.DecodeContext) && Same(Load.PrefillSeqs, load.PrefillSeqs) && Same(Load.PrefillLength, load.PrefillLength);

            private static bool Same(double a, double b) => BitConverter.DoubleToInt64Bits(a) == BitConverter.DoubleToInt64Bits(b);
        }

        /// <summary>The physics of one step (what <see cref="Step"/> computes when no serving adjustment is set).</summary>
        internal StepResult RawStep(StepLoad load, StepPhase stepPhase, bool detail)
        {
            string phase = Name(stepPhase);
            int tp = _layout.TensorParallel, pp = _layout.PipelineParallel, ep = _layout.ExpertParallel;
            bool dp = _layout.DataParallelAttention;
            double tpAttn = _layout.AttentionShards;
            var s = new StepResult();
            if (detail) { s.Layers = new List<LayerEstimate>(); s.Comms = new List<CommunicationEstimate>(); }
            // Pipeline: micro-batches of the load; round time = max(m, pp)/pp x time of all layers at load/m.
            int micro = pp > 1 ? (int)Math.Max(1, Math.Min(pp, Math.Floor(load.Sequences))) : 1;
            var mb = load.Scale(1.0 / micro);
            double roundFactor = pp > 1 ? (stepPhase == StepPhase.Decode ? Math.Max(micro, pp) : micro + pp - 1) / (double)pp : 1.0;

            double T = mb.Tokens;                  // tokens through the TP-sharded GEMMs (every GPU of the group sees all)
            double attnShare = dp ? 1.0 / tp : 1.0; // DP attention: each GPU runs its share of the sequences
            // DP attention: ranks run their own sequences; a prompt is not split, so the busiest rank holds at least one whole prompt
            double pSeqsBusiest = dp ? Math.Max(mb.PrefillSeqs / tp, Math.Min(mb.PrefillSeqs, 1.0)) : mb.PrefillSeqs;
            double tAttn = dp ? mb.DecodeSeqs / tp + pSeqsBusiest * mb.PrefillLength : T;
            var blockOps = detail ? new List<LayerEstimate>?[_groups.Length] : null;
            for (int gi = 0; gi < _groups.Length; gi++)
            {
                var b = _groups[gi].Block;
                var ls = new StepResult();
                if (detail) ls.Layers = new List<LayerEstimate>();
                string lname = b.Name;
                var at = b.Attention;
                if (at != null)
                {
                    double heads = at.NumHeads / tpAttn;
                    double hd = Math.Max(1, at.HeadDim), vhd = at.VHeadDim > 0 ? at.VHeadDim : hd;
                    // projections: all attention parameters as GEMM weights
                    double wElems = at.Params / tpAttn;
                    Op(ref ls, phase, lname, "attention_projections", 2 * tAttn * wElems, wElems * _p.DenseWeightBytes + tAttn * (2.0 * _m.HiddenSize) * ActBytes, _rates.DensePeak, _rates.DenseEfficiency, tAttn);
                    if (at.IsRecurrent)
                    {
                        // the state is read and written once per step for every sequence
                        double stateBytes = 2.0 * at.StateElementsPerSequence * StoragePrecisions.RecurrentStateBytes / tpAttn * mb.Sequences * attnShare;
                        Op(ref ls, phase, lname, "recurrent_state", 4.0 * tAttn * at.StateElementsPerSequence / tpAttn / Math.Max(1, _m.HiddenSize) * _m.HiddenSize, stateBytes, _rates.AttentionPeak, _rates.AttentionEfficiency, tAttn);
                    }
                    else
                    {
                        double kvLocal = at.KvCacheElementsPerTokenPerGpu(tp, dp);
                        double qkDim = at.Form == AttentionForms.Mla ? (at.KvLoraRank ?? 0) + (at.QkRopeHeadDim ?? 0) : hd;
                        double pvDim = at.Form == AttentionForms.Mla ? (at.KvLoraRank ?? 0) : vhd;
                        // decode: each new token reads the cached context
                        double dSeqs = mb.DecodeSeqs * attnShare;
                        double dCtx = at.CachedTokens(mb.DecodeContext);
                        double dFlops = 2.0 * dSeqs * dCtx * heads * (qkDim + pvDim);
                        double dBytes = dSeqs * dCtx * kvLocal * _p.KvBytes;
                        // prefill: causal attention over the prompt (window or chunks honoured)
                        double pSeqs = pSeqsBusiest, L = mb.PrefillLength;
                        // flash attention computes whole key tiles: half a tile per query row on the causal diagonal, a full
                        // tile when a sliding window also cuts the tiles at its far edge
                        bool windowed = at.SlidingWindow.HasValue && at.SlidingWindow.Value < L;
                        double pairs = pSeqs > 0 ? Math.Min(L * (L + 1) / 2, at.CausalPairs(L) + L * _attentionTile * (windowed ? 1.0 : 0.5)) : 0;
                        // MLA prefill runs in the expanded form (per-head nope + rope dims)
                        double pqk = at.Form == AttentionForms.Mla ? (at.QkNopeHeadDim ?? 128) + (at.QkRopeHeadDim ?? 64) : hd;
                        double pFlops = 2.0 * pSeqs * pairs * heads * (pqk + vhd);
                        double pBytes = pSeqs * L * kvLocal * _p.KvBytes + pSeqs * L * heads * (pqk + vhd) * ActBytes;
                        if (dSeqs > 0) Op(ref ls, phase, lname, "attention_decode", dFlops, dBytes, _rates.AttentionPeak, _rates.DecodeAttentionEfficiency, double.MaxValue);
                        if (pSeqs > 0) Op(ref ls, phase, lname, "attention_prefill", pFlops, pBytes, _rates.AttentionPeak, _rates.AttentionEfficiency, double.MaxValue);
                    }
                }
                var f = b.Ffn;
                if (f != null)
                {
                    if (f.IsMoe)
                    {
                        double routedPerExpert = f.ParamsPerExpert;
                        double D = DeploymentEstimator.ExpectedDistinctExperts(f.NumExperts, f.TopK, T);
                        // expert parallelism: the step waits for the busiest rank, which reads more distinct experts than the mean
                        double wLocal = BusiestRankExperts(f.NumExperts, f.TopK, T, ep, D) * routedPerExpert / tp;
                        double rowsPerExpert = D > 0 ? T * f.TopK / D : 0;
                        Op(ref ls, phase, lname, "router", 2 * T * f.RouterParams, f.RouterParams * 2.0, _rates.DensePeak, _rates.DenseEfficiency, T);
                        // grouped GEMM: one small GEMM per active expert, its efficiency ramping with rows per expert; the
                        // expert weights stream at the grouped kernels' (lower) rate
                        Op(ref ls, phase, lname, "experts", 2 * T * f.TopK * routedPerExpert / tp, wLocal * _p.ExpertWeightBytes + T * f.TopK * 2.0 * _m.HiddenSize * ActBytes / tp, _rates.ExpertPeak, _rates.ExpertEfficiency, rowsPerExpert, _groupedHalfEfficiencyRows, _rates.ExpertMemoryBandwidth);
                        if (f.SharedExpertParams > 0)
                            Op(ref ls, phase, lname, "shared_experts", 2 * T * f.SharedExpertParams / tp, f.SharedExpertParams * _p.DenseWeightBytes / tp, _rates.DensePeak, _rates.DenseEfficiency, T);
                    }
                    else
                    {
                        double w = (double)f.Params / tp;
                        Op(ref ls, phase, lname, "mlp", 2 * T * w, w * _p.DenseWeightBytes + T * 2.0 * _m.HiddenSize * ActBytes, _rates.DensePeak, _rates.DenseEfficiency, T);
                    }
                }
                int layers = _groups[gi].Layers;
                s.TimeMs += ls.TimeMs * layers; s.ComputeMs += ls.ComputeMs * layers; s.MemoryMs += ls.MemoryMs * layers;
                if (blockOps != null) blockOps[gi] = ls.Layers;
            }
            int n = _m.DecoderLayerBlocks.Count;
            if (blockOps != null) AddLayerRows(ref s, blockOps, pp > 1 ? roundFactor : 1);
            // lm_head: one logit row per sequence (prefill computes only the last token's logits)
            double headRows = mb.Sequences;
            Op(ref s, phase, "lm_head", "lm_head", 2 * headRows * _headParams / tp, _headParams * 2.0 / tp, _rates.AttentionPeak, _rates.DenseEfficiency, headRows);
            // collectives: TP all-reduce of the hidden state (or gather/scatter around MoE under DP attention)
            double hiddenBytes = T * _m.HiddenSize * ActBytes;
            // DP attention: an all-gather before and a reduce-scatter after the FFN, each (n-1)/n of the bytes
            if (dp) Comm(ref s, phase, "all_gather/reduce_scatter", tp, hiddenBytes, _allReducesPerStep, allToAll: true);
            else Comm(ref s, phase, "all_reduce", tp, hiddenBytes, _allReducesPerStep);
            if (_allToAllsPerStep > 0)
                Comm(ref s, phase, "all_to_all", ep, T * attnShare * _firstMoe!.TopK * _m.HiddenSize * ActBytes, _allToAllsPerStep, allToAll: true);
            // fixed costs are paid per kernel (an MLA + MoE layer launches about twice the kernels of a dense layer)
            double ovh = _rates.PerKernelOverhead ? _kernelsPerStep * _rates.KernelOverheadUs / 1e3 : n * _rates.LayerOverheadUs / 1e3;
            s.OverheadMs += ovh; s.TimeMs += ovh;
            // pipeline scaling: the per-micro-batch pass repeats per micro-batch over stages
            if (pp > 1)
            {
                s.TimeMs *= roundFactor; s.ComputeMs *= roundFactor; s.MemoryMs *= roundFactor; s.CommMs *= roundFactor; s.OverheadMs *= roundFactor;
                double p2p = (pp - 1) * (_rates.CollectiveLatencyUs + T * _m.HiddenSize * ActBytes / (_layout.LinkGBsPerDirection * _rates.CommunicationEfficiency * 1e9) * 1e6) / 1e3;
                s.CommMs += p2p; s.TimeMs += p2p;
            }
            s.OverheadMs += _rates.StepOverheadMs; s.TimeMs += _rates.StepOverheadMs;
            return s;
        }

        /// <summary>
        /// Distinct experts of the busiest of <paramref name="ep"/> expert-parallel ranks, times ep (so that / tp gives the
        /// per-GPU share): a rank holding E/ep experts receives Binomial(T·k, 1/ep) routed choices and the maximum of ep such
        /// counts sits about sqrt(2 ln ep) - (ln ln ep + ln 4π)/(2 sqrt(2 ln ep)) standard deviations above the mean (Gumbel
        /// limit of the maximum of ep normals). At small batch this is up to twice the mean (DeepSeek-V3 EP decode: expert
        /// load imbalance is why EPLB replicates hot experts, DeepSeek-V3 report §3.4); it vanishes once every rank touches
        /// all its experts.
        /// </summary>
        private static double BusiestRankExperts(int experts, int topK, double tokens, int ep, double mean)
        {
            if (ep <= 1 || experts < ep || tokens <= 0) return mean;
            double perRank = (double)experts / ep, choices = tokens * topK, p = 1.0 / ep;
            double l = Math.Sqrt(2 * Math.Log(ep));
            double z = ep == 2 ? 0.564 : Math.Max(0.564, l - (Math.Log(Math.Log(ep)) + Math.Log(4 * Math.PI)) / (2 * l));
            double busiest = Math.Min(choices, choices * p + z * Math.Sqrt(choices * p * (1 - p)));
            double distinct = perRank * (1 - Math.Pow(1 - 1 / perRank, busiest));
            return Math.Max(mean, distinct * ep);
        }

        /// <summary>One row per operator per decoder layer, in layer order: the ops of its block (one layer's share each).</summary>
        private void AddLayerRows(ref StepResult s, List<LayerEstimate>?[] blockOps, double timeFactor)
        {
            var byName = new Dictionary<string, List<LayerEstimate>>(StringComparer.Ordinal);
            for (int gi = 0; gi < _groups.Length; gi++) byName[_groups[gi].Key] = blockOps[gi]!;
            for (int i = 0; i < _m.DecoderLayerBlocks.Count; i++)
            {
                var blockName = _m.DecoderLayerBlocks[i];
                foreach (var le in byName[blockName])
                    s.Layers!.Add(new LayerEstimate { Phase = le.Phase, Layer = "layers." + i, Block = blockName, Operation = le.Operation, Flops = le.Flops, BytesMoved = le.BytesMoved, Bound = le.Bound, TimeMs = le.TimeMs * timeFactor });
            }
        }
    }
}
