using System;
using System.Collections.Generic;
using System.Linq;

namespace ModelConfig.Core.Library
{
    /// <summary>
    /// "Did you mean ...?" for not-found messages: the library names closest to what was typed. In order of preference,
    /// a name is close when it equals the input once case and separators are ignored (llama-3.3-70B), is a few edits
    /// away (llama_3.3_7b), holds the input (h100), or holds all its words (h100 80gb). Only names of the best kind
    /// are offered, and for a typo only the fewest edits; at most <see cref="DefaultMax"/>.
    /// </summary>
    public static class NameSuggestions
    {
        public const int DefaultMax = 3;

        // Longer input is no typo of a library name (ids are at most 128 characters), and the edit distance is quadratic.
        private const int MaxInputLength = 200;

        public static IReadOnlyList<string> Closest(string? input, IEnumerable<string> candidates, int max = DefaultMax)
        {
            if (candidates == null) throw new ArgumentNullException(nameof(candidates));
            var typed = Squash(input);
            if (typed.Length == 0 || input!.Length > MaxInputLength || max <= 0) return Array.Empty<string>();
            var words = Words(input);
            var scored = new List<(string Name, int Rank, int Distance)>();
            foreach (var name in candidates.Where(c => !string.IsNullOrEmpty(c)).Distinct(StringComparer.OrdinalIgnoreCase))
            {
                var squashed = Squash(name);
                if (squashed.Length == 0) continue;
                int distance = Distance(typed, squashed);
                int rank;
                if (distance == 0) rank = 0;
                else if (distance <= Allowed(typed.Length)) rank = 1;
                // "h1" or "a" would hold half the library; a fragment must say something.
                else if (typed.Length >= 3 && squashed.Contains(typed)) rank = 2;
                else if (words.Count > 1 && words.All(w => squashed.Contains(w))) rank = 3;
                else continue;
                scored.Add((name, rank, distance));
            }
            if (scored.Count == 0) return Array.Empty<string>();
            // Only the best kind of match: a typo's correction is not diluted by names that merely share a word with it.
            int best = scored.Min(s => s.Rank);
            var tier = scored.Where(s => s.Rank == best).ToList();
            if (best <= 1)
            {
                int nearest = tier.Min(s => s.Distance);
                tier = tier.Where(s => s.Distance == nearest).ToList();
            }
            return tier.OrderBy(s => s.Distance).ThenBy(s => s.Name.Length)
                .ThenBy(s => s.Name, StringComparer.OrdinalIgnoreCase)
                .Take(max).Select(s => s.Name).ToList();
        }

        /// <summary>" Did you mean a?" / " Did you mean a, b or c?", or "" when there is nothing to suggest; for appending to a sentence.</summary>
        public static string DidYouMean(IReadOnlyList<string> suggestions)
        {
            if (suggestions == null || suggestions.Count == 0) return "";
            var list = suggestions.Count == 1
                ? suggestions[0]
                : string.Join(", ", suggestions.Take(suggestions.Count - 1)) + " or " + suggestions[suggestions.Count - 1];
            return $" Did you mean {list}?";
        }

        /// <summary>Edits allowed for a typo: one in a short name, up to three in a long one.</summary>
        private static int Allowed(int length) => Math.Max(1, Math.Min(3, length / 4));

        /// <summary>Lower case without the separators people mix up ('-', '_', '.', ' ', '/'): llama-3.3-70B and llama_3.3_70b are one name.</summary>
        internal static string Squash(string? s)
        {
            if (string.IsNullOrEmpty(s)) return "";
            var chars = new char[s!.Length];
            int n = 0;
            foreach (char c in s)
                if (c != '-' && c != '_' && c != '.' && c != ' ' && c != '/') chars[n++] = char.ToLowerInvariant(c);
            return new string(chars, 0, n);
        }

        private static List<string> Words(string s) =>
            s.Split(new[] { '-', '_', '.', ' ', '/' }, StringSplitOptions.RemoveEmptyEntries)
                .Select(w => w.ToLowerInvariant()).Where(w => w.Length >= 2).Distinct().ToList();

        /// <summary>Optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours.</summary>
        internal static int Distance(string a, string b)
        {
            if (a.Length == 0) return b.Length;
            if (b.Length == 0) return a.Length;
            var prev2 = new int[b.Length + 1];
            var prev = new int[b.Length + 1];
            var cur = new int[b.Length + 1];
            for (int j = 0; j <= b.Length; j++) prev[j] = j;
            for (int i = 1; i <= a.Length; i++)
            {
                cur[0] = i;
                for (int j = 1; j <= b.Length; j++)
                {
                    int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                    int d = Math.Min(Math.Min(prev[j] + 1, cur[j - 1] + 1), prev[j - 1] + cost);
                    if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) d = Math.Min(d, prev2[j - 2] + 1);
                    cur[j] = d;
                }
                var t = prev2; prev2 = prev; prev = cur; cur = t;
            }
            return prev[b.Length];
        }
    }
}
