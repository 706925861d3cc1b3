using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ModelConfig.Core.Models;
using ModelConfig.Core.Serialization;

namespace ModelConfig.Core.Hardware
{
    /// <summary>
    /// Reads and writes hardware files (schema: data/schemas/hardware.schema.json). Every error is a
    /// <see cref="DataFileFormatException"/> naming the file and the field. Fields this version does not
    /// know are kept and written back after the known ones.
    /// </summary>
    public static class HardwareJson
    {
        public const int CurrentSchemaVersion = 1;

        /// <summary>The dtypes of dense_tflops, in the order files list them (int8 is TOPS).</summary>
        public static IReadOnlyList<string> Dtypes { get; } = new[] { "fp32", "tf32", "bf16", "fp16", "fp8", "fp6", "fp4", "int8" };

        /// <summary>Values of kind.</summary>
        public static IReadOnlyList<string> Kinds { get; } = new[] { "chip", "superchip", "node", "rack" };

        private static readonly HashSet<string> KnownFields = new HashSet<string>(StringComparer.Ordinal)
        {
            "schema_version", "hardware_id", "aliases", "vendor", "name", "kind", "chips",
            "memory_gb", "memory_bytes", "memory_type", "memory_bandwidth_gbs", "dense_tflops", "sparsity_note",
            "scaleup_link", "scaleup_bandwidth_gbs_per_chip", "scaleup_domain_size", "scaleout_bandwidth_gbs_per_chip",
            "tdp_w", "launch_year", "price_usd_per_gpu_hour", "source", "notes", "efficiency", "generated_from",
        };

        public static HardwareConfig ReadFile(string path)
        {
            string text;
            try { text = DataFileReader.ReadText(path); }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                throw new DataFileFormatException(path, null, "cannot be read: " + e.Message, e);
            }
            var hw = Read(text, path);
            hw.SourcePath = path;
            return hw;
        }

        public static HardwareConfig Read(string text, string? file) => FromJson(ModelConfigJson.ParseObject(text, file), file);

        public static HardwareConfig FromJson(JsonObject root, string? file)
        {
            var f = new JsonFields(root, file);
            int schema = f.Int("schema_version");
            if (schema < 1 || schema > CurrentSchemaVersion)
                throw f.Error("schema_version", $"is {schema}; this version of ModelConfig reads 1 to {CurrentSchemaVersion}");

            var h = new HardwareConfig
            {
                SchemaVersion = schema,
                HardwareId = f.String("hardware_id"),
                Vendor = NonEmpty(f, "vendor"),
                Name = NonEmpty(f, "name"),
                Kind = f.String("kind"),
                Chips = f.Int("chips"),
                MemoryGB = Number(f, "memory_gb", min: 0, exclusive: true),
                MemoryType = f.OptString("memory_type"),
                MemoryBandwidthGBs = Number(f, "memory_bandwidth_gbs", min: 0, exclusive: true),
                SparsityNote = f.OptString("sparsity_note"),
                ScaleUpLink = f.OptString("scaleup_link"),
                ScaleUpBandwidthGBs = OptNumber(f, "scaleup_bandwidth_gbs_per_chip", min: 0, exclusive: false) ?? 0,
                ScaleUpDomainSize = f.OptInt("scaleup_domain_size") ?? 1,
                ScaleOutBandwidthGBs = OptNumber(f, "scaleout_bandwidth_gbs_per_chip", min: 0, exclusive: false),
                TdpW = OptNumber(f, "tdp_w", min: 0, exclusive: true),
                LaunchYear = f.OptInt("launch_year"),
                PriceUsdPerGpuHour = OptNumber(f, "price_usd_per_gpu_hour", min: 0, exclusive: false),
                Source = NonEmpty(f, "source"),
                Notes = f.OptString("notes"),
                GeneratedFrom = f.OptString("generated_from"),
            };
            if (!ModelIds.IsValid(h.HardwareId, out var why)) throw f.Error("hardware_id", why);
            if (!Contains(Kinds, h.Kind))
                throw f.Error("kind", $"must be one of {string.Join(", ", Kinds)}, found '{Serialization.TextPreview.Of(h.Kind)}'");
            if (h.Chips < 1) throw f.Error("chips", $"must be at least 1, found {h.Chips}");
            if (h.ScaleUpDomainSize < 1) throw f.Error("scaleup_domain_size", $"must be at least 1, found {h.ScaleUpDomainSize}");
            if (h.LaunchYear is int y && (y < 1990 || y > 2100)) throw f.Error("launch_year", $"must be a year between 1990 and 2100, found {y}");

            // memory_bytes is derived; when a file gives it, it must agree, which catches a capacity converted twice.
            var bytes = f.OptLong("memory_bytes");
            if (bytes != null && bytes.Value != h.MemoryBytes)
                throw f.Error("memory_bytes", $"is {bytes.Value} but memory_gb {Format(h.MemoryGB)} is {h.MemoryBytes} bytes (memory_gb counts GiB, 2^30 bytes); fix one of them");

            var aliases = f.OptArray("aliases");
            if (aliases != null)
            {
                for (int i = 0; i < aliases.Count; i++)
                {
                    var a = aliases[i] is JsonValue av && av.GetValueKind() == JsonValueKind.String ? av.GetValue<string>() : null;
                    if (a == null) throw f.Error($"aliases[{i}]", "must be a string");
                    if (!ModelIds.IsValid(a, out var aw)) throw f.Error($"aliases[{i}]", aw);
                    if (string.Equals(a, h.HardwareId, StringComparison.OrdinalIgnoreCase)) throw f.Error($"aliases[{i}]", "repeats hardware_id");
                    h.Aliases.Add(a);
                }
            }

            var dense = f.Object("dense_tflops");
            foreach (var kv in dense.Node)
            {
                if (!Contains(Dtypes, kv.Key))
                    throw dense.Error(kv.Key, $"is not a known dtype; use {string.Join(", ", Dtypes)}");
                h.DenseTflops[kv.Key] = Number(dense, kv.Key, min: 0, exclusive: true);
            }

            var eff = f.OptObject("efficiency");
            if (eff != null)
            {
                h.Efficiency = new HardwareEfficiency
                {
                    ComputeEfficiency = Fraction(eff, "compute_efficiency"),
                    MemoryEfficiency = Fraction(eff, "memory_efficiency"),
                    ScaleUpEfficiency = Fraction(eff, "scaleup_efficiency"),
                    StepOverheadMs = OptNumber(eff, "step_overhead_ms", min: 0, exclusive: false),
                    // Every number carries its source, fitted overrides included.
                    Source = NonEmpty(eff, "source"),
                };
            }

            var extra = new JsonObject();
            foreach (var kv in root)
            {
                if (!KnownFields.Contains(kv.Key)) extra[kv.Key] = kv.Value?.DeepClone();
            }
            h.AdditionalFields = extra.Count > 0 ? extra : null;
            return h;
        }

        /// <summary>The file text, laid out like every data file of the project (<see cref="JsonText"/>): fixed field order, LF line ends.</summary>
        public static string Write(HardwareConfig h) => JsonText.Format(ToJson(h));

        public static JsonObject ToJson(HardwareConfig h)
        {
            var aliases = new JsonArray();
            foreach (var a in h.Aliases) aliases.Add(a);
            var dense = new JsonObject();
            foreach (var d in Dtypes)
            {
                if (h.DenseTflops.TryGetValue(d, out var v)) dense[d] = v;
            }
            var o = new JsonObject
            {
                ["schema_version"] = h.SchemaVersion,
                ["hardware_id"] = h.HardwareId,
                ["aliases"] = aliases,
                ["vendor"] = h.Vendor,
                ["name"] = h.Name,
                ["kind"] = h.Kind,
                ["chips"] = h.Chips,
                ["memory_gb"] = h.MemoryGB,
                ["memory_bytes"] = h.MemoryBytes,
                ["memory_type"] = h.MemoryType,
                ["memory_bandwidth_gbs"] = h.MemoryBandwidthGBs,
                ["dense_tflops"] = dense,
                ["sparsity_note"] = h.SparsityNote,
                ["scaleup_link"] = h.ScaleUpLink,
                // 0 means "not given by the source"; the file then omits the field.
                ["scaleup_bandwidth_gbs_per_chip"] = h.ScaleUpBandwidthGBs > 0 ? h.ScaleUpBandwidthGBs : (double?)null,
                ["scaleup_domain_size"] = h.ScaleUpDomainSize,
                ["scaleout_bandwidth_gbs_per_chip"] = h.ScaleOutBandwidthGBs,
                ["tdp_w"] = h.TdpW,
                ["launch_year"] = h.LaunchYear,
                ["price_usd_per_gpu_hour"] = h.PriceUsdPerGpuHour,
                ["source"] = h.Source,
                ["notes"] = h.Notes,
            };
            if (h.Efficiency != null)
            {
                var e = h.Efficiency;
                var eo = new JsonObject
                {
                    ["compute_efficiency"] = e.ComputeEfficiency,
                    ["memory_efficiency"] = e.MemoryEfficiency,
                    ["scaleup_efficiency"] = e.ScaleUpEfficiency,
                    ["step_overhead_ms"] = e.StepOverheadMs,
                    ["source"] = e.Source,
                };
                RemoveNulls(eo);
                o["efficiency"] = eo;
            }
            o["generated_from"] = h.GeneratedFrom;
            RemoveNulls(o);
            if (h.AdditionalFields != null)
            {
                foreach (var kv in h.AdditionalFields)
                {
                    if (!o.ContainsKey(kv.Key)) o[kv.Key] = kv.Value?.DeepClone();
                }
            }
            return o;
        }

        internal static string Format(double v) => v.ToString("R", CultureInfo.InvariantCulture);

        private static bool Contains(IReadOnlyList<string> list, string s)
        {
            foreach (var x in list) if (string.Equals(x, s, StringComparison.Ordinal)) return true;
            return false;
        }

        private static void RemoveNulls(JsonObject o)
        {
            var nulls = new List<string>();
            foreach (var kv in o) if (kv.Value == null) nulls.Add(kv.Key);
            foreach (var k in nulls) o.Remove(k);
        }

        private static string NonEmpty(JsonFields f, string name)
        {
            var s = f.String(name);
            if (string.IsNullOrWhiteSpace(s)) throw f.Error(name, "must not be empty");
            return s;
        }

        private static double Number(JsonFields f, string name, double min, bool exclusive) =>
            OptNumber(f, name, min, exclusive) ?? throw f.Error(name, "is required (a number)");

        private static double? Fraction(JsonFields f, string name)
        {
            var v = OptNumber(f, name, min: 0, exclusive: true);
            if (v > 1) throw f.Error(name, $"is a fraction of peak and must be at most 1, found {Format(v.Value)}");
            return v;
        }

        /// <summary>A JSON number (integer or not), finite and above <paramref name="min"/>.</summary>
        internal static double? OptNumber(JsonFields f, string name, double min, bool exclusive)
        {
            if (!f.Node.TryGetPropertyValue(name, out var node) || node == null) return null;
            if (!(node is JsonValue v) || v.GetValueKind() != JsonValueKind.Number)
                throw f.Error(name, $"must be a number, found {node.ToJsonString()}");
            if (!double.TryParse(v.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) || double.IsNaN(d) || double.IsInfinity(d))
                throw f.Error(name, $"must be a finite number, found {v.ToJsonString()}");
            if (exclusive ? d <= min : d < min)
                throw f.Error(name, $"must be {(exclusive ? "greater than" : "at least")} {Format(min)}, found {Format(d)}");
            return d;
        }
    }
}
