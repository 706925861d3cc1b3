using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ModelConfig.Core.Building
{
    /// <summary>
    /// Reads a HuggingFace config object the way a transformers Config class does (value or the class default)
    /// and records every key it read, with the value it used, into <see cref="Facts"/>. The facts are a minimal
    /// config that rebuilds the same model: defaults the builder applied are written out explicitly.
    /// </summary>
    internal sealed class ConfigReader
    {
        private readonly JsonObject _src;
        private readonly string _prefix;

        public JsonObject Facts { get; }

        public ConfigReader(JsonObject source) : this(source, new JsonObject(), "") { }

        private ConfigReader(JsonObject source, JsonObject facts, string prefix)
        {
            _src = source;
            Facts = facts;
            _prefix = prefix;
        }

        public string PathOf(string key) => _prefix.Length == 0 ? key : _prefix + "." + key;

        public InvalidModelConfigException Invalid(string key, string message) => new InvalidModelConfigException(PathOf(key), message);

        /// <summary>The key is present with a non-null value (does not record anything).</summary>
        public bool Has(string key) => _src.TryGetPropertyValue(key, out var n) && n != null;

        private JsonNode? Raw(string key, out bool present)
        {
            present = _src.TryGetPropertyValue(key, out var n);
            return n;
        }

        private void Record(string key, JsonNode? value)
        {
            if (value != null && TryNumberText(value, out var text)
                && int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var small)) value = JsonValue.Create(small);
            Facts[key] = value?.DeepClone();
        }

        // ---- integers --------------------------------------------------------------------------------

        /// <summary>The number's JSON literal, whatever CLR type backs the node (parsed text or a value built in memory).</summary>
        private static bool TryNumberText(JsonNode node, out string text)
        {
            text = "";
            if (!(node is JsonValue v) || v.GetValueKind() != JsonValueKind.Number) return false;
            text = v.ToJsonString();
            return true;
        }

        private long? ParseLong(string key, JsonNode node)
        {
            if (TryNumberText(node, out var text))
            {
                if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l)) return l;
                if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)
                    && Math.Abs(d - Math.Round(d)) < 1e-9 && Math.Abs(d) < 9e15) return (long)Math.Round(d);
            }
            throw Invalid(key, $"must be an integer, found {Serialization.TextPreview.Of(node.ToJsonString())}");
        }

        /// <summary>
        /// Every integer the families read is a size, a count, an index or a flag: negative is never meaningful, and a
        /// value past <see cref="FieldLimits"/> cannot be laid out.
        /// </summary>
        private long InRange(string key, long v)
        {
            if (v < 0) throw Invalid(key, $"must not be negative, found {v}");
            long max = FieldLimits.MaxFor(key);
            if (v > max) throw Invalid(key, $"is {v:N0}, more than the {max:N0} the builder accepts (no real model comes near it)");
            return v;
        }

        private long ParseInRange(string key, JsonNode node) => InRange(key, ParseLong(key, node)!.Value);

        /// <summary>A required integer: missing or null throws.</summary>
        public long Long(string key)
        {
            var n = Raw(key, out _);
            if (n == null) throw Invalid(key, "is required by this architecture but is missing or null");
            var v = ParseInRange(key, n);
            Record(key, JsonValue.Create(v));
            return v;
        }

        public int Int(string key) => ToInt(key, Long(key));

        /// <summary>A required integer that must be positive.</summary>
        public int PosInt(string key)
        {
            var v = Int(key);
            if (v <= 0) throw Invalid(key, $"must be positive, found {v}");
            return v;
        }

        /// <summary>An integer with a fallback used when the key is missing or null (transformers' "x if x is not None else y").</summary>
        public long Long(string key, Func<long> fallback)
        {
            var n = Raw(key, out _);
            long v = n == null ? fallback() : ParseInRange(key, n);
            Record(key, JsonValue.Create(v));
            return v;
        }

        public long Long(string key, long fallback) => Long(key, () => fallback);
        public int Int(string key, int fallback) => ToInt(key, Long(key, () => fallback));
        public int Int(string key, Func<int> fallback) => ToInt(key, Long(key, () => fallback()));

        public int PosInt(string key, int fallback) => PosInt(key, () => fallback);

        public int PosInt(string key, Func<int> fallback)
        {
            var v = Int(key, fallback);
            if (v <= 0) throw Invalid(key, $"must be positive, found {v}");
            return v;
        }

        /// <summary>
        /// An integer whose Config class has one default for a missing key and another for an explicit null
        /// (e.g. num_key_value_heads: class default when absent, num_attention_heads when null).
        /// </summary>
        public int PosInt(string key, int whenMissing, int whenNull)
        {
            var n = Raw(key, out var present);
            int v = !present ? whenMissing : n == null ? whenNull : ToInt(key, ParseInRange(key, n));
            if (v <= 0) throw Invalid(key, $"must be positive, found {v}");
            Record(key, JsonValue.Create(v));
            return v;
        }

        /// <summary>An integer where null is meaningful (e.g. sliding_window: null = no window); a missing key takes <paramref name="whenMissing"/>.</summary>
        public int? NullableInt(string key, int? whenMissing)
        {
            var n = Raw(key, out var present);
            int? v = !present ? whenMissing : n == null ? (int?)null : ToInt(key, ParseInRange(key, n));
            if (v == 0 && FieldLimits.MustBePositiveWhenSet(key)) throw Invalid(key, "must be positive or null, found 0");
            Record(key, v.HasValue ? JsonValue.Create(v.Value) : null);
            return v;
        }

        private int ToInt(string key, long v)
        {
            if (v > int.MaxValue || v < int.MinValue) throw Invalid(key, $"is out of range: {v}");
            return (int)v;
        }

        // ---- other scalars ---------------------------------------------------------------------------

        public bool Bool(string key, bool fallback)
        {
            var n = Raw(key, out _);
            bool v;
            if (n == null) v = fallback;
            else if (n is JsonValue jv && (jv.GetValueKind() == JsonValueKind.True || jv.GetValueKind() == JsonValueKind.False)) v = jv.GetValue<bool>();
            else throw Invalid(key, $"must be true or false, found {Serialization.TextPreview.Of(n.ToJsonString())}");
            Record(key, JsonValue.Create(v));
            return v;
        }

        public double Double(string key, double fallback)
        {
            var n = Raw(key, out _);
            double v;
            if (n == null) v = fallback;
            else if (TryNumberText(n, out var text) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)) v = d;
            else throw Invalid(key, $"must be a number, found {Serialization.TextPreview.Of(n.ToJsonString())}");
            Record(key, n is JsonValue ? n : JsonValue.Create(v));
            return v;
        }

        public string? Str(string key, string? fallback)
        {
            var n = Raw(key, out _);
            string? v;
            if (n == null) v = fallback;
            else if (n is JsonValue jv && jv.GetValueKind() == JsonValueKind.String) v = jv.GetValue<string>();
            else throw Invalid(key, $"must be a string, found {Serialization.TextPreview.Of(n.ToJsonString())}");
            Record(key, v == null ? null : JsonValue.Create(v));
            return v;
        }

        /// <summary>A list of strings (e.g. architectures, layer_types); null when missing or null (recorded only when present).</summary>
        public List<string>? StrList(string key)
        {
            var n = Raw(key, out var present);
            if (n == null)
            {
                if (present) Record(key, null);
                return null;
            }
            if (!(n is JsonArray a)) throw Invalid(key, $"must be a list of strings, found {Serialization.TextPreview.Of(n.ToJsonString())}");
            var list = new List<string>(a.Count);
            for (int i = 0; i < a.Count; i++)
            {
                if (a[i] is JsonValue jv && jv.GetValueKind() == JsonValueKind.String) list.Add(jv.GetValue<string>());
                else throw Invalid(key + "[" + i.ToString(CultureInfo.InvariantCulture) + "]", "must be a string");
            }
            Record(key, n);
            return list;
        }

        /// <summary>A list of integers; <paramref name="fallback"/> when missing or null (recorded explicitly).</summary>
        public List<long> LongList(string key, IEnumerable<long> fallback)
        {
            var n = Raw(key, out _);
            var list = new List<long>();
            if (n == null) list.AddRange(fallback);
            else
            {
                if (!(n is JsonArray a)) throw Invalid(key, $"must be a list of integers, found {Serialization.TextPreview.Of(n.ToJsonString())}");
                for (int i = 0; i < a.Count; i++)
                {
                    if (a[i] == null) throw Invalid(key + "[" + i.ToString(CultureInfo.InvariantCulture) + "]", "must be an integer");
                    var item = key + "[" + i.ToString(CultureInfo.InvariantCulture) + "]";
                    list.Add(ParseLong(item, a[i]!)!.Value);
                }
            }
            var rec = new JsonArray();
            foreach (var x in list) rec.Add(x);
            Record(key, rec);
            return list;
        }

        /// <summary>
        /// A nested config object (text_config, vision_config). A missing or null key gives an empty object,
        /// so every field then takes its Config-class default; the facts keep the nesting.
        /// </summary>
        public ConfigReader Child(string key)
        {
            var n = Raw(key, out _);
            JsonObject obj;
            if (n == null) obj = new JsonObject();
            else obj = n as JsonObject ?? throw Invalid(key, $"must be an object, found {Serialization.TextPreview.Of(n.ToJsonString())}");
            var facts = new JsonObject();
            Facts[key] = facts;
            return new ConfigReader(obj, facts, PathOf(key));
        }
    }
}
