using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace ModelConfig.Core.Tests
{
    /// <summary>
    /// A deliberately small JSON Schema checker (no schema library is available offline). It implements only the
    /// keywords data/schemas/hardware.schema.json uses: type, required, properties, additionalProperties, items,
    /// enum, minimum, maximum, exclusiveMinimum, minLength, pattern, uniqueItems. Any other keyword in the schema
    /// makes it throw, so the schema cannot grow a rule this check silently ignores. Not a general validator:
    /// no $ref, combinators, formats or conditionals.
    /// </summary>
    internal static class MiniSchemaValidator
    {
        private static readonly HashSet<string> Annotations = new HashSet<string>(StringComparer.Ordinal)
        {
            "$schema", "$id", "$comment", "title", "description", "examples", "default",
        };

        private static readonly HashSet<string> Supported = new HashSet<string>(StringComparer.Ordinal)
        {
            "type", "required", "properties", "additionalProperties", "items", "enum", "minimum", "maximum",
            "exclusiveMinimum", "minLength", "pattern", "uniqueItems",
        };

        public static List<string> Validate(JsonElement schema, JsonElement instance)
        {
            var errors = new List<string>();
            Check(schema, instance, "$", errors);
            return errors;
        }

        private static void Check(JsonElement schema, JsonElement v, string path, List<string> errors)
        {
            if (schema.ValueKind == JsonValueKind.True) return;
            if (schema.ValueKind == JsonValueKind.False) { errors.Add($"{path}: not allowed"); return; }
            foreach (var kw in schema.EnumerateObject())
            {
                if (!Annotations.Contains(kw.Name) && !Supported.Contains(kw.Name))
                    throw new NotSupportedException($"schema keyword '{kw.Name}' at {path} is not implemented by MiniSchemaValidator");
            }

            if (schema.TryGetProperty("type", out var type))
            {
                var types = type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Select(t => t.GetString()!).ToList() : new List<string> { type.GetString()! };
                if (!types.Any(t => IsType(v, t))) { errors.Add($"{path}: must be {string.Join(" or ", types)}, found {v.ValueKind}"); return; }
            }
            if (schema.TryGetProperty("enum", out var en) && !en.EnumerateArray().Any(e => JsonElement.DeepEquals(e, v)))
                errors.Add($"{path}: {v.GetRawText()} is not one of {en.GetRawText()}");

            if (v.ValueKind == JsonValueKind.Number)
            {
                var d = v.GetDouble();
                if (schema.TryGetProperty("minimum", out var min) && d < min.GetDouble()) errors.Add($"{path}: {d} < minimum {min.GetDouble()}");
                if (schema.TryGetProperty("maximum", out var max) && d > max.GetDouble()) errors.Add($"{path}: {d} > maximum {max.GetDouble()}");
                if (schema.TryGetProperty("exclusiveMinimum", out var emin) && d <= emin.GetDouble()) errors.Add($"{path}: {d} <= exclusiveMinimum {emin.GetDouble()}");
            }
            if (v.ValueKind == JsonValueKind.String)
            {
                var s = v.GetString()!;
                if (schema.TryGetProperty("minLength", out var ml) && s.Length < ml.GetInt32()) errors.Add($"{path}: shorter than {ml.GetInt32()}");
                if (schema.TryGetProperty("pattern", out var pat) && !Regex.IsMatch(s, pat.GetString()!)) errors.Add($"{path}: '{s}' does not match {pat.GetString()}");
            }
            if (v.ValueKind == JsonValueKind.Array)
            {
                int i = 0;
                var seen = new List<JsonElement>();
                foreach (var item in v.EnumerateArray())
                {
                    if (schema.TryGetProperty("items", out var items)) Check(items, item, $"{path}[{i}]", errors);
                    if (schema.TryGetProperty("uniqueItems", out var u) && u.GetBoolean())
                    {
                        if (seen.Any(s => JsonElement.DeepEquals(s, item))) errors.Add($"{path}[{i}]: duplicate item");
                        seen.Add(item);
                    }
                    i++;
                }
            }
            if (v.ValueKind == JsonValueKind.Object)
            {
                if (schema.TryGetProperty("required", out var req))
                {
                    foreach (var r in req.EnumerateArray())
                        if (!v.TryGetProperty(r.GetString()!, out _)) errors.Add($"{path}: required property '{r.GetString()}' is missing");
                }
                schema.TryGetProperty("properties", out var props);
                foreach (var p in v.EnumerateObject())
                {
                    if (props.ValueKind == JsonValueKind.Object && props.TryGetProperty(p.Name, out var ps)) Check(ps, p.Value, $"{path}.{p.Name}", errors);
                    else if (schema.TryGetProperty("additionalProperties", out var ap)) Check(ap, p.Value, $"{path}.{p.Name}", errors);
                }
            }
        }

        private static bool IsType(JsonElement v, string t) => t switch
        {
            "object" => v.ValueKind == JsonValueKind.Object,
            "array" => v.ValueKind == JsonValueKind.Array,
            "string" => v.ValueKind == JsonValueKind.String,
            "boolean" => v.ValueKind == JsonValueKind.True || v.ValueKind == JsonValueKind.False,
            "null" => v.ValueKind == JsonValueKind.Null,
            "number" => v.ValueKind == JsonValueKind.Number,
            "integer" => v.ValueKind == JsonValueKind.Number && IsInteger(v),
            _ => throw new NotSupportedException($"type '{t}'"),
        };

        private static bool IsInteger(JsonElement v)
        {
            var raw = v.GetRawText();
            return long.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out _);
        }
    }
}
