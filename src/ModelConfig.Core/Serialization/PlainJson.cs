using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ModelConfig.Core.Serialization
{
    /// <summary>
    /// A JSON object as plain .NET values (strings, numbers, booleans, <see cref="PlainJsonArray"/>, nested
    /// <see cref="PlainJsonObject"/>): what a public property shows instead of a System.Text.Json node, whose
    /// Parent/Root/Options graph PowerShell's ConvertTo-Json would walk. ToString() is the compact JSON text, which is
    /// what Export-Csv writes.
    /// </summary>
    public sealed class PlainJsonObject : Dictionary<string, object?>
    {
        private readonly string _text;

        private PlainJsonObject(JsonObject source) : base(System.StringComparer.Ordinal)
        {
            _text = source.ToJsonString();
            foreach (var kv in source) this[kv.Key] = PlainJson.From(kv.Value);
        }

        internal static PlainJsonObject Of(JsonObject source) => new PlainJsonObject(source);

        public override string ToString() => _text;
    }

    /// <summary>A JSON array as plain .NET values; ToString() is its compact JSON text (see <see cref="PlainJsonObject"/>).</summary>
    public sealed class PlainJsonArray : List<object?>
    {
        private readonly string _text;

        internal PlainJsonArray(JsonArray source)
        {
            _text = source.ToJsonString();
            foreach (var item in source) Add(PlainJson.From(item));
        }

        public override string ToString() => _text;
    }

    internal static class PlainJson
    {
        public static object? From(JsonNode? node)
        {
            switch (node)
            {
                case null: return null;
                case JsonObject o: return PlainJsonObject.Of(o);
                case JsonArray a: return new PlainJsonArray(a);
            }
            // A value node may wrap a JsonElement or a CLR value (an int the builder set): its JSON text reads the same either way.
            using var doc = JsonDocument.Parse(node.ToJsonString());
            var element = doc.RootElement;
            switch (element.ValueKind)
            {
                case JsonValueKind.String: return element.GetString();
                case JsonValueKind.True: return true;
                case JsonValueKind.False: return false;
                case JsonValueKind.Number: return element.TryGetInt64(out var l) ? (object)l : element.GetDouble();
                default: return null;
            }
        }
    }
}
