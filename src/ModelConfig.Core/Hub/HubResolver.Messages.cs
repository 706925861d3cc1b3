using System;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using ModelConfig.Core.Serialization;

namespace ModelConfig.Core.Hub
{
    public sealed partial class HubResolver
    {
        // What reaches the user: JSON parsing of answers, scrubbed and truncated error texts.

        /// <summary>The JSON object in <paramref name="bytes"/>, or null with a reason.</summary>
        internal static JsonObject? ParseObject(byte[] bytes, out string? problem)
        {
            problem = null;
            JsonNode? node;
            try
            {
                // Skip a UTF-8 byte order mark, which JsonNode.Parse does not accept; Python's bare NaN/Infinity become strings.
                int start = bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0;
                var text = Building.HfConfigJson.QuotePythonConstants(System.Text.Encoding.UTF8.GetString(bytes, start, bytes.Length - start));
                node = JsonNode.Parse(text, documentOptions: JsonOptions);
                if (StrictJson.FindProblem(text) is (string Path, string Problem) bad)
                {
                    problem = $"not usable JSON: '{bad.Path}' {bad.Problem}";
                    return null;
                }
            }
            catch (JsonException e)
            {
                problem = $"not valid JSON ({e.Message}); starts with: {Snippet(bytes)}";
                return null;
            }
            catch (ArgumentException e)
            {
                problem = $"not usable JSON ({e.Message})";
                return null;
            }
            if (node is JsonObject obj) return obj;
            problem = $"expected a JSON object, found {(node == null ? "null" : node.GetValueKind().ToString().ToLowerInvariant())}";
            return null;
        }

        private HubException Fail(HubErrorKind kind, string message, string? repoId, string? revision, Uri? url = null,
            int? status = null, string? errorCode = null, TimeSpan? retryAfter = null, Exception? inner = null)
        {
            // Belt and braces: nothing we compose contains the token, but an inner message or a header might.
            return new HubException(kind, Scrub(message), repoId, revision, url == null ? null : Safe(url), status,
                errorCode == null ? null : Truncate(Scrub(errorCode), 100), retryAfter, inner);
        }

        private string Scrub(string text) => HubRedaction.Scrub(text, _options.Token);

        private static bool SameOrigin(Uri a, Uri b) =>
            string.Equals(a.Scheme, b.Scheme, StringComparison.OrdinalIgnoreCase)
            && string.Equals(a.IdnHost, b.IdnHost, StringComparison.OrdinalIgnoreCase)
            && a.Port == b.Port;

        private static string Safe(Uri url) => HubRedaction.Safe(url);

        private static string? Header(HttpResponseMessage response, string name)
        {
            if (response.Headers.TryGetValues(name, out var values)) return string.Join(", ", values);
            if (response.Content != null && response.Content.Headers.TryGetValues(name, out values)) return string.Join(", ", values);
            return null;
        }

        private static async Task<string> SafeBodyAsync(HttpResponseMessage response)
        {
            try
            {
                if (response.Content == null) return "";
                var bytes = await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
                return Encoding.UTF8.GetString(bytes, 0, Math.Min(bytes.Length, 4096));
            }
            catch (Exception) { return ""; }
        }

        private static string? ErrorFromBody(string body)
        {
            try
            {
                using (var doc = JsonDocument.Parse(body))
                    if (doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("error", out var e) && e.ValueKind == JsonValueKind.String)
                        return e.GetString();
            }
            catch (JsonException) { }
            return null;
        }

        /// <summary>HttpClient reports a body over MaxResponseContentBufferSize only in its message, which names the limit.</summary>
        private bool IsOversized(HttpRequestException e) =>
            Describe(e).Contains(_options.MaxResponseBytes.ToString(System.Globalization.CultureInfo.InvariantCulture));

        /// <summary>The response cap as people say it: 16 MiB, 64 KiB, 512 bytes.</summary>
        internal static string Size(long bytes)
        {
            var c = System.Globalization.CultureInfo.InvariantCulture;
            if (bytes >= 1024 * 1024) return (bytes / (1024 * 1024.0)).ToString("0.#", c) + " MiB";
            if (bytes >= 1024) return (bytes / 1024.0).ToString("0.#", c) + " KiB";
            return bytes.ToString(c) + " bytes";
        }

        private static string Describe(Exception e)
        {
            var parts = new List<string>();
            for (var x = e; x != null; x = x.InnerException)
                if (!parts.Contains(x.Message)) parts.Add(x.Message);
            return string.Join(" ", parts);
        }

        private static string Snippet(byte[] bytes) => Truncate(Encoding.UTF8.GetString(bytes, 0, Math.Min(bytes.Length, 200)), 80);

        private static string Truncate(string s, int max)
        {
            s = s.Replace("\r", " ").Replace("\n", " ").Trim();
            return s.Length <= max ? s : s.Substring(0, max) + "...";
        }
    }
}
