using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace ModelConfig.Core.Hub
{
    /// <summary>
    /// Everything the resolver would otherwise read from the environment. The cmdlet fills it with
    /// <see cref="FromEnvironment"/> (and -Token); tests set the properties directly.
    /// </summary>
    public sealed class HubOptions
    {
        public const string DefaultEndpoint = "https://huggingface.co";

        /// <summary>Hub base URL (HF_ENDPOINT), without a trailing slash.</summary>
        public string Endpoint { get; set; } = DefaultEndpoint;

        /// <summary>Access token sent as "Authorization: Bearer ..."; null or empty sends none. Never appears in messages.</summary>
        public string? Token { get; set; }

        /// <summary>The hub cache folder holding models--org--name folders (HF_HUB_CACHE, HF_HOME/hub); null disables the cache.</summary>
        public string? CacheDir { get; set; }

        /// <summary>Use only the cache, never the network (HF_HUB_OFFLINE).</summary>
        public bool Offline { get; set; }

        /// <summary>
        /// Keep a download in memory instead of writing it into the cache; <see cref="HubResolver.CompleteCacheWrite"/>
        /// writes it later. The cmdlet resolves this way so that -WhatIf, or a declined -Confirm, changes nothing.
        /// </summary>
        public bool DeferCacheWrite { get; set; }

        /// <summary>Time limit for each HTTP request, body included.</summary>
        public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

        /// <summary>How many times a 429 (or 502/503/504) answer is retried before giving up.</summary>
        public int MaxRetries { get; set; } = 3;

        /// <summary>The longest single wait between retries; a longer Retry-After is cut to this.</summary>
        public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(10);

        /// <summary>How the resolver waits between retries (tests inject a recorder that does not sleep).</summary>
        public Func<TimeSpan, CancellationToken, Task> Delay { get; set; } = (t, ct) => Task.Delay(t, ct);

        /// <summary>Clock used to turn an HTTP-date Retry-After into a wait.</summary>
        public Func<DateTimeOffset> UtcNow { get; set; } = () => DateTimeOffset.UtcNow;

        /// <summary>User-Agent header; defaults to ModelConfig/&lt;assembly version&gt;.</summary>
        public string UserAgent { get; set; } = DefaultUserAgent();

        /// <summary>Largest accepted response body (config.json files are a few kB).</summary>
        public long MaxResponseBytes { get; set; } = 16 * 1024 * 1024;

        public HubOptions Clone() => (HubOptions)MemberwiseClone();

        /// <summary>The endpoint without user:password@, for messages.</summary>
        public string SafeEndpoint => HubRedaction.StripUserInfo(Endpoint ?? "");

        public override string ToString() =>
            $"Endpoint={SafeEndpoint}, CacheDir={CacheDir ?? "(none)"}, Offline={Offline}, Token={(string.IsNullOrEmpty(Token) ? "(none)" : "(set)")}";

        /// <summary>
        /// Options as huggingface_hub would derive them from environment variables:
        /// HF_ENDPOINT; HF_TOKEN (else HUGGING_FACE_HUB_TOKEN, else the token file at HF_TOKEN_PATH or HF_HOME/token
        /// when <paramref name="readTokenFile"/>); HF_HUB_CACHE (else HUGGINGFACE_HUB_CACHE, else HF_HOME/hub,
        /// HF_HOME defaulting to $XDG_CACHE_HOME/huggingface or ~/.cache/huggingface);
        /// HF_HUB_OFFLINE (else TRANSFORMERS_OFFLINE) being 1/true/yes/on.
        /// </summary>
        /// <param name="getEnv">Environment lookup, e.g. Environment.GetEnvironmentVariable.</param>
        /// <param name="userHome">The user's home folder, used for '~' and the default cache.</param>
        /// <param name="readTokenFile">Also read the token saved by `huggingface-cli login` / `hf auth login`.</param>
        public static HubOptions FromEnvironment(Func<string, string?> getEnv, string userHome, bool readTokenFile = true)
        {
            if (getEnv == null) throw new ArgumentNullException(nameof(getEnv));
            string? Env(string name) { var v = getEnv(name); return string.IsNullOrWhiteSpace(v) ? null : v!.Trim(); }
            string Expand(string p) =>
                p == "~" ? userHome
                : (p.StartsWith("~/", StringComparison.Ordinal) || p.StartsWith("~\\", StringComparison.Ordinal)) ? Path.Combine(userHome, p.Substring(2))
                : p;

            var o = new HubOptions();
            var endpoint = Env("HF_ENDPOINT");
            if (endpoint != null) o.Endpoint = endpoint.TrimEnd('/');

            var hfHome = Expand(Env("HF_HOME")
                ?? Path.Combine(Env("XDG_CACHE_HOME") is string xdg ? Expand(xdg) : Path.Combine(userHome, ".cache"), "huggingface"));
            var cache = Env("HF_HUB_CACHE") ?? Env("HUGGINGFACE_HUB_CACHE");
            o.CacheDir = cache != null ? Expand(cache) : Path.Combine(hfHome, "hub");

            o.Offline = IsTrue(Env("HF_HUB_OFFLINE") ?? Env("TRANSFORMERS_OFFLINE"));

            o.Token = Env("HF_TOKEN") ?? Env("HUGGING_FACE_HUB_TOKEN");
            if (o.Token == null && readTokenFile)
            {
                var tokenPath = Env("HF_TOKEN_PATH") is string tp ? Expand(tp) : Path.Combine(hfHome, "token");
                try
                {
                    if (File.Exists(tokenPath))
                    {
                        var t = Serialization.DataFileReader.ReadText(tokenPath).Trim();
                        if (t.Length > 0) o.Token = t;
                    }
                }
                catch (Serialization.DataFileFormatException) { }
                catch (IOException) { }
                catch (UnauthorizedAccessException) { }
            }
            return o;
        }

        /// <summary>huggingface_hub's truth test for flags: 1, on, yes, true (any case).</summary>
        public static bool IsTrue(string? value)
        {
            if (value == null) return false;
            switch (value.Trim().ToUpperInvariant())
            {
                case "1": case "ON": case "YES": case "TRUE": return true;
                default: return false;
            }
        }

        private static string DefaultUserAgent()
        {
            var v = typeof(HubOptions).Assembly.GetName().Version;
            return "ModelConfig/" + (v == null ? "0" : $"{v.Major}.{v.Minor}.{v.Build}");
        }
    }
}
