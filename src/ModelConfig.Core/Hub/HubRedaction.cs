using System;
using System.Text.RegularExpressions;

namespace ModelConfig.Core.Hub
{
    /// <summary>
    /// Keeps secrets out of everything the module shows: URLs lose their user:password part, and any text taken from
    /// a response (headers, bodies, inner messages) loses the caller's token and anything shaped like a Hub token,
    /// since a server or proxy may echo a token we never sent it.
    /// </summary>
    public static class HubRedaction
    {
        private static readonly Regex TokenShape = new Regex(@"hf_[A-Za-z0-9]{8,}", RegexOptions.CultureInvariant);
        private static readonly Regex BearerValue = new Regex(@"(?i)(bearer\s+)\S+", RegexOptions.CultureInvariant);

        public static string Scrub(string text, string? token)
        {
            if (!string.IsNullOrEmpty(token)) text = text.Replace(token, "***");
            text = BearerValue.Replace(text, "$1***");
            return TokenShape.Replace(text, "hf_***");
        }

        /// <summary>An endpoint or URL as text, without user:password@ (also when it does not parse as a URL).</summary>
        public static string StripUserInfo(string text)
        {
            int scheme = text.IndexOf("://", StringComparison.Ordinal);
            int at = text.IndexOf('@');
            if (scheme < 0 || at < scheme) return text;
            int slash = text.IndexOf('/', scheme + 3);
            return slash >= 0 && slash < at ? text : text.Substring(0, scheme + 3) + text.Substring(at + 1);
        }

        public static string Safe(Uri url)
        {
            if (string.IsNullOrEmpty(url.UserInfo)) return url.AbsoluteUri;
            var b = new UriBuilder(url) { UserName = "", Password = "" };
            return b.Uri.AbsoluteUri;
        }
    }
}
