using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using ModelConfig.Core.Models;
using ModelConfig.Core.Hardware;
using ModelConfig.Core.Serialization;

namespace ModelConfig.DataTools
{
    /// <summary>
    /// Turns the reference hardware table (shared/reference/hardware.csv) into one <c>&lt;id&gt;.json</c> per row.
    /// The output depends only on the CSV text: same CSV, byte-identical files, so the committed data can be
    /// checked against the CSV at any time (tests do). Figures are copied, never recomputed: a value that looks
    /// wrong is reported by <see cref="Check"/>, not changed.
    /// Runner: tools/hardware-import/Import-HardwareCsv.ps1.
    /// </summary>
    public static class HardwareCsvImport
    {
        /// <summary>Recorded in each generated file's generated_from.</summary>
        public const string GeneratedFrom = "shared/reference/hardware.csv via tools/hardware-import/Import-HardwareCsv.ps1 (edit the CSV and re-run the tool, not this file)";

        /// <summary>The CSV columns, all required, in the reference order.</summary>
        public static IReadOnlyList<string> Columns { get; } = new[]
        {
            "id", "vendor", "name", "kind", "chips", "memory_gb", "memory_type", "memory_bw_gbs",
            "dense_tflops_fp32", "dense_tflops_tf32", "dense_tflops_bf16", "dense_tflops_fp16", "dense_tflops_fp8",
            "dense_tflops_fp6", "dense_tflops_fp4", "dense_tops_int8", "sparsity_note",
            "scaleup_link", "scaleup_bw_gbs_per_chip", "scaleup_domain_size", "scaleout_bw_gbs_per_chip",
            "tdp_w", "launch_year", "source", "notes",
        };

        /// <summary>
        /// Ids of the original system (the Python predecessor's backend/data/hardware_configs), so its users'
        /// scripts and saved sweeps keep resolving. Each maps to the entry that describes the same hardware:
        /// <list type="bullet">
        /// <item>nvidia_nvl72_rack: the original's "NVL-72 rack, 72 GB200 packages, 144 GPUs" is the GB200 NVL72,
        /// which holds 36 GB200 superchips = 36 Grace CPUs + 72 Blackwell GPUs (144 GPU dies, not GPUs). Our entry
        /// says chips = 72; the original's 144 was wrong (and it carried H200 memory figures, 141 GB and 4.8 TB/s).</item>
        /// <item>nvidia_gb200_single: the original documented it as "Single GB200 package (2 Blackwell GPUs)", i.e. the
        /// superchip, so it maps to nvidia_gb200_superchip (chips = 2). Our per-chip figures are per GPU
        /// (186 GB, 2.5 PF dense BF16), not per package (372 GB, 5 PF): an estimate on N GPUs multiplies them by N.</item>
        /// <item>nvidia_h100_80gb: "Single H100 SXM5 80GB GPU", i.e. nvidia_h100_sxm_80gb (not the PCIe card).</item>
        /// </list>
        /// </summary>
        public static IReadOnlyDictionary<string, string[]> LegacyAliases { get; } = new Dictionary<string, string[]>(StringComparer.Ordinal)
        {
            ["nvidia_gb200_nvl72"] = new[] { "nvidia_nvl72_rack" },
            ["nvidia_gb200_superchip"] = new[] { "nvidia_gb200_single" },
            ["nvidia_h100_sxm_80gb"] = new[] { "nvidia_h100_80gb" },
        };

        private static readonly (string Column, string Dtype)[] DtypeColumns =
        {
            ("dense_tflops_fp32", "fp32"), ("dense_tflops_tf32", "tf32"), ("dense_tflops_bf16", "bf16"),
            ("dense_tflops_fp16", "fp16"), ("dense_tflops_fp8", "fp8"), ("dense_tflops_fp6", "fp6"),
            ("dense_tflops_fp4", "fp4"), ("dense_tops_int8", "int8"),
        };

        /// <summary>Reads a CSV file into entries, in file order.</summary>
        public static IReadOnlyList<HardwareConfig> ReadCsvFile(string path)
        {
            string text;
            try { text = File.ReadAllText(path, Encoding.UTF8); }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                throw new DataFileFormatException(path, null, "cannot be read: " + e.Message, e);
            }
            return ReadCsv(text, path);
        }

        /// <summary>Parses the CSV text; any bad cell throws a <see cref="DataFileFormatException"/> naming row and column.</summary>
        public static IReadOnlyList<HardwareConfig> ReadCsv(string text, string? file)
        {
            var rows = CsvTable.Parse(text, file);
            if (rows.Count == 0) throw new DataFileFormatException(file, null, "is empty (expected a header row)");
            var header = rows[0].Cells;
            var index = new Dictionary<string, int>(StringComparer.Ordinal);
            for (int i = 0; i < header.Count; i++)
            {
                var name = header[i].Trim();
                if (!Columns.Contains(name)) throw new DataFileFormatException(file, "header", $"has column '{name}', which the import tool does not know; update HardwareCsvImport so no column is silently dropped");
                if (index.ContainsKey(name)) throw new DataFileFormatException(file, "header", $"has column '{name}' twice");
                index[name] = i;
            }
            foreach (var c in Columns)
            {
                if (!index.ContainsKey(c)) throw new DataFileFormatException(file, "header", $"lacks column '{c}'");
            }

            var result = new List<HardwareConfig>();
            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            for (int r = 1; r < rows.Count; r++)
            {
                var row = rows[r];
                if (row.Cells.All(c => c.Trim().Length == 0)) continue;
                if (row.Cells.Count != header.Count)
                    throw new DataFileFormatException(file, $"line {row.Line}", $"has {row.Cells.Count} cells but the header has {header.Count}");
                var cells = new RowReader(file, row, index);
                var hw = FromRow(cells);
                if (!seen.Add(hw.HardwareId)) throw cells.Error("id", $"'{hw.HardwareId}' appears twice");
                result.Add(hw);
            }
            return result;
        }

        private static HardwareConfig FromRow(RowReader c)
        {
            var id = c.Required("id");
            if (!ModelIds.IsValid(id, out var why)) throw c.Error("id", why);
            var hw = new HardwareConfig
            {
                SchemaVersion = HardwareJson.CurrentSchemaVersion,
                HardwareId = id,
                Vendor = c.Required("vendor"),
                Name = c.Required("name"),
                Kind = c.Required("kind"),
                Chips = c.Int("chips") ?? throw c.Error("chips", "is required"),
                MemoryGB = c.Number("memory_gb") ?? throw c.Error("memory_gb", "is required"),
                MemoryType = c.Optional("memory_type"),
                MemoryBandwidthGBs = c.Number("memory_bw_gbs") ?? throw c.Error("memory_bw_gbs", "is required"),
                SparsityNote = c.Optional("sparsity_note"),
                ScaleUpLink = c.Optional("scaleup_link"),
                ScaleUpBandwidthGBs = c.Number("scaleup_bw_gbs_per_chip") ?? 0,
                ScaleUpDomainSize = c.Int("scaleup_domain_size") ?? 1,
                ScaleOutBandwidthGBs = c.Number("scaleout_bw_gbs_per_chip"),
                TdpW = c.Number("tdp_w"),
                LaunchYear = c.Int("launch_year"),
                Source = c.Required("source"),
                Notes = c.Optional("notes"),
                GeneratedFrom = GeneratedFrom,
            };
            if (!HardwareJson.Kinds.Contains(hw.Kind)) throw c.Error("kind", $"must be one of {string.Join(", ", HardwareJson.Kinds)}, found '{hw.Kind}'");
            foreach (var (column, dtype) in DtypeColumns)
            {
                var v = c.Number(column);
                if (v != null) hw.DenseTflops[dtype] = v.Value;
            }
            if (LegacyAliases.TryGetValue(id, out var aliases)) hw.Aliases.AddRange(aliases);

            // Round-trip through the reader, so the tool can never write a file the library rejects.
            try { return HardwareJson.Read(HardwareJson.Write(hw), null); }
            catch (DataFileFormatException e) { throw c.Error(e.Field ?? "id", e.Message); }
        }

        /// <summary>File name (&lt;id&gt;.json) to file text, for every row, in CSV order.</summary>
        public static IReadOnlyList<KeyValuePair<string, string>> Render(IEnumerable<HardwareConfig> entries) =>
            entries.Select(h => new KeyValuePair<string, string>(h.HardwareId + ".json", HardwareJson.Write(h))).ToList();

        /// <summary>
        /// Writes one file per CSV row into <paramref name="outputFolder"/>, touching only files whose text changes
        /// (so re-running is idempotent and keeps timestamps). Other .json files in the folder are listed in
        /// <see cref="ImportResult.Stale"/> and deleted only when <paramref name="prune"/> is set.
        /// </summary>
        public static ImportResult ImportFile(string csvPath, string outputFolder, bool prune = false)
        {
            var entries = ReadCsvFile(csvPath);
            Directory.CreateDirectory(outputFolder);
            var result = new ImportResult();
            var wanted = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var kv in Render(entries))
            {
                wanted.Add(kv.Key);
                var path = Path.Combine(outputFolder, kv.Key);
                var old = File.Exists(path) ? File.ReadAllText(path, Encoding.UTF8) : null;
                if (old == kv.Value) { result.Unchanged.Add(path); continue; }
                File.WriteAllText(path, kv.Value, new UTF8Encoding(false));
                (old == null ? result.Created : result.Updated).Add(path);
            }
            foreach (var path in Directory.GetFiles(outputFolder, "*.json").OrderBy(p => p, StringComparer.Ordinal))
            {
                if (wanted.Contains(Path.GetFileName(path))) continue;
                if (prune) { File.Delete(path); result.Deleted.Add(path); }
                else result.Stale.Add(path);
            }
            foreach (var hw in entries)
            {
                foreach (var w in Check(hw)) result.Warnings.Add($"{hw.HardwareId}: {w}");
            }
            return result;
        }

        /// <summary>
        /// Plausibility checks on one entry's figures, for a human to look at; nothing is changed. Flags ratios
        /// between dtypes that do not match any known tensor-core rate pattern (a sparse figure among dense ones
        /// shows up as a 2x jump), and notes that mention sparsity without saying what was recorded.
        /// </summary>
        public static IReadOnlyList<string> Check(HardwareConfig hw)
        {
            var w = new List<string>();
            double? P(string d) => hw.Peak(d);
            void Ratio(string hi, string lo, params double[] allowed)
            {
                if (P(hi) is double a && P(lo) is double b)
                {
                    var r = a / b;
                    if (!allowed.Any(x => Math.Abs(r - x) / x < 0.03))
                        w.Add($"{hi}/{lo} = {r.ToString("0.###", CultureInfo.InvariantCulture)} (expected {string.Join(" or ", allowed.Select(x => x.ToString(CultureInfo.InvariantCulture)))}); check for a sparse or differently-accumulated figure");
                }
            }
            Ratio("fp16", "bf16", 1);
            Ratio("bf16", "tf32", 2);
            Ratio("fp8", "bf16", 1, 2);
            Ratio("fp4", "fp8", 1, 2, 3); // 3: Blackwell Ultra NVFP4; 4 would be a sparse FP4 (or a half-rate FP8) beside dense FP8
            Ratio("fp6", "fp8", 1, 2);
            if (P("bf16") is double bf && P("fp32") is double f32 && bf / f32 > 40)
                w.Add($"bf16/fp32 = {(bf / f32).ToString("0.#", CultureInfo.InvariantCulture)}; unusually high");
            var note = hw.SparsityNote ?? "";
            if (hw.DenseTflops.Count > 0 && note.Length == 0) w.Add("no sparsity_note: say whether the figures are dense");
            return w;
        }

        private sealed class RowReader
        {
            private readonly string? _file;
            private readonly CsvRow _row;
            private readonly Dictionary<string, int> _index;

            public RowReader(string? file, CsvRow row, Dictionary<string, int> index)
            {
                _file = file;
                _row = row;
                _index = index;
            }

            public DataFileFormatException Error(string column, string message)
            {
                var id = _index.TryGetValue("id", out var i) && i < _row.Cells.Count ? _row.Cells[i].Trim() : "";
                return new DataFileFormatException(_file, $"line {_row.Line} ({id}) column {column}", message);
            }

            public string? Optional(string column)
            {
                var s = _row.Cells[_index[column]].Trim();
                return s.Length == 0 ? null : s;
            }

            public string Required(string column) => Optional(column) ?? throw Error(column, "is required");

            public double? Number(string column)
            {
                var s = Optional(column);
                if (s == null) return null;
                if (!double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) || double.IsNaN(d) || double.IsInfinity(d))
                    throw Error(column, $"must be a number (no thousands separators), found '{s}'");
                return d;
            }

            public int? Int(string column)
            {
                var s = Optional(column);
                if (s == null) return null;
                if (!int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n))
                    throw Error(column, $"must be a whole number, found '{s}'");
                return n;
            }
        }
    }

    /// <summary>What <see cref="HardwareCsvImport.ImportFile"/> did.</summary>
    public sealed class ImportResult
    {
        public List<string> Created { get; } = new List<string>();
        public List<string> Updated { get; } = new List<string>();
        public List<string> Unchanged { get; } = new List<string>();
        /// <summary>.json files in the output folder that no CSV row produces (kept unless prune was set).</summary>
        public List<string> Stale { get; } = new List<string>();
        public List<string> Deleted { get; } = new List<string>();
        /// <summary>Plausibility warnings from <see cref="HardwareCsvImport.Check"/>, "id: message".</summary>
        public List<string> Warnings { get; } = new List<string>();
    }
}
