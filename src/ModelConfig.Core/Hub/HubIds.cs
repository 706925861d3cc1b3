using System;

namespace ModelConfig.Core.Hub
{
    /// <summary>Validation of HuggingFace repo ids and revisions before they become URL parts and cache paths.</summary>
    public static class HubIds
    {
        public const string DefaultRevision = "main";
        private const int MaxPartLength = 96;

        /// <summary>
        /// org/name: exactly one '/', each part 1-96 characters of ASCII letters, digits, '-', '_' and '.',
        /// no '..' or '--' (huggingface_hub refuses both; '--' would also make the cache folder ambiguous),
        /// and no part starting or ending with '-' or '.'.
        /// </summary>
        // A 5,000-character id must not come back in full in the message that rejects it.
        private static string Shown(string s) => Serialization.TextPreview.Of(s);

        public static bool IsValidRepoId(string? repoId, out string reason)
        {
            reason = "";
            if (string.IsNullOrWhiteSpace(repoId)) { reason = "the repo id is empty"; return false; }
            var id = repoId!;
            var parts = id.Split('/');
            if (parts.Length != 2)
            {
                reason = parts.Length == 1
                    ? $"'{Shown(id)}' has no organisation; use the full id org/name (e.g. openai-community/gpt2)"
                    : $"'{Shown(id)}' must contain exactly one '/' (org/name)";
                return false;
            }
            if (id.Contains("..")) { reason = $"'{Shown(id)}' must not contain '..'"; return false; }
            if (id.Contains("--")) { reason = $"'{Shown(id)}' must not contain '--'"; return false; }
            foreach (var part in parts)
            {
                if (part.Length == 0) { reason = $"'{Shown(id)}' has an empty organisation or name"; return false; }
                if (part.Length > MaxPartLength) { reason = $"'{Shown(id)}': '{Shown(part)}' is longer than {MaxPartLength} characters"; return false; }
                foreach (char c in part)
                {
                    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
                    if (!ok) { reason = $"'{Shown(id)}' may contain only letters, digits, '-', '_', '.' and one '/' (found '{c}')"; return false; }
                }
                if (part[0] == '-' || part[0] == '.' || part[part.Length - 1] == '-' || part[part.Length - 1] == '.')
                {
                    reason = $"'{Shown(id)}': '{Shown(part)}' must not start or end with '-' or '.'";
                    return false;
                }
            }
            return true;
        }

        /// <summary>
        /// A branch, tag, 'refs/pr/N' or a commit sha. It becomes a path under refs/ in the cache, so it may not
        /// be absolute, contain empty, '.' or '..' segments, backslashes, whitespace, control characters or
        /// characters Windows forbids in file names.
        /// </summary>
        public static bool IsValidRevision(string? revision, out string reason)
        {
            reason = "";
            if (string.IsNullOrWhiteSpace(revision)) { reason = "the revision is empty"; return false; }
            var rev = revision!;
            if (rev.Length > 255) { reason = $"revision '{Shown(rev)}' is longer than 255 characters"; return false; }
            foreach (char c in rev)
            {
                if (c < 0x21 || c == 0x7f || c == '\\' || c == ':' || c == '*' || c == '?' || c == '"' || c == '<' || c == '>' || c == '|')
                {
                    reason = $"revision '{Shown(rev)}' contains a character not allowed in a revision ('{(c < 0x21 ? "\\u" + ((int)c).ToString("x4") : c.ToString())}')";
                    return false;
                }
            }
            foreach (var seg in rev.Split('/'))
            {
                if (seg.Length == 0 || seg == "." || seg == "..")
                {
                    reason = $"revision '{Shown(rev)}' must not start or end with '/', or contain '//', '.' or '..' segments";
                    return false;
                }
            }
            return true;
        }

        /// <summary>True for a full 40-character hexadecimal commit sha (either case).</summary>
        public static bool IsCommitSha(string? s)
        {
            if (s == null || s.Length != 40) return false;
            foreach (char c in s)
                if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) return false;
            return true;
        }

        /// <summary>The cache folder name huggingface_hub uses for a model repo: models--org--name.</summary>
        public static string CacheFolderName(string repoId) => "models--" + repoId.Replace("/", "--");

        /// <summary>The repo id from a cache folder name models--org--name, or null.</summary>
        public static string? RepoIdFromCacheFolderName(string folderName)
        {
            const string prefix = "models--";
            if (!folderName.StartsWith(prefix, StringComparison.Ordinal)) return null;
            var parts = folderName.Substring(prefix.Length).Split(new[] { "--" }, StringSplitOptions.None);
            if (parts.Length != 2) return null;
            var id = parts[0] + "/" + parts[1];
            return IsValidRepoId(id, out _) ? id : null;
        }
    }
}
