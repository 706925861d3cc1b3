using System;
using System.IO;
using System.Text;

namespace ModelConfig.Core.Models
{
    /// <summary>Ids of library entries (models and hardware) double as file names, so they must never point outside a library folder.</summary>
    public static class ModelIds
    {
        public static bool IsValid(string? id, out string reason)
        {
            reason = "";
            if (string.IsNullOrWhiteSpace(id)) { reason = "must not be empty"; return false; }
            if (id!.Length > 128) { reason = $"'{Shown(id)}' is longer than 128 characters"; return false; }
            if (id == "." || id.Contains("..")) { reason = $"'{Shown(id)}' must not contain '..'"; return false; }
            if (Path.IsPathRooted(id) || id.IndexOf('/') >= 0 || id.IndexOf('\\') >= 0 || id.IndexOf(':') >= 0)
            {
                reason = $"'{Shown(id)}' must not contain a path separator, a drive or a root";
                return false;
            }
            foreach (char c in id)
            {
                if (!(char.IsLetterOrDigit(c) && c < 128) && c != '_' && c != '-' && c != '.')
                {
                    reason = $"'{Shown(id)}' may contain only letters, digits, '_', '-' and '.' (found '{c}')";
                    return false;
                }
            }
            return true;
        }

        private static string Shown(string id) => Serialization.TextPreview.Of(id, 60);

        public static void Check(string? id)
        {
            if (!IsValid(id, out var reason)) throw new ArgumentException("Invalid model id: " + reason, nameof(id));
        }

        /// <summary>
        /// The default id for a model name: lowercase, the organisation dropped, dashes to underscores
        /// (meta-llama/Llama-3.1-8B becomes llama_3.1_8b), as the original library named its files.
        /// </summary>
        public static string FromName(string name)
        {
            var n = name;
            int slash = n.LastIndexOf('/');
            if (slash >= 0) n = n.Substring(slash + 1);
            var sb = new StringBuilder(n.Length);
            foreach (char c in n.ToLowerInvariant())
            {
                if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.') sb.Append(c);
                else if (sb.Length > 0 && sb[sb.Length - 1] != '_') sb.Append('_');
            }
            var id = sb.ToString().Trim('_', '.');
            while (id.Contains("..")) id = id.Replace("..", ".");
            return id.Length == 0 ? "model" : id;
        }
    }
}
