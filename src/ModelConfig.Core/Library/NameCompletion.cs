using System;
using System.Collections.Generic;
using System.Linq;

namespace ModelConfig.Core.Library
{
    /// <summary>
    /// Which library names tab completion offers for a typed word: names starting with it first, then names holding it
    /// anywhere (h100 offers nvidia_h100_sxm_80gb), both case-insensitive. A word with wildcards is a pattern with an
    /// implied trailing '*'. Library names are long and start with a vendor or family, so a prefix alone rarely helps.
    /// </summary>
    public static class NameCompletion
    {
        public static IReadOnlyList<T> Filter<T>(string? word, IEnumerable<T> items, Func<T, string> nameOf)
        {
            if (items == null) throw new ArgumentNullException(nameof(items));
            if (nameOf == null) throw new ArgumentNullException(nameof(nameOf));
            var typed = (word ?? "").Trim('\'', '"');
            var list = items.Where(i => !string.IsNullOrEmpty(nameOf(i))).ToList();
            if (typed.Length == 0) return list;
            if (WildcardMatcher.ContainsWildcard(typed))
            {
                var pattern = typed.EndsWith("*", StringComparison.Ordinal) ? typed : typed + "*";
                var matcher = WildcardMatcher.TryParse(pattern, out _);
                return matcher == null ? Array.Empty<T>() : list.Where(i => matcher.IsMatch(nameOf(i))).ToList();
            }
            var starts = list.Where(i => nameOf(i).StartsWith(typed, StringComparison.OrdinalIgnoreCase));
            var holds = list.Where(i => !nameOf(i).StartsWith(typed, StringComparison.OrdinalIgnoreCase)
                                        && nameOf(i).IndexOf(typed, StringComparison.OrdinalIgnoreCase) >= 0);
            return starts.Concat(holds).ToList();
        }

        public static IReadOnlyList<string> Filter(string? word, IEnumerable<string> names) => Filter(word, names, n => n);
    }
}
