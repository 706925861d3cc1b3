using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using ModelConfig.Core.Hardware;
using ModelConfig.Core.Models;

namespace ModelConfig.Core.Estimation
{
    /// <summary>
    /// Analytical per-layer estimate of memory, latency and throughput of serving a model, with calibrated
    /// efficiencies. See <see cref="Estimate"/>.
    /// </summary>
    public static class DeploymentEstimator
    {
        /// <summary>
        /// Estimates a deployment. Throws <see cref="DeploymentConfigurationException"/> when the configuration
        /// cannot run (indivisible heads or experts, more GPUs than the node holds ...); running out of memory is
        /// reported as Fits = false with a FitReason.
        /// </summary>
        public static DeploymentEstimate Estimate(DeploymentRequest r)
        {
            if (r == null) throw new ArgumentNullException(nameof(r));
            if (r.Model == null) throw new DeploymentConfigurationException("model", "DeploymentRequest.Model is required.");
            if (r.Hardware == null) throw new DeploymentConfigurationException("hardware", "DeploymentRequest.Hardware is required.");
            var assumptions = new List<EstimateAssumption>();
            var ctx = Context.Create(r, assumptions);
            return ctx.Run();
        }

        internal static void Note(List<EstimateAssumption> list, string name, double? value, string source, string text)
            => list.Add(new EstimateAssumption { Name = name, Value = value, Source = source, Text = text });

        internal static string F(double v) => v.ToString("0.###", CultureInfo.InvariantCulture);

        /// <summary>Expected number of distinct experts B·k routed choices touch among E experts (uniform routing).</summary>
        public static double ExpectedDistinctExperts(int numExperts, int topK, double tokens)
        {
            if (numExperts <= 0 || tokens <= 0) return 0;
            double p = Math.Min(1.0, (double)topK / numExperts);
            return numExperts * (1 - Math.Pow(1 - p, tokens));
        }

        /// <summary>Ring all-reduce time, µs: latency + 2(n−1)/n · bytes / per-direction bandwidth.</summary>
        public static double AllReduceTimeUs(double bytes, int participants, double perDirectionGBs, double latencyUs)
        {
            if (participants <= 1) return 0;
            return latencyUs + 2.0 * (participants - 1) / participants * bytes / (perDirectionGBs * 1e9) * 1e6;
        }
    }

    /// <summary>What one forward step processes (per replica).</summary>
    internal struct StepLoad
    {
        /// <summary>Sequences generating one token, each attending to DecodeContext tokens.</summary>
        public double DecodeSeqs;
        public double DecodeContext;
        /// <summary>Sequences (possibly fractional: chunked share per step) whose whole prompt of PrefillLength tokens is processed.</summary>
        public double PrefillSeqs;
        public double PrefillLength;

        public double Tokens => DecodeSeqs + PrefillSeqs * PrefillLength;
        public double Sequences => DecodeSeqs + PrefillSeqs;

        public StepLoad Scale(double f) => new StepLoad { DecodeSeqs = DecodeSeqs * f, DecodeContext = DecodeContext, PrefillSeqs = PrefillSeqs * f, PrefillLength = PrefillLength };
    }

    internal sealed class StepResult
    {
        public double TimeMs;
        public double ComputeMs;
        public double MemoryMs;
        public double CommMs;
        public double OverheadMs;
        public List<LayerEstimate>? Layers;
        public List<CommunicationEstimate>? Comms;

        public string Bottleneck
        {
            get
            {
                double m = Math.Max(Math.Max(ComputeMs, MemoryMs), Math.Max(CommMs, OverheadMs));
                if (m == ComputeMs) return Bottlenecks.Compute;
                if (m == MemoryMs) return Bottlenecks.Memory;
                if (m == CommMs) return Bottlenecks.Communication;
                return Bottlenecks.Overhead;
            }
        }
    }

    internal sealed class Context
    {
        public DeploymentRequest R = null!;
        public ModelConfiguration M = null!;
        public HardwareConfig Hw = null!;
        public EstimatorCalibration Cal = null!;
        public List<EstimateAssumption> A = null!;
        public int Tp, Pp, Ep, NumGpus;
        public bool DpAttn;
        public string WeightDtype = "bf16", KvDtype = "bf16";
        public const double ActBytes = 2;
        public double DenseWBytes, ExpertWBytes, KvBytes;
        private bool expertsOnly;
        /// <summary>FLOP/s of GEMMs on dense weights, on expert weights, of attention; before efficiency.</summary>
        public double DensePeak, ExpertPeak, AttnPeak;
        public double DenseEff, ExpertEff, AttnEff, MemEff, CommEff;
        public double MemBw; // bytes/s effective
        public double LayerOverheadUs, StepOverheadMs, LatencyUs;
        public double LinkGBsPerDirection;
        public string LinkName = "";
        public int Batch, Concurrency;
        public LoadMode Mode;
        public bool Layers;

        public static Context Create(DeploymentRequest r, List<EstimateAssumption> a)
        {
            var c = new Context { R = r, M = r.Model, Hw = r.Hardware, A = a, Layers = r.IncludeLayers };
            c.Cal = r.Calibration ?? EstimatorCalibration.Default;
            c.Setup();
            return c;
        }

        private void Setup()
        {
            var m = M;
            if (m.DecoderLayerBlocks.Count == 0 || m.Blocks.Count == 0)
                throw new DeploymentConfigurationException("model", $"Model '{m.ModelId}' has no decoder layer specs.");
            if (R.InputLength < 1) throw new DeploymentConfigurationException("input_length", "InputLength must be at least 1 token.");
            if (R.OutputLength < 1) throw new DeploymentConfigurationException("output_length", "OutputLength must be at least 1 token.");
            if (R.BatchSize.HasValue && R.Concurrency.HasValue)
                throw new DeploymentConfigurationException("batch_or_concurrency", "Give BatchSize (static batch) or Concurrency (continuous batching), not both.");
            if (R.Concurrency.HasValue)
            {
                if (R.Concurrency.Value < 1) throw new DeploymentConfigurationException("concurrency", "Concurrency must be at least 1.");
                Mode = LoadMode.Concurrency; Concurrency = R.Concurrency.Value; Batch = Concurrency;
            }
            else
            {
                Mode = LoadMode.StaticBatch;
                Batch = R.BatchSize ?? 1;
                if (Batch < 1) throw new DeploymentConfigurationException("batch_size", "BatchSize must be at least 1.");
                if (!R.BatchSize.HasValue) DeploymentEstimator.Note(A, "batch_size", 1, "default", "Batch size 1 (static batch) by default.");
            }
            long ctxLen = (long)R.InputLength + R.OutputLength;
            if (m.MaxPositionEmbeddings.HasValue && m.MaxPositionEmbeddings.Value > 0 && ctxLen > m.MaxPositionEmbeddings.Value)
                DeploymentEstimator.Note(A, "context_length", ctxLen, "request",
                    $"Input + output length {ctxLen} exceeds the model's max_position_embeddings {m.MaxPositionEmbeddings.Value}: engines run it (rotary positions extrapolate) but output quality is not guaranteed.");

            WeightDtype = Precision.Normalize(R.WeightPrecision, "bf16", "weight");
            if (R.WeightPrecision == null) DeploymentEstimator.Note(A, "weight_precision", null, "default", "Weights bf16 by default.");
            KvDtype = Precision.Normalize(R.KvCachePrecision, "bf16", "kv");
            if (R.KvCachePrecision == null) DeploymentEstimator.Note(A, "kv_cache_precision", null, "default", "KV cache in the activation dtype (bf16) by default.");
            ExpertWBytes = Precision.BytesPerElement(WeightDtype);
            expertsOnly = Precision.ExpertsOnly(WeightDtype) && m.IsMoe;
            DenseWBytes = expertsOnly ? 2.0 : ExpertWBytes;
            KvBytes = Precision.BytesPerElement(KvDtype);
            if (expertsOnly)
                DeploymentEstimator.Note(A, "weight_precision_scope", null, "default", $"{WeightDtype} applies to the routed experts only; attention, router, dense MLP, embeddings and lm_head stay bf16.");
            DeploymentEstimator.Note(A, "weight_bytes", ExpertWBytes, "model", ExpertWBytes < 1
                ? $"{WeightDtype}: {DeploymentEstimator.F(ExpertWBytes * 8)} bits per weight including block scales; embeddings and lm_head stay 16-bit."
                : $"{WeightDtype}: {DeploymentEstimator.F(ExpertWBytes * 8)} bits per weight; embeddings and lm_head stay 16-bit.");

            Pp = R.PipelineParallel;
            Ep = R.ExpertParallel;
            DpAttn = R.DataParallelAttention;
            if (Pp < 1) throw new DeploymentConfigurationException("pipeline_parallel", "PipelineParallel must be at least 1.");
            if (Ep < 1) throw new DeploymentConfigurationException("expert_parallel", "ExpertParallel must be at least 1.");
            if (Pp > m.NumLayersOrBlocks()) throw new DeploymentConfigurationException("pipeline_parallel", $"PipelineParallel {Pp} exceeds the {m.NumLayersOrBlocks()} decoder layers.");

            SetupPerformance();

            if (R.TensorParallel.HasValue)
            {
                Tp = R.TensorParallel.Value;
                if (Tp < 1) throw new DeploymentConfigurationException("tensor_parallel", "TensorParallel must be at least 1.");
                Validate(Tp);
            }
            else
            {
                Tp = ChooseTp();
            }
            NumGpus = Tp * Pp;
            SetupLink();
        }

        private void SetupPerformance()
        {
            var hwEff = Hw.Efficiency;
            var fam = Cal.Family(Hw);
            var fw = Cal.Framework(R.Framework, EstimatorCalibration.ModeKey(Mode));
            string fwKey = (R.Framework ?? "*") + "/" + EstimatorCalibration.ModeKey(Mode);
            string famKey = EstimatorCalibration.FamilyOf(Hw);

            double peak16 = Hw.Peak("bf16") ?? Hw.Peak("fp16") ?? 0;
            if (peak16 <= 0)
            {
                MatrixEngine = false;
                peak16 = Hw.Peak("fp32") ?? 0;
                if (peak16 <= 0)
                {
                    peak16 = 0.03 * Hw.MemoryBandwidthGBs;
                    DeploymentEstimator.Note(A, "peak_tflops_16bit", peak16, "default", $"No dense peak in the hardware file; assumed {DeploymentEstimator.F(peak16)} TFLOPS (30 FLOP per byte of bandwidth).");
                }
                else DeploymentEstimator.Note(A, "peak_tflops_16bit", peak16, "hardware", "No 16-bit tensor peak in the hardware file; FP32 peak used.");
                DeploymentEstimator.Note(A, "vector_units", null, "default", "No matrix-engine peak: small GEMMs are not padded to tiles (no small-batch efficiency ramp).");
            }
            double peak8 = Hw.Peak("fp8") ?? 0, peakInt8 = Hw.Peak("int8") ?? 0, peak4 = Hw.Peak("fp4") ?? 0;
            double computeScale = fam?.ComputeScale ?? 1.0;
            double eff16 = Cal.GemmEfficiency16 * computeScale, eff8 = Cal.GemmEfficiency8 * computeScale, eff4 = Cal.GemmEfficiency4 * computeScale;

            (double peak, double eff, string path) PathFor(string dtype)
            {
                switch (dtype)
                {
                    case "fp8": return peak8 > 0 ? (peak8, eff8, "fp8 tensor cores") : (peak16, eff16, "16-bit math (no fp8 peak on this hardware: weight-only fp8)");
                    case "int8": return peakInt8 > 0 ? (peakInt8, eff8, "int8 tensor cores") : (peak16, eff16, "16-bit math (weight-only int8)");
                    case "fp4":
                    case "nvfp4": return peak4 > 0 ? (peak4, eff4, "fp4 tensor cores") : (peak16, eff16, "16-bit math (weight-only fp4)");
                    case "mxfp4":
                    case "int4": return peak4 > 0 && peak8 > 0
                        ? (peak8, eff8 * Cal.DequantGemmFactor, $"8-bit activations x 4-bit weights (W4A8, dequantisation factor {DeploymentEstimator.F(Cal.DequantGemmFactor)})")
                        : (peak16, eff16 * Cal.DequantGemmFactor, $"16-bit math on dequantised 4-bit weights (W4A16, dequantisation factor {DeploymentEstimator.F(Cal.DequantGemmFactor)})");
                    case "fp32": return (Hw.Peak("tf32") ?? peak16 / 2, eff16, "tf32");
                    default: return (peak16, eff16, "16-bit tensor cores");
                }
            }
            var expertPath = PathFor(WeightDtype);
            var densePath = expertsOnly ? PathFor("bf16") : expertPath;
            DensePeak = densePath.peak * 1e12; ExpertPeak = expertPath.peak * 1e12; AttnPeak = peak16 * 1e12;
            DenseEff = densePath.eff; ExpertEff = expertPath.eff; AttnEff = Cal.AttentionEfficiency * computeScale;
            string effSrc = "calibration";
            if (R.ComputeEfficiency.HasValue) { DenseEff = ExpertEff = R.ComputeEfficiency.Value; effSrc = "request"; }
            else if (hwEff?.ComputeEfficiency != null) { DenseEff = ExpertEff = hwEff.ComputeEfficiency.Value; effSrc = "hardware file" + (hwEff.Source != null ? ": " + hwEff.Source : ""); }
            DeploymentEstimator.Note(A, "compute_efficiency", DenseEff, effSrc,
                $"GEMMs: {densePath.path} at {DeploymentEstimator.F(densePath.peak)} TFLOPS peak x {DeploymentEstimator.F(DenseEff)} ({effSrc}{(fam?.ComputeScale != null && effSrc == "calibration" ? ", family " + famKey + " scale " + DeploymentEstimator.F(computeScale) : "")}), ramping with rows M as M/(M+{DeploymentEstimator.F(Cal.GemmHalfEfficiencyTokens)}).");
            if (expertPath.path != densePath.path)
                DeploymentEstimator.Note(A, "expert_compute", ExpertEff, effSrc, $"Routed experts: {expertPath.path} at {DeploymentEstimator.F(expertPath.peak)} TFLOPS peak x {DeploymentEstimator.F(ExpertEff)}.");
            DeploymentEstimator.Note(A, "attention_efficiency", AttnEff, "calibration", $"Prefill attention at {DeploymentEstimator.F(peak16)} TFLOPS (16-bit) x {DeploymentEstimator.F(AttnEff)}.");

            MemEff = Cal.MemoryEfficiency; string memSrc = "calibration";
            if (fam?.MemoryEfficiency != null) { MemEff = fam.MemoryEfficiency.Value; memSrc = "calibration (" + famKey + ")"; }
            if (R.MemoryEfficiency.HasValue) { MemEff = R.MemoryEfficiency.Value; memSrc = "request"; }
            else if (hwEff?.MemoryEfficiency != null) { MemEff = hwEff.MemoryEfficiency.Value; memSrc = "hardware file" + (hwEff.Source != null ? ": " + hwEff.Source : ""); }
            MemBw = Hw.MemoryBandwidthGBs * 1e9 * MemEff;
            if (MemBw <= 0) throw new DeploymentConfigurationException("hardware", $"Hardware '{Hw.HardwareId}' has no memory bandwidth.");
            DeploymentEstimator.Note(A, "memory_efficiency", MemEff, memSrc, $"Weights and KV stream at {DeploymentEstimator.F(Hw.MemoryBandwidthGBs)} GB/s x {DeploymentEstimator.F(MemEff)} ({memSrc}).");

            LayerOverheadUs = fw?.LayerOverheadUs ?? fam?.LayerOverheadUs ?? Cal.LayerOverheadUs; string loSrc = fw?.LayerOverheadUs != null ? "calibration (" + fwKey + ")" : fam?.LayerOverheadUs != null ? "calibration (" + famKey + ")" : "calibration";
            if (R.LayerOverheadUs.HasValue) { LayerOverheadUs = R.LayerOverheadUs.Value; loSrc = "request"; }
            DeploymentEstimator.Note(A, "layer_overhead_us", LayerOverheadUs, loSrc, $"{DeploymentEstimator.F(LayerOverheadUs)} µs fixed per decoder layer per step (kernel launches, norms, tails; {loSrc}).");

            StepOverheadMs = fw?.StepOverheadMs ?? Cal.StepOverheadMs; string soSrc = fw?.StepOverheadMs != null ? "calibration (" + fwKey + ")" : "calibration";
            if (R.StepOverheadMs.HasValue) { StepOverheadMs = R.StepOverheadMs.Value; soSrc = "request"; }
            else if (hwEff?.StepOverheadMs != null) { StepOverheadMs = hwEff.StepOverheadMs.Value; soSrc = "hardware file"; }
            if (R.Framework == null) DeploymentEstimator.Note(A, "framework", null, "default", "Framework not given: generic step overhead.");
            DeploymentEstimator.Note(A, "step_overhead_ms", StepOverheadMs, soSrc, $"{DeploymentEstimator.F(StepOverheadMs)} ms fixed per forward step (scheduling, sampling; {soSrc}).");

            bool pcie = (Hw.ScaleUpLink ?? "").IndexOf("pcie", StringComparison.OrdinalIgnoreCase) >= 0 && (Hw.ScaleUpLink ?? "").IndexOf("nvlink", StringComparison.OrdinalIgnoreCase) < 0;
            CommEff = pcie ? Cal.PcieCommunicationEfficiency : Cal.CommunicationEfficiency; string ceSrc = pcie ? "calibration (PCIe)" : "calibration";
            if (R.CommunicationEfficiency.HasValue) { CommEff = R.CommunicationEfficiency.Value; ceSrc = "request"; }
            else if (hwEff?.ScaleUpEfficiency != null) { CommEff = hwEff.ScaleUpEfficiency.Value; ceSrc = "hardware file"; }
            LatencyUs = fw?.CollectiveLatencyUs ?? Cal.CollectiveLatencyUs;
            DeploymentEstimator.Note(A, "communication_efficiency", CommEff, ceSrc, $"Collectives reach {DeploymentEstimator.F(CommEff)} of the per-direction link bandwidth plus {DeploymentEstimator.F(LatencyUs)} µs per call ({ceSrc}).");
        }

        private void SetupLink()
        {
            if (NumGpus <= 1) { LinkGBsPerDirection = 0; return; }
            int domain = Math.Max(1, Hw.ScaleUpDomainSize);
            if (Tp <= domain && Hw.ScaleUpBandwidthGBs > 0)
            {
                LinkGBsPerDirection = Hw.ScaleUpBandwidthGBs / 2;
                LinkName = Hw.ScaleUpLink ?? "scale-up";
                DeploymentEstimator.Note(A, "link_bandwidth", LinkGBsPerDirection, "hardware", $"TP collectives over {LinkName}: {DeploymentEstimator.F(Hw.ScaleUpBandwidthGBs)} GB/s bidirectional = {DeploymentEstimator.F(LinkGBsPerDirection)} GB/s per direction.");
            }
            else
            {
                double so = Hw.ScaleOutBandwidthGBs ?? 0;
                if (so <= 0) so = Hw.ScaleUpBandwidthGBs > 0 ? Hw.ScaleUpBandwidthGBs / 2 : 12.5;
                LinkGBsPerDirection = so;
                LinkName = "scale-out";
                DeploymentEstimator.Note(A, "link_bandwidth", so, "hardware", $"TP group of {Tp} exceeds the scale-up domain of {domain}: collectives limited by scale-out at {DeploymentEstimator.F(so)} GB/s per GPU per direction.");
            }
        }

        // ----------------------------------------------------------------- constraints and default TP

        private int MaxGpus => Hw.Chips > 1 || !string.Equals(Hw.Kind, "chip", StringComparison.OrdinalIgnoreCase) ? Math.Max(1, Hw.Chips) : int.MaxValue;

        private string? Violation(int tp)
        {
            var m = M;
            int gpus = tp * Pp;
            if (gpus > MaxGpus)
                return $"gpu_count: {gpus} GPUs (TP {tp} x PP {Pp}) exceed the {MaxGpus} accelerators of {Hw.Kind} '{Hw.HardwareId}'.";
            foreach (var b in m.Blocks.Values)
            {
                var at = b.Attention;
                if (at != null && at.NumHeads > 0 && !DpAttn && at.NumHeads % tp != 0)
                    return $"attention_heads: {at.NumHeads} attention heads (block {b.Name}) are not divisible by TP {tp}.";
                if (at != null && at.NumKvHeads > 0 && !DpAttn && at.Form != AttentionForms.Mla && at.NumKvHeads % tp != 0 && tp % at.NumKvHeads != 0)
                    return $"kv_heads: {at.NumKvHeads} KV heads (block {b.Name}) neither divide nor are divisible by TP {tp}.";
                var f = b.Ffn;
                if (f != null && f.IsMoe && f.NumExperts % Ep != 0)
                    return $"expert_parallel: EP {Ep} does not divide the {f.NumExperts} experts.";
            }
            if (Ep > 1 && !m.IsMoe) return $"expert_parallel: EP {Ep} on a dense model (no experts).";
            if (Ep > 1 && tp % Ep != 0) return $"expert_parallel: EP {Ep} must divide the TP group of {tp} GPUs (experts are distributed inside it).";
            return null;
        }

        private void Validate(int tp)
        {
            var v = Violation(tp);
            if (v != null)
            {
                int i = v.IndexOf(':');
                throw new DeploymentConfigurationException(v.Substring(0, i), v.Substring(i + 2));
            }
        }

        private int ChooseTp()
        {
            int limit = Math.Min(MaxGpus / Pp, Math.Max(64, Hw.ScaleUpDomainSize));
            int firstValid = -1;
            for (int tp = 1; tp <= limit; tp *= 2)
            {
                if (Violation(tp) != null) continue;
                if (firstValid < 0) firstValid = tp;
                Tp = tp;
                var mem = Memory();
                if (mem.fits)
                {
                    DeploymentEstimator.Note(A, "tensor_parallel", tp, "default", $"TP {tp} chosen: fewest GPUs (power of 2 dividing the heads) that fit.");
                    return tp;
                }
            }
            if (firstValid < 0)
                throw new DeploymentConfigurationException("tensor_parallel", $"No power-of-2 TP up to {limit} satisfies the head/expert constraints of '{M.ModelId}' on '{Hw.HardwareId}'.");
            int largest = firstValid;
            for (int tp = 1; tp <= limit; tp *= 2) if (Violation(tp) == null) largest = tp;
            DeploymentEstimator.Note(A, "tensor_parallel", largest, "default", $"No TP up to {limit} fits; TP {largest} (largest valid) reported.");
            return largest;
        }

        // ----------------------------------------------------------------- memory

        private double TpAttn => DpAttn ? 1 : Tp;

        /// <summary>KV (and state) bytes per GPU for one sequence of the given length, on one pipeline stage share.</summary>
        internal double KvBytesPerSequencePerGpu(double length)
        {
            double total = 0;
            foreach (var name in M.DecoderLayerBlocks)
            {
                var at = M.Blocks[name].Attention;
                if (at == null) continue;
                total += KvElemsPerTokenLocal(at) * EffectiveContext(at, length) * KvBytes;
                if (at.StateElementsPerSequence > 0) total += at.StateElementsPerSequence * 4.0 / (DpAttn ? 1 : Tp);
            }
            return total / Pp;
        }

        private double KvElemsPerTokenLocal(AttentionSpec at)
        {
            if (at.Form == AttentionForms.Mla) return at.KvCacheElementsPerToken; // latent replicated across TP
            if (at.Form == AttentionForms.Linear || at.Form == AttentionForms.Mamba) return 0;
            double kvh = DpAttn ? at.NumKvHeads : Math.Ceiling((double)at.NumKvHeads / Tp);
            return kvh * (at.HeadDim + (at.VHeadDim > 0 ? at.VHeadDim : at.HeadDim));
        }

        private static double EffectiveContext(AttentionSpec at, double length)
            => at.CachedTokens(length);

        internal double WeightBytesPerGpu()
        {
            double layers = 0;
            foreach (var name in M.DecoderLayerBlocks)
            {
                var b = M.Blocks[name];
                layers += (b.Attention?.Params ?? 0) * DenseWBytes / TpAttn;
                layers += b.NormParams * 2;
                var f = b.Ffn;
                if (f == null) continue;
                if (f.IsMoe)
                {
                    long routed = f.Params - f.SharedExpertParams - f.RouterParams;
                    layers += routed * ExpertWBytes / Tp + f.SharedExpertParams * DenseWBytes / Tp + f.RouterParams * 2;
                }
                else layers += f.Params * DenseWBytes / Tp;
            }
            double embed = M.Embedding.Params * 2.0 / Tp, head = M.LmHead.Params * 2.0 / Tp;
            double ends = (Pp == 1 ? embed + head : Math.Max(embed, head)) + (M.FinalNorm?.Params ?? 0) * 2.0;
            return layers / Pp + ends + (M.Vision?.Params ?? 0) * 2.0 / Tp;
        }

        internal double SeqsPerGpu(double seqs) => DpAttn ? Math.Ceiling(seqs / Tp) : seqs;

        private double ActivationBytesPerGpu()
        {
            double tokens = Math.Min((double)Batch * R.InputLength, Cal.MaxTokensPerStep);
            tokens = Math.Max(tokens, Batch);
            double inter = 0, qkv = 0;
            foreach (var b in M.Blocks.Values)
            {
                if (b.Ffn != null) inter = Math.Max(inter, b.Ffn.IsMoe ? b.Ffn.IntermediateSize * b.Ffn.TopK + b.Ffn.SharedIntermediateSize : b.Ffn.IntermediateSize);
                if (b.Attention != null) qkv = Math.Max(qkv, (double)(b.Attention.NumHeads + 2 * b.Attention.NumKvHeads) * Math.Max(1, b.Attention.HeadDim));
            }
            double perToken = (4.0 * M.HiddenSize + 3.0 * inter / Tp + qkv / TpAttn) * ActBytes;
            double logits = Batch * (double)M.VocabSize / Tp * 4;
            return tokens * perToken + logits;
        }

        internal double ReservedBytes()
        {
            if (R.ReservedMemoryGB.HasValue) return R.ReservedMemoryGB.Value * 1e9;
            return Math.Max(Cal.ReservedMinGB * 1e9, Cal.ReservedFraction * Hw.MemoryBytes);
        }

        internal (bool fits, double weights, double kv, double act, double reserved) Memory()
        {
            double w = WeightBytesPerGpu();
            double kv = SeqsPerGpu(Batch) * KvBytesPerSequencePerGpu((double)R.InputLength + R.OutputLength);
            double act = ActivationBytesPerGpu();
            double res = ReservedBytes();
            return (w + kv + act + res <= Hw.MemoryBytes, w, kv, act, res);
        }

        // ----------------------------------------------------------------- time model

        /// <summary>Tensor/matrix engines pad small GEMMs to tiles; vector-only hardware (no 16-bit matrix peak) does not.</summary>
        public bool MatrixEngine = true;

        private double GemmEff(double eff, double rows) => eff * rows / (rows + (MatrixEngine ? Cal.GemmHalfEfficiencyTokens : 1.0));

        private void Op(StepResult s, string phase, string layer, string op, double flops, double bytes, double peak, double eff, double rows)
        {
            double tc = flops > 0 ? flops / (peak * GemmEff(eff, Math.Max(rows, 1e-9))) : 0;
            double tm = bytes / MemBw;
            double t = Math.Max(tc, tm) * 1e3;
            if (tc >= tm) s.ComputeMs += t; else s.MemoryMs += t;
            s.TimeMs += t;
            if (s.Layers != null)
                s.Layers.Add(new LayerEstimate { Phase = phase, Layer = layer, Operation = op, Flops = flops, BytesMoved = bytes, Bound = tc >= tm ? Bottlenecks.Compute : Bottlenecks.Memory, TimeMs = t });
        }

        private void Comm(StepResult s, string phase, string collective, int participants, double bytesPerCall, int count, bool allToAll = false)
        {
            if (participants <= 1 || count <= 0) return;
            double bw = LinkGBsPerDirection * CommEff;
            double us = allToAll
                ? LatencyUs + bytesPerCall * (participants - 1) / participants / (bw * 1e9) * 1e6
                : DeploymentEstimator.AllReduceTimeUs(bytesPerCall, participants, bw, LatencyUs);
            double ms = us * count / 1e3;
            s.CommMs += ms; s.TimeMs += ms;
            if (s.Comms != null)
                s.Comms.Add(new CommunicationEstimate { Phase = phase, Collective = collective, Link = LinkName, Participants = participants, CountPerStep = count, BytesPerCall = bytesPerCall, TimePerCallUs = us, TimePerStepMs = ms });
        }

        /// <summary>Time of one forward pass of the whole load through all layers (one pipeline round).</summary>
        internal StepResult Step(StepLoad load, string phase, bool detail)
        {
            var s = new StepResult();
            if (detail) { s.Layers = new List<LayerEstimate>(); s.Comms = new List<CommunicationEstimate>(); }
            // Pipeline: micro-batches of the load; round time = max(m, pp)/pp x time of all layers at load/m.
            int micro = Pp > 1 ? (int)Math.Max(1, Math.Min(Pp, Math.Floor(load.Sequences))) : 1;
            var mb = load.Scale(1.0 / micro);
            double roundFactor = Pp > 1 ? (phase == "decode" ? Math.Max(micro, Pp) : micro + Pp - 1) / (double)Pp : 1.0;

            double T = mb.Tokens;                       // tokens through the TP-sharded GEMMs (every GPU of the group sees all)
            double attnShare = DpAttn ? 1.0 / Tp : 1.0;  // DP attention: each GPU runs its share of the sequences
            // DP attention: ranks run their own sequences; a prompt is not split, so the busiest rank holds at least one whole prompt
            double tAttn = DpAttn
                ? mb.DecodeSeqs / Tp + Math.Max(mb.PrefillSeqs / Tp, Math.Min(mb.PrefillSeqs, 1.0)) * mb.PrefillLength
                : T;
            int n = M.DecoderLayerBlocks.Count;
            int allReducePerLayerCount = 0, a2aCount = 0;
            // Blocks repeat: evaluate each distinct block once and multiply.
            var counts = new Dictionary<string, int>(StringComparer.Ordinal);
            var blockOps = new Dictionary<string, List<LayerEstimate>>(StringComparer.Ordinal);
            foreach (var name in M.DecoderLayerBlocks) counts[name] = counts.TryGetValue(name, out var c) ? c + 1 : 1;
            foreach (var kv in counts)
            {
                var b = M.Blocks[kv.Key];
                var ls = new StepResult();
                if (detail) ls.Layers = new List<LayerEstimate>();
                string lname = b.Name;
                var at = b.Attention;
                if (at != null)
                {
                    double heads = at.NumHeads / TpAttn;
                    double hd = Math.Max(1, at.HeadDim), vhd = at.VHeadDim > 0 ? at.VHeadDim : hd;
                    // projections: all attention parameters as GEMM weights
                    double wElems = at.Params / TpAttn;
                    Op(ls, phase, lname, "attention_projections", 2 * tAttn * wElems, wElems * DenseWBytes + tAttn * (2.0 * M.HiddenSize) * ActBytes, DensePeak, DenseEff, tAttn);
                    if (at.Form == AttentionForms.Linear || at.Form == AttentionForms.Mamba)
                    {
                        double stateBytes = 2.0 * at.StateElementsPerSequence * 4 / TpAttn * mb.Sequences * attnShare;
                        Op(ls, phase, lname, "recurrent_state", 4.0 * tAttn * at.StateElementsPerSequence / TpAttn / Math.Max(1, M.HiddenSize) * M.HiddenSize, stateBytes, AttnPeak, AttnEff, tAttn);
                    }
                    else
                    {
                        double kvLocal = KvElemsPerTokenLocal(at);
                        double qkDim = at.Form == AttentionForms.Mla ? (at.KvLoraRank ?? 0) + (at.QkRopeHeadDim ?? 0) : hd;
                        double pvDim = at.Form == AttentionForms.Mla ? (at.KvLoraRank ?? 0) : vhd;
                        // decode: each new token reads the cached context
                        double dSeqs = mb.DecodeSeqs * attnShare;
                        double dCtx = EffectiveContext(at, mb.DecodeContext);
                        double dFlops = 2.0 * dSeqs * dCtx * heads * (qkDim + pvDim);
                        double dBytes = dSeqs * dCtx * kvLocal * KvBytes;
                        // prefill: causal attention over the prompt (capped by a sliding window)
                        double pSeqs = DpAttn ? Math.Max(mb.PrefillSeqs / Tp, Math.Min(mb.PrefillSeqs, 1.0)) : mb.PrefillSeqs, L = mb.PrefillLength;
                        double pairs = 0;
                        if (pSeqs > 0)
                        {
                            pairs = at.CausalPairs(L);
                        }
                        double pqk = at.Form == AttentionForms.Mla ? (at.QkNopeHeadDim ?? 128) + (at.QkRopeHeadDim ?? 64) : hd;
                        double pFlops = 2.0 * pSeqs * pairs * heads * (pqk + vhd);
                        double pBytes = pSeqs * L * kvLocal * KvBytes + pSeqs * L * heads * (pqk + vhd) * ActBytes;
                        if (dSeqs > 0) Op(ls, phase, lname, "attention_decode", dFlops, dBytes, AttnPeak, AttnEff, double.MaxValue);
                        if (pSeqs > 0) Op(ls, phase, lname, "attention_prefill", pFlops, pBytes, AttnPeak, AttnEff, double.MaxValue);
                    }
                    // attention output all-reduce (TP), or the gather of tokens before the FFN (DP attention);
                    // none when attention and MLP run in parallel (one all-reduce after both)
                    bool a2aLayer = DpAttn && Ep > 1 && b.Ffn != null && b.Ffn.IsMoe;
                    if (Tp > 1 && !b.ParallelResidual && !a2aLayer) allReducePerLayerCount += kv.Value;
                }
                var f = b.Ffn;
                if (f != null)
                {
                    if (f.IsMoe)
                    {
                        double routedPerExpert = f.ParamsPerExpert;
                        double D = DeploymentEstimator.ExpectedDistinctExperts(f.NumExperts, f.TopK, T);
                        double wLocal = D * routedPerExpert / Tp;
                        double rowsPerExpert = D > 0 ? T * f.TopK / D : 0;
                        Op(ls, phase, lname, "router", 2 * T * f.RouterParams, f.RouterParams * 2.0, DensePeak, DenseEff, T);
                        Op(ls, phase, lname, "experts", 2 * T * f.TopK * routedPerExpert / Tp, wLocal * ExpertWBytes + T * f.TopK * 2.0 * M.HiddenSize * ActBytes / Tp, ExpertPeak, ExpertEff, rowsPerExpert);
                        if (f.SharedExpertParams > 0)
                            Op(ls, phase, lname, "shared_experts", 2 * T * f.SharedExpertParams / Tp, f.SharedExpertParams * DenseWBytes / Tp, DensePeak, DenseEff, T);
                        if (DpAttn && Ep > 1) a2aCount += kv.Value * 2; // dispatch + combine replace gather/scatter
                    }
                    else
                    {
                        double w = (double)f.Params / Tp;
                        Op(ls, phase, lname, "mlp", 2 * T * w, w * DenseWBytes + T * 2.0 * M.HiddenSize * ActBytes, DensePeak, DenseEff, T);
                    }
                    if (Tp > 1 && !(DpAttn && Ep > 1 && f.IsMoe)) allReducePerLayerCount += kv.Value;
                }
                s.TimeMs += ls.TimeMs * kv.Value; s.ComputeMs += ls.ComputeMs * kv.Value; s.MemoryMs += ls.MemoryMs * kv.Value;
                if (detail && ls.Layers != null) blockOps[kv.Key] = ls.Layers;
            }
            if (detail)
            {
                // per decoder layer, in order: the ops of its block (one layer's share each)
                for (int i = 0; i < n; i++)
                    foreach (var le in blockOps[M.DecoderLayerBlocks[i]])
                        s.Layers!.Add(new LayerEstimate { Phase = le.Phase, Layer = "layers." + i, Block = M.DecoderLayerBlocks[i], Operation = le.Operation, Flops = le.Flops, BytesMoved = le.BytesMoved, Bound = le.Bound, TimeMs = le.TimeMs * (Pp > 1 ? roundFactor : 1) });
            }
            // lm_head: one logit row per sequence (prefill computes only the last token's logits)
            double headParams = M.LmHead.Tied || M.LmHead.Params == 0 ? M.Embedding.Params : M.LmHead.Params;
            double headRows = mb.Sequences;
            Op(s, phase, "lm_head", "lm_head", 2 * headRows * headParams / Tp, headParams * 2.0 / Tp, AttnPeak, DenseEff, headRows);
            // collectives: TP all-reduce of the hidden state (or gather/scatter around MoE under DP attention)
            double hiddenBytes = T * M.HiddenSize * ActBytes;
            // DP attention: an all-gather before and a reduce-scatter after the FFN, each (n-1)/n of the bytes
            if (DpAttn) Comm(s, phase, "all_gather/reduce_scatter", Tp, hiddenBytes, allReducePerLayerCount, allToAll: true);
            else Comm(s, phase, "all_reduce", Tp, hiddenBytes, allReducePerLayerCount);
            if (a2aCount > 0)
            {
                var f = M.Blocks.Values.First(x => x.Ffn != null && x.Ffn.IsMoe).Ffn!;
                Comm(s, phase, "all_to_all", Ep, T * attnShare * f.TopK * M.HiddenSize * ActBytes, a2aCount, allToAll: true);
            }
            // overheads
            double ovh = n * LayerOverheadUs / 1e3;
            s.OverheadMs += ovh; s.TimeMs += ovh;
            // pipeline scaling: the per-micro-batch pass repeats per micro-batch over stages
            if (Pp > 1)
            {
                s.TimeMs *= roundFactor; s.ComputeMs *= roundFactor; s.MemoryMs *= roundFactor; s.CommMs *= roundFactor; s.OverheadMs *= roundFactor;
                double p2p = (Pp - 1) * (LatencyUs + T * M.HiddenSize * ActBytes / (LinkGBsPerDirection * CommEff * 1e9) * 1e6) / 1e3;
                s.CommMs += p2p; s.TimeMs += p2p;
            }
            s.OverheadMs += StepOverheadMs; s.TimeMs += StepOverheadMs;
            return s;
        }

        // ----------------------------------------------------------------- run

        public DeploymentEstimate Run()
        {
            int isl = R.InputLength, osl = R.OutputLength;
            var mem = Memory();
            double cap = Hw.MemoryBytes;
            var e = new DeploymentEstimate
            {
                ModelId = M.ModelId, HardwareId = Hw.HardwareId, Framework = R.Framework, NumGpus = NumGpus, TensorParallel = Tp,
                PipelineParallel = Pp, ExpertParallel = Ep, DataParallelAttention = DpAttn, WeightPrecision = WeightDtype, KvCachePrecision = KvDtype,
                Mode = Mode, BatchSize = Mode == LoadMode.StaticBatch ? Batch : (int?)null, Concurrency = Mode == LoadMode.Concurrency ? Concurrency : (int?)null,
                InputLength = isl, OutputLength = osl,
                WeightsGB = mem.weights / 1e9, KvCacheGB = mem.kv / 1e9, ActivationsGB = mem.act / 1e9, ReservedGB = mem.reserved / 1e9,
                MemoryCapacityGB = Hw.MemoryBytes / 1e9, Assumptions = A,
            };
            e.MemoryPerGpuGB = (mem.weights + mem.kv + mem.act + mem.reserved) / 1e9;
            e.Fits = mem.fits;
            double free = cap - mem.weights - mem.act - mem.reserved;
            double perSeq = KvBytesPerSequencePerGpu(isl + osl);
            e.MaxBatchSize = free <= 0 ? 0 : (int)Math.Min(int.MaxValue, Math.Floor(free / Math.Max(perSeq, 1)) * (DpAttn ? Tp : 1));
            e.MaxContextLength = MaxContext(free);
            if (!e.Fits)
            {
                e.FitReason = free <= 0
                    ? $"Weights {e.WeightsGB:0.0} GB + activations {e.ActivationsGB:0.0} GB + reserved {e.ReservedGB:0.0} GB per GPU exceed the {Hw.MemoryBytes / 1e9:0.0} GB ({Hw.MemoryGB:0.#} GiB) of {Hw.HardwareId} at TP {Tp} x PP {Pp}."
                    : $"KV cache {e.KvCacheGB:0.0} GB for {Batch} sequences of {isl + osl} tokens does not fit in the {free / 1e9:0.0} GB left per GPU; max batch {e.MaxBatchSize}, max context {e.MaxContextLength} at this batch.";
            }
            DeploymentEstimator.Note(A, "reserved_memory_gb", mem.reserved / 1e9, R.ReservedMemoryGB.HasValue ? "request" : "calibration",
                $"Reserved per GPU (framework, CUDA context): {mem.reserved / 1e9:0.0} GB ({(R.ReservedMemoryGB.HasValue ? "request" : $"max({DeploymentEstimator.F(Cal.ReservedMinGB)} GB, {DeploymentEstimator.F(Cal.ReservedFraction * 100)}% of capacity)")}).");
            DeploymentEstimator.Note(A, "activations", mem.act / 1e9, "default", $"Activations sized for min(batch x input, {Cal.MaxTokensPerStep}) tokens per forward pass plus fp32 logits.");

            int running = Concurrency;
            if (Mode == LoadMode.Concurrency && !e.Fits && e.MaxBatchSize >= 1 && e.MaxBatchSize < Concurrency)
            {
                // a server keeps at most as many sequences as the KV cache holds; the other requests wait
                running = e.MaxBatchSize;
                e.Fits = true;
                e.FitReason = $"KV cache holds {running} of the {Concurrency} requests in flight: the running batch is capped at {running}; the rest queue (counted in TTFT).";
                e.KvCacheGB = SeqsPerGpu(running) * perSeq / 1e9;
                e.MemoryPerGpuGB = (mem.weights + e.KvCacheGB * 1e9 + mem.act + mem.reserved) / 1e9;
                DeploymentEstimator.Note(A, "running_batch", running, "model", e.FitReason);
            }
            if (Mode == LoadMode.StaticBatch) RunStatic(e); else RunConcurrency(e, running);

            e.OutputTokensPerSecondPerGpu = e.OutputTokensPerSecond / NumGpus;
            e.TotalTokensPerSecondPerGpu = e.TotalTokensPerSecond / NumGpus;
            var band = Cal.ErrorBands.FirstOrDefault(b => string.Equals(b.Regime, Mode == LoadMode.StaticBatch ? "static_batch" : "concurrency", StringComparison.OrdinalIgnoreCase));
            e.ErrorBand = band == null
                ? new ErrorBand { Regime = Mode == LoadMode.StaticBatch ? "static_batch" : "concurrency", Ttft = 0.5, Tpot = 0.5, Throughput = 0.5, Source = "no calibration band: ±50% assumed" }
                : new ErrorBand { Regime = band.Regime, Ttft = band.Ttft, Tpot = band.Tpot, Throughput = band.Throughput, Source = $"median |error| of {band.Points} calibration points ({Cal.FittedAtUtc ?? "unfitted"})" };
            // outside the calibrated hardware families or engines the band widens by the hold-out / in-sample error ratio
            string family = EstimatorCalibration.FamilyOf(Hw);
            bool famKnown = Cal.CalibratedFamilies.Count == 0 || Cal.CalibratedFamilies.Contains(family, StringComparer.OrdinalIgnoreCase);
            bool fwKnown = R.Framework != null && Cal.Frameworks.ContainsKey(R.Framework + "/" + EstimatorCalibration.ModeKey(Mode));
            if (band != null && (!famKnown || !fwKnown))
            {
                double f = Cal.ExtrapolationFactor;
                e.ErrorBand.Ttft = Math.Round(e.ErrorBand.Ttft * f, 3); e.ErrorBand.Tpot = Math.Round(e.ErrorBand.Tpot * f, 3); e.ErrorBand.Throughput = Math.Round(e.ErrorBand.Throughput * f, 3);
                string why = !famKnown ? $"hardware family {family} is not in the calibration set" : $"engine '{R.Framework ?? "unspecified"}' in {EstimatorCalibration.ModeKey(Mode)} mode is not in the calibration set";
                e.ErrorBand.Source += $"; widened x{DeploymentEstimator.F(f)}: {why} (hold-out / in-sample error ratio)";
                DeploymentEstimator.Note(A, "error_band", f, "calibration", $"Error band widened x{DeploymentEstimator.F(f)}: {why}.");
            }
            return e;
        }

        private long MaxContext(double free)
        {
            if (free <= 0) return 0;
            double seqs = SeqsPerGpu(Batch);
            long lo = 0, hi = Math.Max(1L, M.MaxPositionEmbeddings ?? 1L << 24);
            if (seqs * KvBytesPerSequencePerGpu(hi) <= free) return hi;
            while (hi - lo > 1)
            {
                long mid = lo + (hi - lo) / 2;
                if (seqs * KvBytesPerSequencePerGpu(mid) <= free) lo = mid; else hi = mid;
            }
            return lo;
        }

        private double DecodeStep(double seqs, double ctx) => Step(new StepLoad { DecodeSeqs = seqs, DecodeContext = ctx }, "decode", false).TimeMs;

        private void RunStatic(DeploymentEstimate e)
        {
            int isl = R.InputLength, osl = R.OutputLength, B = Batch;
            var pre = Step(new StepLoad { PrefillSeqs = B, PrefillLength = isl }, "prefill", Layers);
            e.PrefillMs = pre.TimeMs;
            e.TtftMs = pre.TimeMs;
            e.PrefillBottleneck = pre.Bottleneck;
            double decodeTotal = 0;
            if (osl > 1)
            {
                // token j (2..osl) is produced by a step whose context holds isl + j - 1 tokens
                double c0 = isl + 1, c1 = isl + osl - 1;
                double f0 = DecodeStep(B, c0), f1 = DecodeStep(B, c1);
                double mean;
                if (osl - 1 <= 2) mean = (f0 + f1) / 2;
                else
                {
                    double fm = DecodeStep(B, (c0 + c1) / 2), fq1 = DecodeStep(B, c0 + (c1 - c0) / 4), fq3 = DecodeStep(B, c0 + 3 * (c1 - c0) / 4);
                    mean = (f0 + 4 * fq1 + 2 * fm + 4 * fq3 + f1) / 12; // composite Simpson, 4 intervals
                }
                e.TpotFirstMs = f0; e.TpotLastMs = f1; e.TpotMs = mean;
                decodeTotal = mean * (osl - 1);
                var mid = Step(new StepLoad { DecodeSeqs = B, DecodeContext = isl + osl / 2.0 }, "decode", Layers);
                e.DecodeStepMs = mid.TimeMs;
                e.DecodeBottleneck = mid.Bottleneck;
                if (Layers) { e.Layers = new List<LayerEstimate>(pre.Layers!); e.Layers.AddRange(mid.Layers!); e.Communications = new List<CommunicationEstimate>(pre.Comms!); e.Communications.AddRange(mid.Comms!); }
            }
            else
            {
                e.DecodeBottleneck = pre.Bottleneck;
                if (Layers) { e.Layers = pre.Layers; e.Communications = pre.Comms; }
            }
            e.EndToEndLatencyMs = e.TtftMs + decodeTotal;
            double sec = e.EndToEndLatencyMs / 1e3;
            e.OutputTokensPerSecond = (double)osl * B / sec;
            e.TotalTokensPerSecond = (double)(isl + osl) * B / sec;
            e.TokensPerSecondPerUser = osl > 1 ? 1000.0 / e.TpotMs : osl / sec;
            e.RequestsPerSecond = B / sec;
            DeploymentEstimator.Note(A, "mode", null, "request", $"Static batch: one prefill of {B} x {isl} tokens (TTFT), then {osl - 1} decode steps at batch {B}; TPOT integrated over the growing context (Simpson); throughput = osl x batch / total latency.");
        }

        private void RunConcurrency(DeploymentEstimate e, int running)
        {
            int isl = R.InputLength, osl = R.OutputLength, N = running;
            // Steady state: N requests in flight; during one request lifetime (osl steps) N new prompts arrive.
            // A prompt is processed in ceil(isl / MaxTokensPerStep) chunks, each riding on a decode step of the batch;
            // the other steps are pure decode. When there are more chunks than steps they share steps.
            double steps = Math.Max(1, osl);
            double chunks = Math.Ceiling((double)isl / Math.Max(1, Cal.MaxTokensPerStep));
            double prefillSteps = Math.Min(steps, N * chunks);
            double ctxMean = isl + osl / 2.0;
            var sPre = Step(new StepLoad { DecodeSeqs = N, DecodeContext = ctxMean, PrefillSeqs = N / prefillSteps, PrefillLength = isl }, "decode", Layers);
            var sDec = Step(new StepLoad { DecodeSeqs = N, DecodeContext = ctxMean }, "decode", Layers && prefillSteps < steps);
            double tpot = (prefillSteps * sPre.TimeMs + (steps - prefillSteps) * sDec.TimeMs) / steps;
            var sMix = prefillSteps < steps / 2 ? sDec : sPre;
            // the step(s) that carry this request's own prompt
            double ownPrompts = Math.Max(1, N / prefillSteps);
            var own = Step(new StepLoad { DecodeSeqs = Math.Max(0, N - 1), DecodeContext = ctxMean, PrefillSeqs = ownPrompts, PrefillLength = isl }, "prefill", false);
            double serving = Cal.ServingOverheadMs + Cal.ServingOverheadPerInputTokenUs * isl / 1e3;
            // prompts of a wave of arrivals queue for prefill compute: M/D/1 wait with the marginal prefill time as service
            double tPre = Math.Max(0, own.TimeMs - sDec.TimeMs) / ownPrompts;
            double life = Math.Max(1e-6, own.TimeMs + (osl - 1) * tpot);
            double rho = Math.Min(0.95, N / (Math.Max(0.01, Cal.ArrivalSpread) * life) * tPre);
            // a closed loop cannot queue more than the other N-1 prompts ahead (half of them on average)
            double prefillQueue = Math.Min(rho / (2 * (1 - rho)) * tPre, 0.5 * Math.Max(0, N - ownPrompts) * tPre);
            double ttftSteady = serving + Cal.QueueSteps * sDec.TimeMs + own.TimeMs + prefillQueue;
            DeploymentEstimator.Note(A, "prefill_queue_ms", prefillQueue, "calibration", $"Arrivals come in waves within {DeploymentEstimator.F(Cal.ArrivalSpread)} of a request lifetime: prefill utilisation {rho:0.00} in the wave, mean wait {prefillQueue:0.0} ms (M/D/1) added to TTFT.");
            double ttft = ttftSteady;
            if (R.NumRequests.HasValue && R.NumRequests.Value > 0)
            {
                // initial burst: all N requests arrive together; their prompts queue (mean: half the burst's prefill work)
                double Rn = Math.Max(N, R.NumRequests.Value);
                var burst = Step(new StepLoad { PrefillSeqs = N, PrefillLength = isl }, "prefill", false);
                var single = Step(new StepLoad { PrefillSeqs = 1, PrefillLength = isl }, "prefill", false);
                double burstMean = serving + (burst.TimeMs + single.TimeMs) / 2;
                ttft = (N * burstMean + (Rn - N) * ttftSteady) / Rn;
                DeploymentEstimator.Note(A, "initial_burst", burstMean, "request", $"{R.NumRequests.Value} requests: the first {N} arrive together; their mean TTFT {burstMean:0.#} ms is included in the mean.");
            }
            DeploymentEstimator.Note(A, "serving_overhead_ms", serving, "calibration", $"{DeploymentEstimator.F(serving)} ms per request for the serving path ({DeploymentEstimator.F(Cal.ServingOverheadMs)} ms + {DeploymentEstimator.F(Cal.ServingOverheadPerInputTokenUs)} µs per prompt token: HTTP, tokenisation, streaming) added to TTFT in concurrency mode.");
            if (running < Concurrency)
            {
                // Little's law: Concurrency requests in the system, served at running / lifetime requests per unit time
                double lifetime = ttft + (osl - 1) * tpot;
                ttft += lifetime * ((double)Concurrency / running - 1);
            }
            e.TtftMs = ttft;
            if (osl <= 1)
            {
                tpot = sDec.TimeMs; // no second token: report the decode step the batch would run at
                DeploymentEstimator.Note(A, "tpot", tpot, "model", "Output length 1: there is no time per output token; TPOT reports the decode step time at this batch.");
            }
            e.TpotMs = e.TpotFirstMs = e.TpotLastMs = tpot;
            e.PrefillMs = own.TimeMs;
            e.DecodeStepMs = tpot;
            e.PrefillBottleneck = Step(new StepLoad { PrefillSeqs = 1, PrefillLength = isl }, "prefill", false).Bottleneck;
            e.DecodeBottleneck = sMix.Bottleneck;
            e.EndToEndLatencyMs = ttft + (osl - 1) * tpot;
            double sec = e.EndToEndLatencyMs / 1e3;
            e.OutputTokensPerSecond = Concurrency * (double)osl / sec;
            e.TotalTokensPerSecond = Concurrency * (double)(isl + osl) / sec;
            e.TokensPerSecondPerUser = osl > 1 ? 1000.0 / tpot : osl / sec;
            e.RequestsPerSecond = Concurrency / sec;
            if (Layers)
            {
                var pre = Step(new StepLoad { PrefillSeqs = 1, PrefillLength = isl }, "prefill", true);
                e.Layers = new List<LayerEstimate>(pre.Layers!); e.Layers.AddRange(sMix.Layers!);
                e.Communications = new List<CommunicationEstimate>(pre.Comms!); e.Communications.AddRange(sMix.Comms!);
            }
            DeploymentEstimator.Note(A, "mode", null, "request", $"Continuous batching, {N} requests in flight: decode steps at batch {N} (mean context {isl + osl / 2.0:0}) with the prompts of arriving requests chunked into them (prompts in chunks of up to {Cal.MaxTokensPerStep} tokens, {prefillSteps:0} of {steps:0} steps per request lifetime carry one); TTFT = serving path + {DeploymentEstimator.F(Cal.QueueSteps)} decode steps of engine latency + prefill queueing + the step carrying the prompt; throughput = N x osl / end-to-end latency (steady state, ramp and drain ignored).");
        }
    }

    internal static class ModelExtensions
    {
        public static int NumLayersOrBlocks(this ModelConfiguration m) => m.DecoderLayerBlocks.Count;
    }
}
