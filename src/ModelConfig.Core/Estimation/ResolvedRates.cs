using System;
using ModelConfig.Core.Hardware;
using static ModelConfig.Core.Estimation.AssumptionLog;

namespace ModelConfig.Core.Estimation
{
    /// <summary>
    /// The speeds one step runs at: peak FLOP/s per compute path, the fraction of each reached, memory and link efficiency,
    /// fixed overheads. Each comes from the request, the hardware file or the calibration (in that order of precedence);
    /// <see cref="Resolve"/> states every choice and its source in the assumptions.
    /// </summary>
    internal sealed class ResolvedRates
    {
        /// <summary>FLOP/s of GEMMs on dense weights, on routed-expert weights, and of attention; before efficiency.</summary>
        public double DensePeak { get; private set; }
        public double ExpertPeak { get; private set; }
        public double AttentionPeak { get; private set; }
        public double DenseEfficiency { get; private set; }
        public double ExpertEfficiency { get; private set; }
        public double AttentionEfficiency { get; private set; }
        public double MemoryEfficiency { get; private set; }
        /// <summary>Bytes/s weight and KV streaming reaches.</summary>
        public double MemoryBandwidth { get; private set; }
        public double CommunicationEfficiency { get; private set; }
        public double CollectiveLatencyUs { get; private set; }
        public double LayerOverheadUs { get; private set; }
        /// <summary>Fixed cost per kernel, µs; when <see cref="PerKernelOverhead"/> the per-layer cost is kernels x this.</summary>
        public double KernelOverheadUs { get; private set; }
        public bool PerKernelOverhead { get; private set; }
        public double StepOverheadMs { get; private set; }
        /// <summary>Bytes/s routed-expert weights stream at (grouped GEMMs run below the dense streaming rate).</summary>
        public double ExpertMemoryBandwidth { get; private set; }
        /// <summary>Fraction of the 16-bit peak decode attention reaches when compute-bound.</summary>
        public double DecodeAttentionEfficiency { get; private set; }
        /// <summary>Front-end cost per request (continuous batching), ms, and the engine's token budget per step.</summary>
        public double ServingOverheadMs { get; private set; }
        public int MaxTokensPerStep { get; private set; }
        /// <summary>
        /// True when weights and activations are 8-bit (W8A8) and the engine quantises each GEMM's input in a kernel of its own
        /// (SGLang, vLLM, TensorRT-LLM's PyTorch backend); TensorRT engines fuse the quantisation into the kernel that produces the input.
        /// </summary>
        public bool SeparateActivationQuant { get; private set; }
        /// <summary>Host µs per running sequence per step of an offline run (0 when the engine documents none).</summary>
        public double OfflineHostPerSequenceUs { get; private set; }
        /// <summary>The engine's KV hand-off (disaggregated serving): GB/s per sending GPU (null: the link's) and host ms per request.</summary>
        public double? KvTransferGBsPerGpu { get; private set; }
        public double KvTransferSetupMs { get; private set; }
        /// <summary>Tensor/matrix engines pad small GEMMs to tiles; vector-only hardware (no 16-bit matrix peak) does not.</summary>
        public bool MatrixEngine { get; private set; } = true;

        public string ComputeEfficiencySource { get; private set; } = "";
        public string MemoryEfficiencySource { get; private set; } = "";
        public string CommunicationEfficiencySource { get; private set; } = "";
        public string LayerOverheadSource { get; private set; } = "";
        public string StepOverheadSource { get; private set; } = "";

        public static ResolvedRates Resolve(DeploymentRequest r, EstimatorCalibration cal, LoadMode mode, StoragePrecisions precisions, AssumptionLog log)
        {
            var rates = new ResolvedRates();
            var family = cal.Family(r.Hardware);
            var engine = cal.Framework(r.Framework, EstimatorCalibration.ModeKey(mode));
            rates.ResolveCompute(r, cal, family, precisions, log);
            rates.ResolveMemory(r, cal, family, log);
            rates.ResolveOverheads(r, cal, family, engine, mode, log);
            rates.ResolveCommunication(r, cal, engine, log);
            rates.ResolveActivationQuant(r, mode, precisions, log);
            return rates;
        }

        private void ResolveCompute(DeploymentRequest r, EstimatorCalibration cal, FamilyCalibration? fam, StoragePrecisions precisions, AssumptionLog log)
        {
            var hw = r.Hardware;
            string famKey = EstimatorCalibration.FamilyOf(hw);
            double peak16 = hw.Peak("bf16") ?? hw.Peak("fp16") ?? 0;
            if (peak16 <= 0)
            {
                MatrixEngine = false;
                peak16 = hw.Peak("fp32") ?? 0;
                if (peak16 <= 0)
                {
                    peak16 = 0.03 * hw.MemoryBandwidthGBs;
                    log.Note("peak_tflops_16bit", peak16, "default", $"No dense peak in the hardware file; assumed {F(peak16)} TFLOPS (30 FLOP per byte of bandwidth).");
                }
                else log.Note("peak_tflops_16bit", peak16, "hardware", "No 16-bit tensor peak in the hardware file; FP32 peak used.");
                log.Note("vector_units", null, "default", "No matrix-engine peak: small GEMMs are not padded to tiles (no small-batch efficiency ramp).");
            }
            double peak8 = hw.Peak("fp8") ?? 0, peakInt8 = hw.Peak("int8") ?? 0, peak4 = hw.Peak("fp4") ?? 0;
            double computeScale = fam?.ComputeScale ?? 1.0;
            // per generation and dtype path (Hopper fp8 and CDNA bf16 reach a smaller share of their peaks), else global
            double eff16 = (fam?.GemmEfficiency16 ?? cal.GemmEfficiency16) * computeScale;
            double eff8 = (fam?.GemmEfficiency8 ?? cal.GemmEfficiency8) * computeScale;
            double eff4 = (fam?.GemmEfficiency4 ?? cal.GemmEfficiency4) * computeScale;

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
                        ? (peak8, eff8 * cal.DequantGemmFactor, $"8-bit activations x 4-bit weights (W4A8, dequantisation factor {F(cal.DequantGemmFactor)})")
                        : (peak16, eff16 * cal.DequantGemmFactor, $"16-bit math on dequantised 4-bit weights (W4A16, dequantisation factor {F(cal.DequantGemmFactor)})");
                    case "fp32": return (hw.Peak("tf32") ?? peak16 / 2, eff16, "tf32");
                    default: return (peak16, eff16, "16-bit tensor cores");
                }
            }
            var expertPath = PathFor(precisions.WeightDtype);
            var densePath = precisions.ExpertsOnly ? PathFor("bf16") : expertPath;
            DensePeak = densePath.peak * 1e12; ExpertPeak = expertPath.peak * 1e12; AttentionPeak = peak16 * 1e12;
            DenseEfficiency = densePath.eff; ExpertEfficiency = expertPath.eff; AttentionEfficiency = cal.AttentionEfficiency * computeScale;
            DecodeAttentionEfficiency = (cal.DecodeAttentionEfficiency ?? cal.AttentionEfficiency) * computeScale;
            string effSrc = "calibration";
            var hwEff = hw.Efficiency;
            if (r.ComputeEfficiency.HasValue) { DenseEfficiency = ExpertEfficiency = r.ComputeEfficiency.Value; effSrc = "request"; }
            else if (hwEff?.ComputeEfficiency != null) { DenseEfficiency = ExpertEfficiency = hwEff.ComputeEfficiency.Value; effSrc = "hardware file" + (hwEff.Source != null ? ": " + hwEff.Source : ""); }
            ComputeEfficiencySource = effSrc;
            log.Note("compute_efficiency", DenseEfficiency, effSrc,
                $"GEMMs: {densePath.path} at {F(densePath.peak)} TFLOPS peak x {F(DenseEfficiency)} ({effSrc}{(fam?.ComputeScale != null && effSrc == "calibration" ? ", family " + famKey + " scale " + F(computeScale) : "")}), ramping with rows M as M/(M+{F(cal.GemmHalfEfficiencyTokens)}).");
            if (expertPath.path != densePath.path)
                log.Note("expert_compute", ExpertEfficiency, effSrc, $"Routed experts: {expertPath.path} at {F(expertPath.peak)} TFLOPS peak x {F(ExpertEfficiency)}.");
            log.Note("attention_efficiency", AttentionEfficiency, "calibration", $"Prefill attention at {F(peak16)} TFLOPS (16-bit) x {F(AttentionEfficiency)}.");
        }

        private void ResolveMemory(DeploymentRequest r, EstimatorCalibration cal, FamilyCalibration? fam, AssumptionLog log)
        {
            var hw = r.Hardware;
            var hwEff = hw.Efficiency;
            MemoryEfficiency = cal.MemoryEfficiency; string memSrc = "calibration";
            if (fam?.MemoryEfficiency != null) { MemoryEfficiency = fam.MemoryEfficiency.Value; memSrc = "calibration (" + EstimatorCalibration.FamilyOf(hw) + ")"; }
            if (r.MemoryEfficiency.HasValue) { MemoryEfficiency = r.MemoryEfficiency.Value; memSrc = "request"; }
            else if (hwEff?.MemoryEfficiency != null) { MemoryEfficiency = hwEff.MemoryEfficiency.Value; memSrc = "hardware file" + (hwEff.Source != null ? ": " + hwEff.Source : ""); }
            MemoryEfficiencySource = memSrc;
            MemoryBandwidth = hw.MemoryBandwidthGBs * 1e9 * MemoryEfficiency;
            ExpertMemoryBandwidth = MemoryBandwidth * cal.GroupedGemmMemoryFactor;
            if (MemoryBandwidth <= 0) throw new DeploymentConfigurationException(DeploymentConstraint.Hardware, $"Hardware '{hw.HardwareId}' has no memory bandwidth.");
            log.Note("memory_efficiency", MemoryEfficiency, memSrc, $"Weights and KV stream at {F(hw.MemoryBandwidthGBs)} GB/s x {F(MemoryEfficiency)} ({memSrc}).");
        }

        private void ResolveOverheads(DeploymentRequest r, EstimatorCalibration cal, FamilyCalibration? fam, FrameworkCalibration? fw, LoadMode mode, AssumptionLog log)
        {
            var hw = r.Hardware;
            string fwKey = (r.Framework ?? "*") + "/" + EstimatorCalibration.ModeKey(mode);
            string famKey = EstimatorCalibration.FamilyOf(hw);
            LayerOverheadUs = fw?.LayerOverheadUs ?? fam?.LayerOverheadUs ?? cal.LayerOverheadUs;
            string loSrc = fw?.LayerOverheadUs != null ? "calibration (" + fwKey + ")" : fam?.LayerOverheadUs != null ? "calibration (" + famKey + ")" : "calibration";
            double? kernelUs = fw?.KernelOverheadUs ?? cal.KernelOverheadUs;
            if (r.LayerOverheadUs.HasValue) { LayerOverheadUs = r.LayerOverheadUs.Value; loSrc = "request"; }
            else if (kernelUs.HasValue)
            {
                // fixed cost per kernel, scaled by the vendor runtime's dispatch cost (HIP vs CUDA graphs)
                PerKernelOverhead = true;
                KernelOverheadUs = kernelUs.Value * (fam?.KernelOverheadScale ?? 1.0);
                loSrc = (fw?.KernelOverheadUs != null ? "calibration (" + fwKey + ")" : "calibration") + (fam?.KernelOverheadScale != null ? ", " + famKey + " x" + F(fam.KernelOverheadScale.Value) : "");
                log.Note("kernel_overhead_us", KernelOverheadUs, loSrc, $"{F(KernelOverheadUs)} µs fixed per GPU kernel (launch gap and short-kernel tail{(fw?.CudaGraphs == false ? ", eager launches" : fw?.CudaGraphs == true ? ", CUDA/HIP graphs" : "")}); a layer costs its kernel count times this ({loSrc}).");
            }
            LayerOverheadSource = loSrc;
            if (!PerKernelOverhead) log.Note("layer_overhead_us", LayerOverheadUs, loSrc, $"{F(LayerOverheadUs)} µs fixed per decoder layer per step (kernel launches, norms, tails; {loSrc}).");
            ServingOverheadMs = fw?.ServingOverheadMs ?? cal.ServingOverheadMs;
            MaxTokensPerStep = fw?.MaxTokensPerStep ?? cal.MaxTokensPerStep;
            OfflineHostPerSequenceUs = fw?.OfflineHostPerSequenceUs ?? 0;
            KvTransferGBsPerGpu = fw?.KvTransferGBsPerGpu;
            KvTransferSetupMs = fw?.KvTransferSetupMs ?? 0;

            StepOverheadMs = fw?.StepOverheadMs ?? cal.StepOverheadMs; string soSrc = fw?.StepOverheadMs != null ? "calibration (" + fwKey + ")" : "calibration";
            if (r.StepOverheadMs.HasValue) { StepOverheadMs = r.StepOverheadMs.Value; soSrc = "request"; }
            else if (hw.Efficiency?.StepOverheadMs != null) { StepOverheadMs = hw.Efficiency.StepOverheadMs.Value; soSrc = "hardware file"; }
            StepOverheadSource = soSrc;
            if (r.Framework == null) log.Note("framework", null, "default", "Framework not given: generic step overhead.");
            log.Note("step_overhead_ms", StepOverheadMs, soSrc, $"{F(StepOverheadMs)} ms fixed per forward step (scheduling, sampling; {soSrc}).");
        }

        private void ResolveActivationQuant(DeploymentRequest r, LoadMode mode, StoragePrecisions precisions, AssumptionLog log)
        {
            string w = precisions.WeightDtype;
            bool w8a8 = !precisions.ExpertsOnly && (w == "fp8" && (r.Hardware.Peak("fp8") ?? 0) > 0 || w == "int8" && (r.Hardware.Peak("int8") ?? 0) > 0);
            // TensorRT engines (trtllm-engine, and the static-batch benchmark's trtllm engines) fuse Q/DQ into the producing kernel
            bool tensorRtEngine = string.Equals(r.Framework, "trtllm-engine", StringComparison.OrdinalIgnoreCase)
                || mode == LoadMode.StaticBatch && string.Equals(r.Framework, "trtllm", StringComparison.OrdinalIgnoreCase);
            SeparateActivationQuant = w8a8 && !tensorRtEngine && PerKernelOverhead;
            if (SeparateActivationQuant)
                log.Note("activation_quant_kernels", null, "model", $"{w} weights and activations (W8A8): one activation-quantisation kernel before every {w} GEMM (per-token-group FP8 quantisation of block-scaled checkpoints, per-token otherwise), each at the per-kernel cost; the router GEMM stays 16-bit.");
        }

        private void ResolveCommunication(DeploymentRequest r, EstimatorCalibration cal, FrameworkCalibration? fw, AssumptionLog log)
        {
            var hw = r.Hardware;
            bool pcie = DerivedKeys.IsPcieOnly(hw.ScaleUpLink);
            CommunicationEfficiency = pcie ? cal.PcieCommunicationEfficiency : cal.CommunicationEfficiency; string ceSrc = pcie ? "calibration (PCIe)" : "calibration";
            if (r.CommunicationEfficiency.HasValue) { CommunicationEfficiency = r.CommunicationEfficiency.Value; ceSrc = "request"; }
            else if (hw.Efficiency?.ScaleUpEfficiency != null) { CommunicationEfficiency = hw.Efficiency.ScaleUpEfficiency.Value; ceSrc = "hardware file"; }
            CommunicationEfficiencySource = ceSrc;
            // the generation's collective library and fabric (e.g. RCCL over xGMI) set the small-message latency when known
            var fam = cal.Family(hw);
            CollectiveLatencyUs = fam?.CollectiveLatencyUs ?? fw?.CollectiveLatencyUs ?? cal.CollectiveLatencyUs;
            log.Note("communication_efficiency", CommunicationEfficiency, ceSrc, $"Collectives reach {F(CommunicationEfficiency)} of the per-direction link bandwidth plus {F(CollectiveLatencyUs)} µs per call ({ceSrc}).");
        }
    }
}
