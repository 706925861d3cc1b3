using System.Text;
using System.Text.Json.Nodes;
using ModelConfig.Core.Serialization;

namespace ModelConfig.Core.Building
{
    /// <summary>
    /// Parses a HuggingFace config.json. Python's json module writes NaN, Infinity and -Infinity as bare tokens
    /// (e.g. Nemotron-H's "time_step_limit": [0.0, Infinity]), which strict JSON rejects; they become strings here.
    /// </summary>
    public static class HfConfigJson
    {
        public static JsonObject Parse(string text, string? file = null) => ModelConfigJson.ParseObject(QuotePythonConstants(text), file);

        internal static string QuotePythonConstants(string text)
        {
            if (text.IndexOf("NaN", System.StringComparison.Ordinal) < 0 && text.IndexOf("Infinity", System.StringComparison.Ordinal) < 0) return text;
            var sb = new StringBuilder(text.Length + 16);
            bool inString = false;
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (inString)
                {
                    sb.Append(c);
                    if (c == '\\' && i + 1 < text.Length) { sb.Append(text[++i]); }
                    else if (c == '"') inString = false;
                    continue;
                }
                if (c == '"') { inString = true; sb.Append(c); continue; }
                string? token = Match(text, i, "-Infinity") ?? Match(text, i, "Infinity") ?? Match(text, i, "NaN");
                if (token != null)
                {
                    sb.Append('"').Append(token).Append('"');
                    i += token.Length - 1;
                    continue;
                }
                sb.Append(c);
            }
            return sb.ToString();
        }

        private static string? Match(string text, int i, string token) =>
            string.CompareOrdinal(text, i, token, 0, token.Length) == 0 ? token : null;
    }
}
