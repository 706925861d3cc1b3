using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;

namespace ModelConfig.Core.Tests.Fuzz
{
    /// <summary>
    /// Seeded mutations of a JSON document, biased towards what breaks counting code: extreme and negative integers,
    /// wrong types, missing and null fields, and (on the text) duplicate keys and lone UTF-16 surrogates.
    /// </summary>
    internal sealed class JsonMutator
    {
        private static readonly JsonNode?[] Extremes =
        {
            0, -1, 1, 2, 3, 7, int.MaxValue, int.MinValue, long.MaxValue, long.MinValue, 1L << 62, 1L << 31, 65536, 1_000_000_007L,
            1.5, -0.0, 1e300, null, true, "", "x", "\\ud800", new JsonArray(), new JsonObject(), new JsonArray(1, 2, 3),
        };

        private readonly Random _random;

        public JsonMutator(int seed) { _random = new Random(seed); }

        /// <summary>One to four mutations of a copy of <paramref name="seed"/>, returned as text.</summary>
        public string Mutate(JsonObject seed)
        {
            var doc = (JsonObject)seed.DeepClone();
            int count = 1 + _random.Next(4);
            for (int i = 0; i < count; i++) MutateNode(doc);
            var text = doc.ToJsonString();
            switch (_random.Next(20))
            {
                case 0: return DuplicateFirstKey(text);
                case 1: return text.Replace("\"\\\\ud800\"", "\"\\ud800x\"");
                default: return text.Replace("\"\\\\ud800\"", "\"\\ud800\"");
            }
        }

        private void MutateNode(JsonObject root)
        {
            var (parent, key, index) = PickSlot(root);
            JsonNode? replacement;
            int choice = _random.Next(10);
            if (choice < 5) replacement = Extremes[_random.Next(Extremes.Length)]?.DeepClone();
            else if (choice < 7) replacement = _random.Next(-5, 1 << 20);
            else if (choice < 8 && parent is JsonObject po && key != null) { po.Remove(key); return; }
            else replacement = (parent is JsonObject o2 && key != null ? o2[key] : null) is JsonValue v && v.TryGetValue<long>(out var l)
                ? (JsonNode)(l * (_random.Next(2) == 0 ? 1024 : -1))
                : (JsonNode?)null;
            if (parent is JsonObject obj && key != null) obj[key] = replacement;
            else if (parent is JsonArray arr && index >= 0) arr[index] = replacement;
        }

        /// <summary>A random slot in the tree: a key of an object or an index of an array, at any depth.</summary>
        private (JsonNode Parent, string? Key, int Index) PickSlot(JsonObject root)
        {
            JsonNode current = root;
            while (true)
            {
                if (current is JsonObject o && o.Count > 0)
                {
                    var kv = o.ElementAt(_random.Next(o.Count));
                    if (kv.Value is JsonObject || kv.Value is JsonArray a && a.Count > 0)
                    {
                        if (_random.Next(3) > 0) { current = kv.Value!; continue; }
                    }
                    return (o, kv.Key, -1);
                }
                if (current is JsonArray arr && arr.Count > 0)
                {
                    int i = _random.Next(arr.Count);
                    if (arr[i] is JsonObject child && child.Count > 0 && _random.Next(2) == 0) { current = child; continue; }
                    return (arr, null, i);
                }
                return (current, null, -1);
            }
        }

        private static string DuplicateFirstKey(string text)
        {
            int colon = text.IndexOf(':');
            int comma = text.IndexOf(',', colon + 1);
            return colon < 0 || comma < 0 ? text : "{" + text.Substring(1, comma) + text.Substring(1);
        }
    }
}
