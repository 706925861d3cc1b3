using System;
using System.Text;
using System.Text.RegularExpressions;

namespace ModelConfig.Core.Library
{
    /// <summary>A pattern that is not a valid wildcard (e.g. an unclosed '['); it concerns one value only, never the whole call.</summary>
    public sealed class InvalidWildcardException : ArgumentException
    {
        public InvalidWildcardException(string pattern, string reason)
            : base($"'{Serialization.TextPreview.Of(pattern)}' is not a valid wildcard pattern: {reason}.")
        {
            Pattern = pattern;
            Reason = reason;
        }

        public string Pattern { get; }
        public string Reason { get; }
    }

    /// <summary>
    /// PowerShell's wildcard language without a PowerShell dependency, so the core and every cmdlet match alike:
    /// '*' any run, '?' one character, '[abc]' and '[a-z]' one of a set, '`' makes the next character literal;
    /// always case-insensitive and matched against the whole value.
    /// </summary>
    public sealed class WildcardMatcher
    {
        private const char Escape = '`';
        private readonly Regex? _regex;
        private readonly string? _literal;

        private WildcardMatcher(string pattern, Regex? regex, string? literal)
        {
            Pattern = pattern;
            _regex = regex;
            _literal = literal;
        }

        public string Pattern { get; }

        /// <summary>True when the pattern can match more than one value: an unescaped '*', '?' or '['.</summary>
        public bool IsWildcard => _regex != null;

        /// <exception cref="InvalidWildcardException">The pattern has an unclosed or empty bracket, a reversed range or a trailing escape.</exception>
        public static WildcardMatcher Parse(string pattern)
        {
            if (pattern == null) throw new ArgumentNullException(nameof(pattern));
            if (!ContainsWildcard(pattern)) return new WildcardMatcher(pattern, null, Unescape(pattern));
            return new WildcardMatcher(pattern, new Regex(ToRegex(pattern), RegexOptions.IgnoreCase | RegexOptions.CultureInvariant), null);
        }

        /// <summary>Parses, or returns null and the reason, for callers that report a bad pattern as one error.</summary>
        public static WildcardMatcher? TryParse(string pattern, out InvalidWildcardException? error)
        {
            try
            {
                error = null;
                return Parse(pattern);
            }
            catch (InvalidWildcardException e)
            {
                error = e;
                return null;
            }
        }

        public static bool ContainsWildcard(string? pattern)
        {
            if (pattern == null) return false;
            for (int i = 0; i < pattern.Length; i++)
            {
                char c = pattern[i];
                if (c == Escape) i++;
                else if (c == '*' || c == '?' || c == '[') return true;
            }
            return false;
        }

        public bool IsMatch(string? value)
        {
            if (value == null) return false;
            return _regex != null ? _regex.IsMatch(value) : string.Equals(value, _literal, StringComparison.OrdinalIgnoreCase);
        }

        private static string Unescape(string pattern)
        {
            if (pattern.IndexOf(Escape) < 0) return pattern;
            var sb = new StringBuilder(pattern.Length);
            for (int i = 0; i < pattern.Length; i++)
            {
                if (pattern[i] == Escape && i + 1 < pattern.Length) i++;
                sb.Append(pattern[i]);
            }
            return sb.ToString();
        }

        private static string ToRegex(string pattern)
        {
            var sb = new StringBuilder("^");
            for (int i = 0; i < pattern.Length; i++)
            {
                char c = pattern[i];
                switch (c)
                {
                    case '*': sb.Append(".*"); break;
                    case '?': sb.Append('.'); break;
                    case '[': i = AppendSet(pattern, i, sb); break;
                    case Escape:
                        if (++i == pattern.Length) throw new InvalidWildcardException(pattern, "it ends with the escape character '`'");
                        sb.Append(Regex.Escape(pattern[i].ToString()));
                        break;
                    default: sb.Append(Regex.Escape(c.ToString())); break;
                }
            }
            return sb.Append('$').ToString();
        }

        /// <summary>Appends the set opened at <paramref name="open"/> and returns the index of its ']'.</summary>
        private static int AppendSet(string pattern, int open, StringBuilder sb)
        {
            var set = new StringBuilder();
            int i = open + 1;
            for (; i < pattern.Length && pattern[i] != ']'; i++)
            {
                char c = pattern[i];
                if (c == Escape)
                {
                    if (++i == pattern.Length) break;
                    c = pattern[i];
                }
                bool isRange = i + 2 < pattern.Length && pattern[i + 1] == '-' && pattern[i + 2] != ']';
                if (!isRange)
                {
                    set.Append(EscapeInSet(c));
                    continue;
                }
                char end = pattern[i + 2];
                if (end == Escape && i + 3 < pattern.Length) { end = pattern[i + 3]; i++; }
                if (end < c) throw new InvalidWildcardException(pattern, $"the range '{c}-{end}' is reversed");
                set.Append(EscapeInSet(c)).Append('-').Append(EscapeInSet(end));
                i += 2;
            }
            if (i >= pattern.Length) throw new InvalidWildcardException(pattern, "a '[' is not closed by ']' (write '`[' for a literal bracket)");
            if (set.Length == 0) throw new InvalidWildcardException(pattern, "'[]' matches no character");
            sb.Append('[').Append(set).Append(']');
            return i;
        }

        private static string EscapeInSet(char c) =>
            c == '\\' || c == ']' || c == '[' || c == '^' || c == '-' ? "\\" + c : c.ToString();
    }
}
