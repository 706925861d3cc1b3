using System;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using ModelConfig.Core.Serialization;

namespace ModelConfig.Core.Hub
{
    /// <summary>
    /// Gets a HuggingFace model's config.json: from the local huggingface_hub cache when it is there (no network),
    /// else from the Hub (revision API for the commit sha, then resolve/{sha}/config.json), writing the download
    /// into the cache. One instance owns one HttpClient; dispose it when done.
    /// </summary>
    public sealed class HubResolver : IDisposable
    {
        private const int MaxRedirects = 5;
        private static readonly JsonDocumentOptions JsonOptions = new JsonDocumentOptions
        {
            CommentHandling = JsonCommentHandling.Skip,
            AllowTrailingCommas = true,
        };

        private readonly HubOptions _options;
        private readonly HttpClient _http;

        /// <param name="options">Settings; copied, so later changes do not affect this instance.</param>
        /// <param name="handler">HTTP handler to use (tests); by default an HttpClientHandler that does not follow
        /// redirects itself, so that the token is only sent to the endpoint's own origin.</param>
        /// <param name="disposeHandler">Whether disposing the resolver disposes <paramref name="handler"/>.</param>
        public HubResolver(HubOptions options, HttpMessageHandler? handler = null, bool disposeHandler = true)
        {
            if (options == null) throw new ArgumentNullException(nameof(options));
            _options = options.Clone();
            if (_options.Timeout <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(options), "Timeout must be positive.");
            if (_options.MaxRetries < 0) throw new ArgumentOutOfRangeException(nameof(options), "MaxRetries must not be negative.");
            bool own = handler == null;
            handler ??= new HttpClientHandler
            {
                AllowAutoRedirect = false,
                AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,
            };
            _http = new HttpClient(handler, own || disposeHandler)
            {
                Timeout = System.Threading.Timeout.InfiniteTimeSpan,   // per request, see SendOnceAsync
                MaxResponseContentBufferSize = options.MaxResponseBytes,
            };
        }

        public void Dispose() => _http.Dispose();

        /// <summary>Synchronous <see cref="ResolveAsync"/> for the cmdlet; safe under any synchronization context.</summary>
        public ResolvedModelSource Resolve(string repoId, string? revision = null, CancellationToken cancellationToken = default)
        {
            // Task.Run: the work never starts on the caller's context, so blocking here cannot deadlock.
            return Task.Run(() => ResolveAsync(repoId, revision, cancellationToken)).GetAwaiter().GetResult();
        }

        /// <summary>Cache first, then the Hub. Throws <see cref="HubException"/>, or OperationCanceledException when cancelled.</summary>
        public async Task<ResolvedModelSource> ResolveAsync(string repoId, string? revision = null, CancellationToken cancellationToken = default)
        {
            if (!HubIds.IsValidRepoId(repoId, out var why))
                throw Fail(HubErrorKind.InvalidRepoId, "Invalid HuggingFace repo id: " + why + ".", repoId, revision);
            var rev = string.IsNullOrWhiteSpace(revision) ? HubIds.DefaultRevision : revision!.Trim();
            if (!HubIds.IsValidRevision(rev, out why))
                throw Fail(HubErrorKind.InvalidRevision, $"Invalid revision for '{repoId}': {why}.", repoId, rev);
            cancellationToken.ThrowIfCancellationRequested();

            var warnings = new List<string>();
            var cacheDir = string.IsNullOrWhiteSpace(_options.CacheDir) ? null : _options.CacheDir;
            bool cachedCorrupt = false;

            // 1. The local cache.
            if (cacheDir != null)
            {
                var path = HubCache.FindConfig(cacheDir, repoId, rev, out var cachedSha, warnings);
                if (path != null)
                {
                    try
                    {
                        var obj = ParseObject(DataFileReader.ReadBytes(path), out var problem);
                        if (obj != null) return new ResolvedModelSource(obj, repoId, rev, cachedSha, path, fromCache: true, warnings);
                        warnings.Add($"Ignoring the cached '{path}': {problem}.");
                        cachedCorrupt = true;
                    }
                    catch (DataFileFormatException e)
                    {
                        warnings.Add($"Ignoring the cached '{path}': {e.Message}");
                        cachedCorrupt = true;
                    }
                    catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
                    {
                        warnings.Add($"Could not read the cached '{path}': {e.Message}");
                    }
                }
            }

            if (_options.Offline)
            {
                var where = cacheDir == null
                    ? "no HuggingFace cache folder is configured"
                    : HubIds.IsCommitSha(rev)
                        ? $"'{HubCache.SnapshotConfigPath(cacheDir, repoId, rev.ToLowerInvariant())}' does not exist"
                        : $"the cache at '{HubCache.RepoFolder(cacheDir, repoId)}' has no usable refs/{rev} pointing at a snapshot with a config.json";
                if (warnings.Count > 0) where += " (" + string.Join(" ", warnings).TrimEnd('.') + ")";
                throw Fail(HubErrorKind.Offline,
                    $"Offline mode (HF_HUB_OFFLINE) is on and the config of '{repoId}' at revision '{rev}' is not in the local cache: {where}. " +
                    "Unset HF_HUB_OFFLINE to download it, or download it once while online.", repoId, rev);
            }

            // 2. The Hub.
            var endpoint = ParseEndpoint(repoId, rev);
            var parts = repoId.Split('/');
            var repoPath = Uri.EscapeDataString(parts[0]) + "/" + Uri.EscapeDataString(parts[1]);
            var apiUrl = new Uri(endpoint, "api/models/" + repoPath + "/revision/" + Uri.EscapeDataString(rev));
            var apiBody = await GetAsync(apiUrl, endpoint, repoId, rev, isApi: true, cancellationToken).ConfigureAwait(false);

            string sha;
            try
            {
                using (var doc = JsonDocument.Parse(apiBody, JsonOptions))
                {
                    if (doc.RootElement.ValueKind != JsonValueKind.Object
                        || !doc.RootElement.TryGetProperty("sha", out var shaEl)
                        || shaEl.ValueKind != JsonValueKind.String
                        || !HubIds.IsCommitSha(shaEl.GetString()))
                        throw Fail(HubErrorKind.MalformedResponse,
                            $"The Hub's answer for '{repoId}' at revision '{rev}' from {Safe(apiUrl)} has no 40-hex 'sha' field.", repoId, rev, apiUrl);
                    sha = shaEl.GetString()!.ToLowerInvariant();
                }
            }
            catch (JsonException e)
            {
                throw Fail(HubErrorKind.MalformedResponse,
                    $"The Hub's answer for '{repoId}' at revision '{rev}' from {Safe(apiUrl)} is not JSON: {e.Message} (starts with: {Snippet(apiBody)})",
                    repoId, rev, apiUrl, inner: e);
            }

            var configUrl = new Uri(endpoint, repoPath + "/resolve/" + sha + "/config.json");
            var configBytes = await GetAsync(configUrl, endpoint, repoId, rev, isApi: false, cancellationToken).ConfigureAwait(false);
            var config = ParseObject(configBytes, out var configProblem)
                ?? throw Fail(HubErrorKind.MalformedResponse,
                    $"config.json of '{repoId}' at {sha} from {Safe(configUrl)}: {configProblem}.", repoId, rev, configUrl);

            // 3. Into the cache, so the next call needs no network.
            string? configPath = null;
            if (cacheDir != null)
            {
                try
                {
                    configPath = HubCache.Store(cacheDir, repoId, rev, sha, configBytes, overwriteConfig: cachedCorrupt);
                }
                catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is NotSupportedException || e is ArgumentException)
                {
                    warnings.Add(Scrub($"Downloaded config.json of '{repoId}' could not be written to the HuggingFace cache at '{cacheDir}': {e.Message}"));
                }
            }
            return new ResolvedModelSource(config, repoId, rev, sha, configPath, fromCache: false, warnings);
        }

        /// <summary>
        /// A config.json given as a file, or a folder holding one. Inside a cache snapshot folder
        /// (models--org--name/snapshots/{sha}) the repo id and commit sha are taken from the path, and the revision
        /// from a ref pointing at that sha (main preferred), else the sha.
        /// Throws FileNotFoundException for a missing path and DataFileFormatException for content that is not a JSON object.
        /// </summary>
        public static ResolvedModelSource ResolveLocal(string path)
        {
            if (string.IsNullOrWhiteSpace(path)) throw new ArgumentException("The path is empty.", nameof(path));
            var full = Path.GetFullPath(path);
            string file;
            if (Directory.Exists(full))
            {
                file = Path.Combine(full, "config.json");
                if (!File.Exists(file)) throw new FileNotFoundException($"The folder '{full}' holds no config.json.", file);
            }
            else if (File.Exists(full)) file = full;
            else throw new FileNotFoundException($"'{full}' does not exist (expected a config.json file or a folder holding one).", full);

            byte[] bytes;
            try { bytes = DataFileReader.ReadBytes(file); }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                throw new IOException($"Could not read '{file}': {e.Message}", e);
            }
            var obj = ParseObject(bytes, out var problem) ?? throw new DataFileFormatException(file, null, problem!);

            string? repoId = null, sha = null, revision = null;
            for (var dir = new DirectoryInfo(Path.GetDirectoryName(file)!); dir?.Parent?.Parent != null; dir = dir.Parent)
            {
                if (dir.Parent.Name == "snapshots" && HubIds.IsCommitSha(dir.Name)
                    && HubIds.RepoIdFromCacheFolderName(dir.Parent.Parent.Name) is string id)
                {
                    repoId = id;
                    sha = dir.Name.ToLowerInvariant();
                    revision = FindRefFor(Path.Combine(dir.Parent.Parent.FullName, "refs"), sha) ?? sha;
                    break;
                }
            }
            return new ResolvedModelSource(obj, repoId, revision, sha, file, fromCache: true);
        }

        private static string? FindRefFor(string refsDir, string sha)
        {
            try
            {
                if (!Directory.Exists(refsDir)) return null;
                var matches = new List<string>();
                foreach (var f in Directory.GetFiles(refsDir, "*", SearchOption.AllDirectories))
                {
                    var content = DataFileReader.ReadText(f).Trim();
                    if (string.Equals(content, sha, StringComparison.OrdinalIgnoreCase))
                        matches.Add(f.Substring(refsDir.Length).TrimStart(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar).Replace('\\', '/'));
                }
                if (matches.Contains(HubIds.DefaultRevision)) return HubIds.DefaultRevision;
                matches.Sort(StringComparer.Ordinal);
                return matches.Count > 0 ? matches[0] : null;
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is DataFileFormatException)
            {
                return null;
            }
        }

        // ---- HTTP ----

        private Uri ParseEndpoint(string repoId, string rev)
        {
            var text = (_options.Endpoint ?? "").Trim();
            if (!Uri.TryCreate(text.TrimEnd('/') + "/", UriKind.Absolute, out var uri) || (uri.Scheme != "https" && uri.Scheme != "http"))
                throw Fail(HubErrorKind.Network, $"The Hub endpoint '{Scrub(HubRedaction.StripUserInfo(text))}' (HF_ENDPOINT) is not an absolute http(s) URL.", repoId, rev);
            return uri;
        }

        /// <summary>GET with bounded retries on 429/502/503/504; returns the body of a 2xx answer or throws.</summary>
        private async Task<byte[]> GetAsync(Uri url, Uri endpoint, string repoId, string rev, bool isApi, CancellationToken ct)
        {
            for (int attempt = 0; ; attempt++)
            {
                var (status, response) = await SendFollowingRedirectsAsync(url, endpoint, repoId, rev, ct).ConfigureAwait(false);
                using (response)
                {
                    int code = (int)status;
                    if (code >= 200 && code < 300)
                        return await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);

                    bool retryable = code == 429 || code == 502 || code == 503 || code == 504;
                    var retryAfter = RetryAfterOf(response);
                    if (retryable && attempt < _options.MaxRetries)
                    {
                        var wait = retryAfter ?? TimeSpan.FromSeconds(Math.Pow(2, attempt));   // 1 s, 2 s, 4 s...
                        if (wait > _options.MaxRetryDelay) wait = _options.MaxRetryDelay;
                        if (wait < TimeSpan.Zero) wait = TimeSpan.Zero;
                        await _options.Delay(wait, ct).ConfigureAwait(false);
                        continue;
                    }
                    var body = await SafeBodyAsync(response).ConfigureAwait(false);
                    throw StatusError(response, code, body, url, repoId, rev, isApi, retryAfter, attempt);
                }
            }
        }

        private async Task<(HttpStatusCode, HttpResponseMessage)> SendFollowingRedirectsAsync(Uri url, Uri endpoint, string repoId, string rev, CancellationToken ct)
        {
            var current = url;
            for (int hop = 0; ; hop++)
            {
                var response = await SendOnceAsync(current, SameOrigin(current, endpoint), repoId, rev, ct).ConfigureAwait(false);
                int code = (int)response.StatusCode;
                bool redirect = code == 301 || code == 302 || code == 303 || code == 307 || code == 308;
                if (!redirect) return (response.StatusCode, response);
                var location = response.Headers.Location;
                response.Dispose();
                if (location == null)
                    throw Fail(HubErrorKind.Network, $"HTTP {code} redirect without a Location from {Safe(current)} for '{repoId}'.", repoId, rev, current, code);
                if (hop >= MaxRedirects)
                    throw Fail(HubErrorKind.Network, $"Too many redirects (more than {MaxRedirects}) starting at {Safe(url)} for '{repoId}'.", repoId, rev, url, code);
                var next = location.IsAbsoluteUri ? location : new Uri(current, location);
                if (next.Scheme != "https" && next.Scheme != "http")
                    throw Fail(HubErrorKind.Network, $"Redirect from {Safe(current)} to a non-HTTP URL for '{repoId}'.", repoId, rev, current, code);
                current = next;
            }
        }

        private async Task<HttpResponseMessage> SendOnceAsync(Uri url, bool withToken, string repoId, string rev, CancellationToken ct)
        {
            using (var request = new HttpRequestMessage(HttpMethod.Get, url))
            using (var cts = CancellationTokenSource.CreateLinkedTokenSource(ct))
            {
                request.Headers.TryAddWithoutValidation("User-Agent", _options.UserAgent);
                request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
                if (withToken && !string.IsNullOrEmpty(_options.Token))
                    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _options.Token);
                cts.CancelAfter(_options.Timeout);
                try
                {
                    // ResponseContentRead: the body is read under the same timeout and cancellation.
                    return await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cts.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException e) when (!ct.IsCancellationRequested)
                {
                    throw Fail(HubErrorKind.Timeout,
                        $"The Hub did not answer within {_options.Timeout.TotalSeconds:0.###} s ({Safe(url)}) for '{repoId}' at revision '{rev}'.",
                        repoId, rev, url, inner: e);
                }
                catch (HttpRequestException e) when (IsOversized(e))
                {
                    throw Fail(HubErrorKind.MalformedResponse,
                        $"The Hub's answer from {Safe(url)} for '{repoId}' at revision '{rev}' is larger than {_options.MaxResponseBytes / (1024 * 1024.0):0.#} MiB, far more than a config; it was not read.",
                        repoId, rev, url, inner: e);
                }
                catch (HttpRequestException e)
                {
                    throw Fail(HubErrorKind.Network,
                        $"Could not reach the Hub at {Safe(url)} for '{repoId}' at revision '{rev}': {Describe(e)}", repoId, rev, url, inner: e);
                }
            }
        }

        private HubException StatusError(HttpResponseMessage response, int code, string body, Uri url, string repoId, string rev, bool isApi, TimeSpan? retryAfter, int retries)
        {
            var errorCode = Header(response, "X-Error-Code");
            var hubMessage = Header(response, "X-Error-Message") ?? ErrorFromBody(body);
            var detail = hubMessage == null ? "" : $" The Hub said: {Truncate(hubMessage, 300)}";
            bool hasToken = !string.IsNullOrEmpty(_options.Token);
            string message;
            HubErrorKind kind;
            switch (code)
            {
                case 401:
                    kind = HubErrorKind.Unauthorized;
                    message = hasToken
                        ? $"The Hub refused the token for '{repoId}' (HTTP 401 from {Safe(url)}): the token is invalid or expired, or the repository does not exist. Check the token given with -Token or HF_TOKEN."
                        : $"The Hub requires authentication for '{repoId}' (HTTP 401 from {Safe(url)}): the repository may be gated or private (or may not exist). A token with access is needed: pass -Token or set HF_TOKEN.";
                    break;
                case 403:
                    kind = HubErrorKind.Unauthorized;
                    bool gated = string.Equals(errorCode, "GatedRepo", StringComparison.OrdinalIgnoreCase);
                    message = hasToken
                        ? $"The token given lacks access to '{repoId}' (HTTP 403 from {Safe(url)}). " +
                          (gated ? "The repository is gated: " : "If the repository is gated, ") +
                          $"accept its conditions at {Safe(new Uri(url, "/" + repoId))} with the account the token belongs to; for a private repository that account needs read access, and a fine-grained token needs read permission for it."
                        : $"Access to '{repoId}' is forbidden without a token (HTTP 403 from {Safe(url)}): the repository is " + (gated ? "gated" : "gated or private") +
                          ". A token with access is needed: pass -Token or set HF_TOKEN.";
                    break;
                case 404:
                    kind = HubErrorKind.NotFound;
                    if (string.Equals(errorCode, "RepoNotFound", StringComparison.OrdinalIgnoreCase))
                        message = $"Repository '{repoId}' was not found on the Hub (HTTP 404 from {Safe(url)}). Check the id; a private repository also answers like this without a token with access.";
                    else if (string.Equals(errorCode, "RevisionNotFound", StringComparison.OrdinalIgnoreCase))
                        message = $"Revision '{rev}' was not found in repository '{repoId}' (HTTP 404 from {Safe(url)}). Check the branch, tag or commit sha.";
                    else if (string.Equals(errorCode, "EntryNotFound", StringComparison.OrdinalIgnoreCase) || !isApi)
                        message = $"Repository '{repoId}' has no config.json at revision '{rev}' (HTTP 404 from {Safe(url)}).";
                    else
                        message = $"Repository '{repoId}' or its revision '{rev}' was not found on the Hub (HTTP 404 from {Safe(url)}).";
                    break;
                case 429:
                    kind = HubErrorKind.RateLimited;
                    message = $"The Hub is still rate limiting requests for '{repoId}' after {retries} retr{(retries == 1 ? "y" : "ies")} (HTTP 429 from {Safe(url)})" +
                              (retryAfter.HasValue ? $"; it asked to wait {Math.Ceiling(retryAfter.Value.TotalSeconds):0} s" : "") +
                              ". Try again later" + (hasToken ? "." : ", or use a token (-Token or HF_TOKEN): authenticated requests get higher limits.");
                    break;
                default:
                    kind = HubErrorKind.Network;
                    message = $"Unexpected answer HTTP {code} {response.ReasonPhrase} from {Safe(url)} for '{repoId}' at revision '{rev}'" +
                              (retries > 0 ? $" after {retries} retr{(retries == 1 ? "y" : "ies")}." : ".");
                    break;
            }
            return Fail(kind, message + detail, repoId, rev, url, code, errorCode, retryAfter);
        }

        private TimeSpan? RetryAfterOf(HttpResponseMessage response)
        {
            var ra = response.Headers.RetryAfter;
            if (ra == null)
            {
                // Tolerate a fractional "Retry-After: 1.5", which the typed parser rejects.
                var raw = Header(response, "Retry-After");
                if (raw != null && double.TryParse(raw, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var secs) && secs >= 0)
                    return TimeSpan.FromSeconds(secs);
                return null;
            }
            if (ra.Delta.HasValue) return ra.Delta.Value;
            if (ra.Date.HasValue)
            {
                var wait = ra.Date.Value - _options.UtcNow();
                return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
            }
            return null;
        }

        // ---- helpers ----

        /// <summary>The JSON object in <paramref name="bytes"/>, or null with a reason.</summary>
        internal static JsonObject? ParseObject(byte[] bytes, out string? problem)
        {
            problem = null;
            JsonNode? node;
            try
            {
                // Skip a UTF-8 byte order mark, which JsonNode.Parse does not accept; Python's bare NaN/Infinity become strings.
                int start = bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0;
                var text = Building.HfConfigJson.QuotePythonConstants(System.Text.Encoding.UTF8.GetString(bytes, start, bytes.Length - start));
                node = JsonNode.Parse(text, documentOptions: JsonOptions);
                if (StrictJson.FindProblem(text) is (string Path, string Problem) bad)
                {
                    problem = $"not usable JSON: '{bad.Path}' {bad.Problem}";
                    return null;
                }
            }
            catch (JsonException e)
            {
                problem = $"not valid JSON ({e.Message}); starts with: {Snippet(bytes)}";
                return null;
            }
            catch (ArgumentException e)
            {
                problem = $"not usable JSON ({e.Message})";
                return null;
            }
            if (node is JsonObject obj) return obj;
            problem = $"expected a JSON object, found {(node == null ? "null" : node.GetValueKind().ToString().ToLowerInvariant())}";
            return null;
        }

        private HubException Fail(HubErrorKind kind, string message, string? repoId, string? revision, Uri? url = null,
            int? status = null, string? errorCode = null, TimeSpan? retryAfter = null, Exception? inner = null)
        {
            // Belt and braces: nothing we compose contains the token, but an inner message or a header might.
            return new HubException(kind, Scrub(message), repoId, revision, url == null ? null : Safe(url), status,
                errorCode == null ? null : Truncate(Scrub(errorCode), 100), retryAfter, inner);
        }

        private string Scrub(string text) => HubRedaction.Scrub(text, _options.Token);

        private static bool SameOrigin(Uri a, Uri b) =>
            string.Equals(a.Scheme, b.Scheme, StringComparison.OrdinalIgnoreCase)
            && string.Equals(a.IdnHost, b.IdnHost, StringComparison.OrdinalIgnoreCase)
            && a.Port == b.Port;

        private static string Safe(Uri url) => HubRedaction.Safe(url);

        private static string? Header(HttpResponseMessage response, string name)
        {
            if (response.Headers.TryGetValues(name, out var values)) return string.Join(", ", values);
            if (response.Content != null && response.Content.Headers.TryGetValues(name, out values)) return string.Join(", ", values);
            return null;
        }

        private static async Task<string> SafeBodyAsync(HttpResponseMessage response)
        {
            try
            {
                if (response.Content == null) return "";
                var bytes = await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
                return Encoding.UTF8.GetString(bytes, 0, Math.Min(bytes.Length, 4096));
            }
            catch (Exception) { return ""; }
        }

        private static string? ErrorFromBody(string body)
        {
            try
            {
                using (var doc = JsonDocument.Parse(body))
                    if (doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("error", out var e) && e.ValueKind == JsonValueKind.String)
                        return e.GetString();
            }
            catch (JsonException) { }
            return null;
        }

        /// <summary>HttpClient reports a body over MaxResponseContentBufferSize only in its message, which names the limit.</summary>
        private bool IsOversized(HttpRequestException e) =>
            Describe(e).Contains(_options.MaxResponseBytes.ToString(System.Globalization.CultureInfo.InvariantCulture));

        private static string Describe(Exception e)
        {
            var parts = new List<string>();
            for (var x = e; x != null; x = x.InnerException)
                if (!parts.Contains(x.Message)) parts.Add(x.Message);
            return string.Join(" ", parts);
        }

        private static string Snippet(byte[] bytes) => Truncate(Encoding.UTF8.GetString(bytes, 0, Math.Min(bytes.Length, 200)), 80);

        private static string Truncate(string s, int max)
        {
            s = s.Replace("\r", " ").Replace("\n", " ").Trim();
            return s.Length <= max ? s : s.Substring(0, max) + "...";
        }
    }
}
