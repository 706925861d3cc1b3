using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ModelConfig.Core.Serialization
{
    /// <summary>
    /// Typed access to one JSON object that reports the exact field path on every error,
    /// so a user can open the file and fix the one wrong value.
    /// </summary>
    internal sealed class JsonFields
    {
        private readonly JsonObject _obj;
        private readonly string? _file;
        private readonly string _prefix;

        public JsonFields(JsonObject obj, string? file, string prefix = "")
        {
            _obj = obj;
            _file = file;
            _prefix = prefix;
        }

        public JsonObject Node => _obj;
        public string Path(string name) => _prefix.Length == 0 ? name : _prefix + "." + name;

        public DataFileFormatException Error(string name, string message) =>
            new DataFileFormatException(_file, Path(name), message);

        public bool Has(string name) => _obj.TryGetPropertyValue(name, out var n) && n != null;

        private JsonValue? Value(string name, bool required, string expected)
        {
            if (!_obj.TryGetPropertyValue(name, out var node) || node == null)
            {
                if (required) throw Error(name, $"is required ({expected})");
                return null;
            }
            if (node is JsonValue v) return v;
            throw Error(name, $"must be {expected}, found {node.GetValueKind().ToString().ToLowerInvariant()}");
        }

        public string String(string name) => OptString(name) ?? throw Error(name, "is required (a string)");

        public string? OptString(string name)
        {
            var v = Value(name, false, "a string");
            if (v == null) return null;
            if (v.GetValueKind() != JsonValueKind.String) throw Error(name, $"must be a string, found {TextPreview.Of(v.ToJsonString())}");
            return v.GetValue<string>();
        }

        public long Long(string name) => OptLong(name) ?? throw Error(name, "is required (an integer)");

        public long? OptLong(string name)
        {
            var v = Value(name, false, "an integer");
            if (v == null) return null;
            // Nodes built in memory hold CLR numbers, parsed ones a JsonElement: the JSON text covers both.
            if (v.GetValueKind() == JsonValueKind.Number &&
                long.TryParse(v.ToJsonString(), System.Globalization.NumberStyles.AllowLeadingSign,
                    System.Globalization.CultureInfo.InvariantCulture, out var l)) return l;
            throw Error(name, $"must be an integer, found {TextPreview.Of(v.ToJsonString())}");
        }

        public int Int(string name) => OptInt(name) ?? throw Error(name, "is required (an integer)");

        public int? OptInt(string name)
        {
            var l = OptLong(name);
            if (l == null) return null;
            if (l < int.MinValue || l > int.MaxValue) throw Error(name, $"is out of range: {l}");
            return (int)l;
        }

        public bool Bool(string name) => OptBool(name) ?? throw Error(name, "is required (true or false)");

        public bool? OptBool(string name)
        {
            var v = Value(name, false, "true or false");
            if (v == null) return null;
            var kind = v.GetValueKind();
            if (kind == JsonValueKind.True) return true;
            if (kind == JsonValueKind.False) return false;
            throw Error(name, $"must be true or false, found {TextPreview.Of(v.ToJsonString())}");
        }

        public DateTime? OptDate(string name)
        {
            var s = OptString(name);
            if (s == null) return null;
            // The form the writer uses first, parsed exactly: the general parser's first use in a session builds culture
            // token tables, a millisecond of a new session's first estimate. Both give the same UTC time for this form.
            if (DateTime.TryParseExact(s, "yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture,
                    System.Globalization.DateTimeStyles.AdjustToUniversal | System.Globalization.DateTimeStyles.AssumeUniversal, out var exact))
                return DateTime.SpecifyKind(exact, DateTimeKind.Utc);
            if (DateTime.TryParse(s, System.Globalization.CultureInfo.InvariantCulture,
                    System.Globalization.DateTimeStyles.AdjustToUniversal | System.Globalization.DateTimeStyles.AssumeUniversal, out var d))
                return DateTime.SpecifyKind(d, DateTimeKind.Utc);
            throw Error(name, $"must be an ISO 8601 date, found '{TextPreview.Of(s)}'");
        }

        public JsonFields Object(string name) => OptObject(name) ?? throw Error(name, "is required (an object)");

        public JsonFields? OptObject(string name)
        {
            if (!_obj.TryGetPropertyValue(name, out var node) || node == null) return null;
            if (node is JsonObject o) return new JsonFields(o, _file, Path(name));
            throw Error(name, "must be an object");
        }

        public JsonArray Array(string name) => OptArray(name) ?? throw Error(name, "is required (an array)");

        public JsonArray? OptArray(string name)
        {
            if (!_obj.TryGetPropertyValue(name, out var node) || node == null) return null;
            if (node is JsonArray a) return a;
            throw Error(name, "must be an array");
        }

        public IEnumerable<KeyValuePair<string, JsonFields>> Objects()
        {
            foreach (var kv in _obj)
            {
                if (kv.Value is JsonObject o) yield return new KeyValuePair<string, JsonFields>(kv.Key, new JsonFields(o, _file, Path(kv.Key)));
                else throw Error(kv.Key, "must be an object");
            }
        }
    }
}
