using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using System.Text.Json.Serialization;
using ModelConfig.Core.Hardware;

namespace ModelConfig.Core.Estimation
{
    /// <summary>
    /// Efficiencies of one hardware generation (vendor/generation key, e.g. nvidia/hopper, amd/cdna3); null members fall
    /// back to the global values. Fitted where the calibration set has the generation, otherwise priors from public
    /// microbenchmarks (<see cref="Source"/> says which).
    /// </summary>
    public sealed class FamilyCalibration
    {
        /// <summary>Multiplies the dtype's GEMM efficiency.</summary>
        public double? ComputeScale { get; set; }
        /// <summary>Fraction of the dense peak a large GEMM reaches per dtype path on this generation (16-bit, 8-bit, native 4-bit).</summary>
        public double? GemmEfficiency16 { get; set; }
        public double? GemmEfficiency8 { get; set; }
        public double? GemmEfficiency4 { get; set; }
        public double? MemoryEfficiency { get; set; }
        public double? LayerOverheadUs { get; set; }
        /// <summary>Multiplies the engine's per-kernel fixed cost (kernel dispatch on this vendor's runtime, e.g. HIP vs CUDA).</summary>
        public double? KernelOverheadScale { get; set; }
        /// <summary>Fixed latency of one small-message collective on this generation's fabric and library, µs (replaces the engine's).</summary>
        public double? CollectiveLatencyUs { get; set; }
        /// <summary>Where the values come from: "fit" or the public microbenchmark the prior is read from.</summary>
        public string? Source { get; set; }
        public string? Note { get; set; }
    }

    /// <summary>Per-framework fixed costs.</summary>
    public sealed class FrameworkCalibration
    {
        public double? StepOverheadMs { get; set; }
        public double? LayerOverheadUs { get; set; }
        /// <summary>Fixed latency of one collective with this engine's all-reduce implementation, µs.</summary>
        public double? CollectiveLatencyUs { get; set; }
        /// <summary>Fixed cost per GPU kernel (launch gap + short-kernel tail), µs; low with CUDA/HIP graphs, high eager.</summary>
        public double? KernelOverheadUs { get; set; }
        /// <summary>Whether this engine replays decode steps as CUDA/HIP graphs (documentation of the kernel cost's regime).</summary>
        public bool? CudaGraphs { get; set; }
        /// <summary>Front-end cost per request (HTTP, tokenizer, scheduler admission, detokenised first chunk), ms.</summary>
        public double? ServingOverheadMs { get; set; }
        /// <summary>The engine's token budget per forward step (chunked-prefill size / max_num_batched_tokens) by default.</summary>
        public int? MaxTokensPerStep { get; set; }
        /// <summary>
        /// Host time per running sequence per forward step that the GPU waits for in an offline (maximum-load) run, µs: the
        /// executor's per-request Python work (sampler update, request bookkeeping) at thousands of sequences per rank.
        /// </summary>
        public double? OfflineHostPerSequenceUs { get; set; }
        /// <summary>
        /// Prefill-to-decode KV hand-off through the engine's cache transceiver: GB/s per sending GPU (block-by-block
        /// transfers, far below the link; null: the link's rate) and host ms per request to prepare it.
        /// </summary>
        public double? KvTransferGBsPerGpu { get; set; }
        public double? KvTransferSetupMs { get; set; }
        public string? Note { get; set; }
    }

    /// <summary>± relative error (median absolute % error of out-of-sample residuals) per regime, hold-out split and metric class.</summary>
    public sealed class ErrorBandEntry
    {
        /// <summary>static_batch or concurrency.</summary>
        public string Regime { get; set; } = "";
        /// <summary>
        /// Which residuals: "calibrated" (pooled over every hold-out split: model family, hardware generation and engine all
        /// seen elsewhere), or "family", "generation", "engine" (predictions for that unit while it was left out).
        /// </summary>
        public string? Holdout { get; set; }
        public double Ttft { get; set; }
        public double Tpot { get; set; }
        public double Throughput { get; set; }
        public int Points { get; set; }
    }

    /// <summary>
    /// The small set of physical parameters the estimator needs beyond the datasheet: achievable fractions of
    /// peak, fixed overheads and collective costs. <see cref="Default"/> holds the values fitted on the
    /// calibration set (data/calibration/estimator.json records the provenance).
    /// </summary>
    public sealed class EstimatorCalibration
    {
        public string Version { get; set; } = "1";
        /// <summary>What was fitted on what, when, and with which error.</summary>
        public string Provenance { get; set; } = "";
        public string? FittedAtUtc { get; set; }
        public double? FitMacroMedianApe { get; set; }
        /// <summary>Leave-one-group-out: mean over model x hardware groups of the group's median error when it was not fitted.</summary>
        public double? HoldoutMacroMedianApe { get; set; }
        /// <summary>Widening of the error band outside the calibrated hardware families or engines (hold-out / in-sample error).</summary>
        public double ExtrapolationFactor { get; set; } = 1.5;
        /// <summary>Hardware families (vendor/generation) present in the fit data.</summary>
        public List<string> CalibratedFamilies { get; set; } = new List<string>();
        /// <summary>Model lineages (<see cref="LineageOf"/>) present in the fit data.</summary>
        public List<string> CalibratedModelFamilies { get; set; } = new List<string>();
        /// <summary>Engines present in the fit data.</summary>
        public List<string> CalibratedEngines { get; set; } = new List<string>();
        /// <summary>Macro median |error| per hold-out split (family, generation, engine) when the fit was made.</summary>
        public Dictionary<string, double> HoldoutMacroBySplit { get; set; } = new Dictionary<string, double>();

        /// <summary>Fraction of the dense 16-bit peak a large GEMM reaches.</summary>
        public double GemmEfficiency16 { get; set; } = 0.70;
        /// <summary>Fraction of the dense 8-bit peak a large GEMM reaches.</summary>
        public double GemmEfficiency8 { get; set; } = 0.60;
        /// <summary>Fraction of the dense 4-bit peak a large GEMM reaches.</summary>
        public double GemmEfficiency4 { get; set; } = 0.50;
        /// <summary>
        /// Mixed-precision GEMMs on 4-bit weights (int4, mxfp4: W4A16 or W4A8) reach this fraction of what the
        /// activation dtype's native GEMM reaches (dequantisation in the main loop).
        /// </summary>
        public double DequantGemmFactor { get; set; } = 0.8;
        /// <summary>GEMM rows (tokens) at which a GEMM reaches half its large-size efficiency: eff(M) = eff·M/(M+M½).</summary>
        public double GemmHalfEfficiencyTokens { get; set; } = 48;
        /// <summary>Fraction of the 16-bit peak flash attention reaches in prefill.</summary>
        public double AttentionEfficiency { get; set; } = 0.45;
        /// <summary>Fraction of peak memory bandwidth reached when streaming weights and KV cache.</summary>
        public double MemoryEfficiency { get; set; } = 0.80;
        /// <summary>Fixed time per decoder layer per step, µs: used only when no per-kernel cost is calibrated (older files).</summary>
        public double LayerOverheadUs { get; set; } = 25;
        /// <summary>Fixed cost per GPU kernel (launch gap + tail of a short kernel), µs; per-layer cost = kernels of the block x this.</summary>
        public double? KernelOverheadUs { get; set; }
        /// <summary>
        /// Rows per expert at which a grouped (MoE) GEMM reaches half its efficiency; each active expert is its own small GEMM
        /// padded to the kernel's row tile, so the ramp runs on rows per expert, not on tokens. Null: the dense value.
        /// </summary>
        public double? GroupedGemmHalfEfficiencyRows { get; set; }
        /// <summary>Expert weights stream at this fraction of the dense-GEMM memory efficiency (many small per-expert tiles, partial waves).</summary>
        public double GroupedGemmMemoryFactor { get; set; } = 1.0;
        /// <summary>Fraction of the 16-bit peak decode attention reaches when compute-bound (absorbed MLA with many heads per GPU).</summary>
        public double? DecodeAttentionEfficiency { get; set; }
        /// <summary>Key/value tile of flash attention: windowed layers compute whole tiles at the window edge.</summary>
        public int AttentionTileTokens { get; set; } = 128;
        /// <summary>Extra latency per ring hop (ring all-reduce has 2(n-1) of them); engines switch to one-shot when it is faster, µs.</summary>
        public double RingHopLatencyUs { get; set; } = 2;
        /// <summary>Fixed time per forward step (scheduling, sampling, host sync), ms.</summary>
        public double StepOverheadMs { get; set; } = 1.0;
        /// <summary>Fixed latency of one collective call, µs.</summary>
        public double CollectiveLatencyUs { get; set; } = 10;
        /// <summary>Fraction of the per-direction link bandwidth a collective reaches.</summary>
        public double CommunicationEfficiency { get; set; } = 0.70;
        /// <summary>Fraction of the per-direction bandwidth collectives reach when the scale-up link is PCIe (no NVLink/fabric).</summary>
        public double PcieCommunicationEfficiency { get; set; } = 0.5;
        /// <summary>Continuous batching: steps a new request waits before its prefill step starts (mean residual step plus queueing).</summary>
        public double QueueSteps { get; set; } = 1.0;
        /// <summary>
        /// Continuous batching: closed-loop clients with similar request lengths arrive in waves; prompts arrive within
        /// this fraction of a request lifetime, and queue for prefill compute (M/D/1 waiting time) inside the wave.
        /// </summary>
        public double ArrivalSpread { get; set; } = 0.3;
        /// <summary>Continuous batching behind an API server: fixed per-request time (HTTP, tokenisation, streaming) added to TTFT, ms.</summary>
        public double ServingOverheadMs { get; set; } = 15;
        /// <summary>Continuous batching behind an API server: per prompt token (tokenisation, input handling) added to TTFT, µs.</summary>
        public double ServingOverheadPerInputTokenUs { get; set; } = 2;
        /// <summary>Memory held by framework and CUDA context as a fraction of capacity, and its floor in GB.</summary>
        public double ReservedFraction { get; set; } = 0.08;
        public double ReservedMinGB { get; set; } = 1.5;
        /// <summary>Token budget of one forward pass (chunked prefill / max_num_tokens): prompts longer than this take several steps.</summary>
        public int MaxTokensPerStep { get; set; } = 8192;

        public Dictionary<string, FamilyCalibration> Families { get; set; } = new Dictionary<string, FamilyCalibration>(StringComparer.OrdinalIgnoreCase);
        public Dictionary<string, FrameworkCalibration> Frameworks { get; set; } = new Dictionary<string, FrameworkCalibration>(StringComparer.OrdinalIgnoreCase);
        public List<ErrorBandEntry> ErrorBands { get; set; } = new List<ErrorBandEntry>();

        private static EstimatorCalibration? _default;
        private static readonly object DefaultLock = new object();

        /// <summary>
        /// The fitted calibration: data/calibration/estimator.json, embedded in the assembly at build time. Read once: a
        /// caller that arrives while another thread reads it (the module's warm-up) waits for that read.
        /// </summary>
        public static EstimatorCalibration Default
        {
            get
            {
                var d = System.Threading.Volatile.Read(ref _default);
                if (d != null) return d;
                lock (DefaultLock) return _default ??= LoadEmbedded();
            }
            set
            {
                lock (DefaultLock) _default = value;
            }
        }

        private static EstimatorCalibration LoadEmbedded()
        {
            const string name = "ModelConfig.Core.Estimation.estimator.json";
            using var stream = typeof(EstimatorCalibration).Assembly.GetManifestResourceStream(name)
                ?? throw new InvalidOperationException($"The embedded calibration '{name}' is missing from the assembly.");
            using var reader = new StreamReader(stream);
            return FromJson(reader.ReadToEnd());
        }

        internal static readonly JsonSerializerOptions JsonOptions = new JsonSerializerOptions
        {
            WriteIndented = true,
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        };

        public static EstimatorCalibration FromJson(string json)
        {
            var c = CalibrationReader.TryRead(json) ?? JsonSerializer.Deserialize<EstimatorCalibration>(json, JsonOptions)
                ?? throw new InvalidDataException("empty calibration JSON");
            c.Families = new Dictionary<string, FamilyCalibration>(c.Families, StringComparer.OrdinalIgnoreCase);
            c.Frameworks = new Dictionary<string, FrameworkCalibration>(c.Frameworks, StringComparer.OrdinalIgnoreCase);
            return c;
        }

        public static EstimatorCalibration Load(string path) => FromJson(File.ReadAllText(path));

        public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

        public EstimatorCalibration Clone() => FromJson(ToJson());

        /// <summary>
        /// The family key of a piece of hardware: vendor/generation (e.g. nvidia/hopper, amd/cdna3), from the
        /// vendor and the product name; vendor/unknown when the generation is not recognised.
        /// </summary>
        public static string FamilyOf(HardwareConfig hw) => DerivedKeys.Family(hw, ComputeFamilyOf).Family;

        private static readonly Func<HardwareConfig, string> ComputeFamilyOf = FamilyOfUncached;

        private static string FamilyOfUncached(HardwareConfig hw)
        {
            var vendor = (hw.Vendor ?? "").ToLowerInvariant();
            var name = ((hw.Name ?? "") + " " + (hw.HardwareId ?? "")).ToLowerInvariant();
            string v = vendor.Contains("nvidia") ? "nvidia" : vendor.Contains("amd") ? "amd" : vendor.Contains("intel") ? "intel"
                : vendor.Contains("google") ? "google" : vendor.Contains("aws") || vendor.Contains("amazon") ? "aws"
                : vendor.Contains("apple") ? "apple" : vendor.Length > 0 ? vendor.Split(' ')[0] : "unknown";
            string gen = "unknown";
            if (v == "nvidia")
            {
                if (Has(name, "b200", "b300", "gb200", "gb300", "blackwell", "rtx 50", "rtx_50")) gen = "blackwell";
                else if (Has(name, "h100", "h200", "gh200", "h20", "hopper", "h800")) gen = "hopper";
                else if (Has(name, "l40", "l4", "rtx 40", "rtx_40", "ada")) gen = "ada";
                else if (Has(name, "a100", "a10", "a30", "a40", "a800", "ampere", "rtx 30", "rtx_30")) gen = "ampere";
                else if (Has(name, "v100", "volta")) gen = "volta";
            }
            else if (v == "amd")
            {
                if (Has(name, "mi350", "mi355")) gen = "cdna4";
                else if (Has(name, "mi300", "mi325")) gen = "cdna3";
                else if (Has(name, "mi250", "mi210")) gen = "cdna2";
            }
            return v + "/" + gen;
        }

        /// <summary>
        /// Model lineage from a HuggingFace id or model id: llama-2, llama-3, llama-4, gpt-j, mixtral, mistral, gpt-oss,
        /// deepseek, qwen3 ...; the hold-out unit of the family split and the key of the error band's widening.
        /// </summary>
        public static string LineageOf(string? id) => id == null ? LineageOfUncached(id) : DerivedKeys.Lineage(id, ComputeLineageOf);

        private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<string, string>.CreateValueCallback ComputeLineageOf = LineageOfUncached;

        private static string LineageOfUncached(string? id)
        {
            var n = (id ?? "").ToLowerInvariant();
            int slash = n.LastIndexOf('/');
            if (slash >= 0) n = n.Substring(slash + 1);
            string[] known = { "llama-2", "llama-3", "llama-4", "gpt-j", "gpt-oss", "gpt-neox", "mixtral", "mistral", "deepseek", "qwen3", "qwen2.5", "qwen2", "falcon", "gemma-3", "gemma-2", "phi-4", "phi-3", "kimi", "glm" };
            foreach (var k in known) if (n.StartsWith(k, StringComparison.Ordinal) || n.StartsWith(k.Replace("-", ""), StringComparison.Ordinal)) return k;
            var m = System.Text.RegularExpressions.Regex.Match(n, "^[a-z]+(-[a-z]+)?");
            return m.Success ? m.Value : n;
        }

        private static bool Has(string s, params string[] parts)
        {
            foreach (var p in parts) if (s.Contains(p)) return true;
            return false;
        }

        internal FamilyCalibration? Family(HardwareConfig hw)
        {
            var key = DerivedKeys.Family(hw, ComputeFamilyOf);
            if (Families.TryGetValue(key.Family, out var f)) return f;
            return Families.TryGetValue(key.VendorWildcard, out f) ? f : null;
        }

        /// <summary>The entry "framework/mode" (e.g. trtllm/static_batch), else "framework", else "*/mode", else null.</summary>
        internal FrameworkCalibration? Framework(string? framework, string mode)
        {
            if (!string.IsNullOrEmpty(framework))
            {
                if (Frameworks.TryGetValue(DerivedKeys.EngineKey(framework!, mode), out var fm)) return fm;
                if (Frameworks.TryGetValue(framework!, out var f)) return f;
            }
            return Frameworks.TryGetValue(DerivedKeys.EngineKey("*", mode), out var any) ? any : null;
        }

        public static string ModeKey(LoadMode mode) => mode == LoadMode.StaticBatch ? "static_batch" : "concurrency";
    }
}
