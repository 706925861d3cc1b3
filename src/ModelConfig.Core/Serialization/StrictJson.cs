using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace ModelConfig.Core.Serialization
{
    /// <summary>
    /// What JsonNode accepts at parse time but throws on later, when a field is first touched: a key given twice
    /// (ArgumentException) and a string escape that is not valid UTF-16, such as a lone "\ud800" (InvalidOperationException).
    /// One forward pass finds either and names its path, so the file is rejected whole, with a reason, before any use.
    /// </summary>
    internal static class StrictJson
    {
        /// <summary>Null when the document is usable, else the path at fault and why.</summary>
        public static (string Path, string Problem)? FindProblem(string text)
        {
            var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(text), new JsonReaderOptions
            {
                CommentHandling = JsonCommentHandling.Skip,
                MaxDepth = ModelConfigJson.DocumentOptions.MaxDepth,
            });
            var path = new List<string>();
            var keys = new Stack<HashSet<string>?>();
            // a list used as a stack: Stack<int> is not in the framework's precompiled code and would be compiled at run time
            var index = new List<int>();
            string? pendingKey = null;
            try
            {
                while (reader.Read())
                {
                    switch (reader.TokenType)
                    {
                        case JsonTokenType.PropertyName:
                            var key = Decode(ref reader, path, "a key");
                            if (!keys.Peek()!.Add(key)) return (Join(path, key), "appears twice in one object (a key may appear once)");
                            pendingKey = key;
                            continue;
                        case JsonTokenType.StartObject:
                        case JsonTokenType.StartArray:
                            path.Add(Segment(pendingKey, index));
                            keys.Push(reader.TokenType == JsonTokenType.StartObject ? new HashSet<string>(StringComparer.Ordinal) : null);
                            index.Add(0);
                            break;
                        case JsonTokenType.EndObject:
                        case JsonTokenType.EndArray:
                            path.RemoveAt(path.Count - 1);
                            keys.Pop();
                            index.RemoveAt(index.Count - 1);
                            break;
                        case JsonTokenType.String:
                            path.Add(Segment(pendingKey, index));
                            Decode(ref reader, path, "a string");
                            path.RemoveAt(path.Count - 1);
                            break;
                        default:
                            path.Add(Segment(pendingKey, index));
                            path.RemoveAt(path.Count - 1);
                            break;
                    }
                    pendingKey = null;
                }
            }
            catch (BadString e)
            {
                return (e.Path, e.Message);
            }
            catch (JsonException)
            {
                return null;   // a syntax error: the parser that runs first reports it with its position
            }
            return null;
        }

        /// <summary>The path segment of the value starting now; advances the enclosing array's index.</summary>
        private static string Segment(string? key, List<int> index)
        {
            if (key != null) return key;
            if (index.Count == 0) return "";
            int i = index[index.Count - 1];
            index[index.Count - 1] = i + 1;
            return "[" + i.ToString(CultureInfo.InvariantCulture) + "]";
        }

        private static string Decode(ref Utf8JsonReader reader, List<string> path, string what)
        {
            try { return reader.GetString()!; }
            catch (InvalidOperationException)
            {
                throw new BadString(Join(path, null), $"holds {what} with an invalid UTF-16 escape (a lone surrogate such as \\ud800)");
            }
        }

        private static string Join(List<string> path, string? last)
        {
            var sb = new StringBuilder();
            foreach (var p in path) Append(sb, p);
            if (last != null) Append(sb, last);
            return sb.Length == 0 ? "(top level)" : sb.ToString();
        }

        private static void Append(StringBuilder sb, string segment)
        {
            if (segment.Length == 0) return;
            if (sb.Length > 0 && segment[0] != '[') sb.Append('.');
            sb.Append(TextPreview.Of(segment, 60));
        }

        private sealed class BadString : Exception
        {
            public BadString(string path, string message) : base(message) { Path = path; }
            public string Path { get; }
        }
    }
}
