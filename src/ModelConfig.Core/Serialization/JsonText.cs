using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ModelConfig.Core.Serialization
{
    /// <summary>
    /// Writes the library's JSON files: objects indented one field a line, but arrays of plain values
    /// (a block name per layer, layer_types) packed into lines of about 120 characters, so an 80-layer
    /// model stays a page long and a diff still shows which layer changed.
    /// </summary>
    public static class JsonText
    {
        private const int LineWidth = 120;

        private static readonly JsonSerializerOptions ScalarOptions = new JsonSerializerOptions
        {
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };

        public static string Format(JsonNode node)
        {
            var sb = new StringBuilder();
            Write(sb, node, 0);
            sb.Append('\n');
            return sb.ToString();
        }

        private static void Write(StringBuilder sb, JsonNode? node, int indent)
        {
            switch (node)
            {
                case JsonObject obj:
                    if (obj.Count == 0) { sb.Append("{}"); return; }
                    sb.Append("{\n");
                    int i = 0;
                    foreach (var kv in obj)
                    {
                        sb.Append(' ', indent + 2).Append(Scalar(JsonValue.Create(kv.Key))).Append(": ");
                        Write(sb, kv.Value, indent + 2);
                        sb.Append(++i < obj.Count ? ",\n" : "\n");
                    }
                    sb.Append(' ', indent).Append('}');
                    return;
                case JsonArray arr:
                    if (arr.Count == 0) { sb.Append("[]"); return; }
                    if (arr.All(n => !(n is JsonObject) && !(n is JsonArray))) { WritePacked(sb, arr, indent); return; }
                    sb.Append("[\n");
                    for (int j = 0; j < arr.Count; j++)
                    {
                        sb.Append(' ', indent + 2);
                        Write(sb, arr[j], indent + 2);
                        sb.Append(j + 1 < arr.Count ? ",\n" : "\n");
                    }
                    sb.Append(' ', indent).Append(']');
                    return;
                default:
                    sb.Append(Scalar(node));
                    return;
            }
        }

        private static void WritePacked(StringBuilder sb, JsonArray arr, int indent)
        {
            var items = arr.Select(Scalar).ToList();
            int oneLine = items.Sum(s => s.Length + 2) + indent + 4;
            if (oneLine <= LineWidth)
            {
                sb.Append('[').Append(string.Join(", ", items)).Append(']');
                return;
            }
            sb.Append("[\n");
            int column = 0;
            for (int j = 0; j < items.Count; j++)
            {
                var piece = items[j] + (j + 1 < items.Count ? "," : "");
                if (column == 0) { sb.Append(' ', indent + 2); column = indent + 2; }
                else if (column + 1 + piece.Length > LineWidth) { sb.Append('\n').Append(' ', indent + 2); column = indent + 2; }
                else { sb.Append(' '); column++; }
                sb.Append(piece);
                column += piece.Length;
            }
            sb.Append('\n').Append(' ', indent).Append(']');
        }

        private static string Scalar(JsonNode? node) => node == null ? "null" : node.ToJsonString(ScalarOptions);
    }
}
