using System;
using System.IO;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace ModelConfig.Server
{
    /// <summary>The wire format: snake_case names, enums as names, no server file paths.</summary>
    public static class ServerJson
    {
        public static JsonSerializerOptions Options { get; } = Configure(new JsonSerializerOptions());

        public static JsonSerializerOptions Configure(JsonSerializerOptions o)
        {
            o.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
            o.DictionaryKeyPolicy = null;
            o.NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals;
            o.Converters.Add(new JsonStringEnumConverter());
            // Where a library file lives on the server is none of a client's business.
            o.TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { HidePaths } };
            return o;
        }

        private static void HidePaths(JsonTypeInfo info)
        {
            for (int i = info.Properties.Count - 1; i >= 0; i--)
                if (info.Properties[i].Name == "source_path") info.Properties.RemoveAt(i);
        }

        /// <summary>
        /// Options that read a request body into <typeparamref name="T"/> strictly: an unknown field is a 400 naming it, and
        /// <paramref name="refused"/> (wire names of members the server fills itself or does not offer) count as unknown.
        /// </summary>
        public static JsonSerializerOptions StrictRequestOptions<T>(params string[] refused)
        {
            var o = new JsonSerializerOptions(Options);
            var resolver = new DefaultJsonTypeInfoResolver();
            resolver.Modifiers.Add(info =>
            {
                if (info.Type != typeof(T)) return;
                info.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
                for (int i = info.Properties.Count - 1; i >= 0; i--)
                    if (Array.IndexOf(refused, info.Properties[i].Name) >= 0) info.Properties.RemoveAt(i);
            });
            o.TypeInfoResolver = resolver;
            return o;
        }

        /// <summary>Reads a JSON body into <typeparamref name="T"/>; malformed JSON or a wrong type is a 400 naming the field.</summary>
        public static Task<T> ReadBodyAsync<T>(HttpRequest request) where T : class => ReadBodyAsync<T>(request, Options);

        public static async Task<T> ReadBodyAsync<T>(HttpRequest request, JsonSerializerOptions options) where T : class
        {
            if (request.ContentLength > ServerSettings.MaxRequestBodyBytes) throw ProblemCatalog.BodyTooLarge();
            T? value;
            try
            {
                value = await JsonSerializer.DeserializeAsync<T>(request.Body, options, request.HttpContext.RequestAborted);
            }
            catch (JsonException e)
            {
                var field = FieldOf(e.Path);
                throw ProblemCatalog.InvalidField(field, field == "body"
                    ? "The body is not a valid JSON object."
                    : $"'{field}' is not valid here: wrong type, malformed value or unknown field.");
            }
            catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
            {
                throw ProblemCatalog.BodyTooLarge();
            }
            return value ?? throw ProblemCatalog.InvalidField("body", "A JSON object body is required.");
        }

        /// <summary>"$.layers.attention.tensor_parallel" becomes "layers.attention.tensor_parallel".</summary>
        internal static string FieldOf(string? path)
        {
            if (string.IsNullOrEmpty(path) || path == "$") return "body";
            var p = path!.StartsWith("$.", StringComparison.Ordinal) ? path.Substring(2) : path.TrimStart('$');
            return p.Length == 0 ? "body" : p;
        }
    }
}
