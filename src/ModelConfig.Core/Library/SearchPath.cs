using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace ModelConfig.Core.Library
{
    /// <summary>
    /// The one precedence rule of every data-folder library, highest first: the -Path folders, then the folders of the
    /// kind's environment variable left to right (as in PATH), then the bundled folder. The first folder holding an id wins.
    /// </summary>
    public static class SearchPath
    {
        /// <summary>Folder paths compare like the file system does: case-insensitively only on Windows.</summary>
        public static StringComparer PathComparer { get; } =
            Path.DirectorySeparatorChar == '\\' ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;

        /// <summary>The folders in precedence order, each once (the first occurrence keeps its place).</summary>
        public static IReadOnlyList<string> Build(IEnumerable<string>? explicitFolders, string? environmentValue, string? bundledFolder)
        {
            var all = (explicitFolders ?? Enumerable.Empty<string>()).Concat(Split(environmentValue));
            if (!string.IsNullOrWhiteSpace(bundledFolder)) all = all.Append(bundledFolder!);
            return Distinct(all);
        }

        /// <summary>Splits a PATH-style value on <see cref="Path.PathSeparator"/>; empty entries are ignored, repeats removed.</summary>
        public static IReadOnlyList<string> Split(string? value) =>
            string.IsNullOrWhiteSpace(value) ? Array.Empty<string>() : Distinct(value!.Split(Path.PathSeparator));

        private static IReadOnlyList<string> Distinct(IEnumerable<string> folders)
        {
            var seen = new HashSet<string>(PathComparer);
            var list = new List<string>();
            foreach (var raw in folders)
            {
                var folder = raw?.Trim();
                if (string.IsNullOrEmpty(folder)) continue;
                if (seen.Add(FullPathOrSelf(folder!))) list.Add(folder!);
            }
            return list;
        }

        internal static string FullPathOrSelf(string folder)
        {
            try { return Path.GetFullPath(folder).TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar); }
            catch (Exception e) when (e is ArgumentException || e is NotSupportedException || e is PathTooLongException) { return folder; }
        }
    }
}
