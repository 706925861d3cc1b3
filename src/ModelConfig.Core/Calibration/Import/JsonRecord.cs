using System.Globalization;
using System.Text.Json;

namespace ModelConfig.Core.Calibration
{
    /// <summary>Typed reads of one JSON object of a result file by dotted path; a field of the wrong type names itself.</summary>
    internal readonly struct JsonRecord
    {
        private readonly JsonElement _root;

        public JsonRecord(JsonElement root) { _root = root; }

        public bool Has(string path) => TryGet(path, out _);

        public double? Number(string path)
        {
            if (!TryGet(path, out var e) || e.ValueKind == JsonValueKind.Null) return null;
            if (e.ValueKind == JsonValueKind.Number) return e.GetDouble();
            // Python's json writes inf and nan bare or as strings ("inf" request rate): not a number here.
            if (e.ValueKind == JsonValueKind.String && double.TryParse(e.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var v)
                && !double.IsInfinity(v) && !double.IsNaN(v)) return v;
            if (e.ValueKind == JsonValueKind.String) return null;
            throw new BenchmarkRecordException(path, $"is {e.ValueKind}, not a number");
        }

        public int? Integer(string path)
        {
            var v = Number(path);
            return v.HasValue ? (int?)System.Math.Round(v.Value) : null;
        }

        public string? Text(string path)
        {
            if (!TryGet(path, out var e) || e.ValueKind == JsonValueKind.Null) return null;
            if (e.ValueKind == JsonValueKind.String) return e.GetString();
            if (e.ValueKind == JsonValueKind.Array && e.GetArrayLength() > 0 && e[0].ValueKind == JsonValueKind.String) return e[0].GetString();
            return e.ValueKind == JsonValueKind.Number ? e.GetRawText() : null;
        }

        public bool TryGet(string path, out JsonElement value)
        {
            value = _root;
            foreach (var part in path.Split('.'))
            {
                if (value.ValueKind != JsonValueKind.Object || !value.TryGetProperty(part, out value)) { value = default; return false; }
            }
            return true;
        }
    }
}
