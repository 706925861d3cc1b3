using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using System.Text.Json.Serialization;
using ModelConfig.Core.Hardware;

namespace ModelConfig.Core.Estimation
{
    /// <summary>Efficiencies of one hardware family (vendor/generation); null members fall back to the global values.</summary>
    public sealed class FamilyCalibration
    {
        /// <summary>Multiplies the dtype's GEMM efficiency.</summary>
        public double? ComputeScale { get; set; }
        public double? MemoryEfficiency { get; set; }
        public double? LayerOverheadUs { get; set; }
        public string? Note { get; set; }
    }

    /// <summary>Per-framework fixed costs.</summary>
    public sealed class FrameworkCalibration
    {
        public double? StepOverheadMs { get; set; }
        public double? LayerOverheadUs { get; set; }
        /// <summary>Fixed latency of one collective with this engine's all-reduce implementation, µs.</summary>
        public double? CollectiveLatencyUs { get; set; }
        public string? Note { get; set; }
    }

    /// <summary>± relative error (median absolute % error of the calibration residuals) per regime and metric class.</summary>
    public sealed class ErrorBandEntry
    {
        /// <summary>static_batch or concurrency.</summary>
        public string Regime { get; set; } = "";
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
        /// <summary>Fixed time per decoder layer per step (kernel launches, tails, norms, elementwise), µs.</summary>
        public double LayerOverheadUs { get; set; } = 25;
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

        /// <summary>The fitted calibration: data/calibration/estimator.json, embedded in the assembly at build time.</summary>
        public static EstimatorCalibration Default
        {
            get => _default ??= LoadEmbedded();
            set => _default = value;
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
            var c = JsonSerializer.Deserialize<EstimatorCalibration>(json, JsonOptions)
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
        public static string FamilyOf(HardwareConfig hw)
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

        private static bool Has(string s, params string[] parts)
        {
            foreach (var p in parts) if (s.Contains(p)) return true;
            return false;
        }

        internal FamilyCalibration? Family(HardwareConfig hw)
        {
            var key = FamilyOf(hw);
            if (Families.TryGetValue(key, out var f)) return f;
            var vendor = key.Split('/')[0] + "/*";
            return Families.TryGetValue(vendor, out f) ? f : null;
        }

        /// <summary>The entry "framework/mode" (e.g. trtllm/static_batch), else "framework", else "*/mode", else null.</summary>
        internal FrameworkCalibration? Framework(string? framework, string mode)
        {
            if (!string.IsNullOrEmpty(framework))
            {
                if (Frameworks.TryGetValue(framework + "/" + mode, out var fm)) return fm;
                if (Frameworks.TryGetValue(framework!, out var f)) return f;
            }
            return Frameworks.TryGetValue("*/" + mode, out var any) ? any : null;
        }

        public static string ModeKey(LoadMode mode) => mode == LoadMode.StaticBatch ? "static_batch" : "concurrency";
    }
}
