using System;

namespace ModelConfig.Core.Estimation
{
    /// <summary>Storage cost and compute path of the weight and KV-cache element types the estimator knows.</summary>
    public static class Precision
    {
        public static readonly string[] WeightPrecisions = { "bf16", "fp16", "fp32", "fp8", "int8", "int4", "fp4", "nvfp4", "mxfp4" };
        public static readonly string[] KvPrecisions = { "bf16", "fp16", "fp32", "fp8", "int8", "fp4", "nvfp4" };

        /// <summary>Normalises a dtype name (case, aliases); throws DeploymentConfigurationException for unknown names.</summary>
        public static string Normalize(string? dtype, string fallback, string what)
        {
            if (string.IsNullOrWhiteSpace(dtype)) return fallback;
            var d = dtype!.Trim().ToLowerInvariant();
            switch (d)
            {
                case "bfloat16": return "bf16";
                case "float16": case "half": return "fp16";
                case "float32": case "float": return "fp32";
                case "float8": case "fp8_e4m3": case "e4m3": return "fp8";
                case "w4a16": case "awq": case "gptq": return "int4";
                case "mx_fp4": return "mxfp4";
                case "nv_fp4": return "nvfp4";
                case "auto": return fallback;
            }
            foreach (var known in what == "kv" ? KvPrecisions : WeightPrecisions)
                if (d == known) return d;
            throw new DeploymentConfigurationException(what == "kv" ? DeploymentConstraint.KvCachePrecision : DeploymentConstraint.WeightPrecision,
                $"Unknown {(what == "kv" ? "KV-cache" : "weight")} precision '{Serialization.TextPreview.Of(dtype)}'; known: {string.Join(", ", what == "kv" ? KvPrecisions : WeightPrecisions)}.");
        }

        /// <summary>
        /// Bytes per stored element including block-scale overhead: mxfp4 4 bits + an 8-bit scale per 32 (4.25 bits),
        /// nvfp4 4 bits + an fp8 scale per 16 (4.5 bits), int4 4 bits + an fp16 scale per group of 128 (4.125 bits).
        /// </summary>
        public static double BytesPerElement(string dtype)
        {
            switch (dtype)
            {
                case "fp32": return 4;
                case "bf16": case "fp16": return 2;
                case "fp8": case "int8": return 1;
                case "int4": return (4.0 + 16.0 / 128) / 8;
                case "mxfp4": return (4.0 + 8.0 / 32) / 8;
                case "fp4": case "nvfp4": return (4.0 + 8.0 / 16) / 8;
                default: throw new ArgumentException("unknown dtype " + dtype);
            }
        }

        /// <summary>True when, on an MoE model, the precision applies to routed experts only (gpt-oss publishes mxfp4 experts, BF16 elsewhere); on a dense model it applies to every linear layer.</summary>
        public static bool ExpertsOnly(string dtype) => dtype == "mxfp4";
    }
}
