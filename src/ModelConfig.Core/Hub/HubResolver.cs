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
    public sealed partial class HubResolver : IDisposable
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

            // 3. Into the cache, so the next call needs no network (now, or when the caller completes a deferred write).
            var pending = cacheDir == null ? null : new PendingCacheWrite(cacheDir, repoId, rev, sha, configBytes, overwriteConfig: cachedCorrupt);
            if (pending != null && _options.DeferCacheWrite)
                return new ResolvedModelSource(config, repoId, rev, sha, null, fromCache: false, warnings) { PendingCacheWrite = pending };
            string? warning = null;
            string? configPath = pending == null ? null : Store(pending, out warning);
            if (warning != null) warnings.Add(Scrub(warning));
            return new ResolvedModelSource(config, repoId, rev, sha, configPath, fromCache: false, warnings);
        }

        /// <summary>
        /// Writes a download that <see cref="HubOptions.DeferCacheWrite"/> kept in memory into the cache, once. Returns the
        /// cached config.json, or null with a <paramref name="warning"/> when the cache cannot be written; null without a
        /// warning when nothing is pending (a cache hit, or no cache folder).
        /// </summary>
        public static string? CompleteCacheWrite(ResolvedModelSource source, out string? warning)
        {
            if (source == null) throw new ArgumentNullException(nameof(source));
            warning = null;
            var pending = source.PendingCacheWrite;
            if (pending == null) return null;
            source.PendingCacheWrite = null;
            var path = Store(pending, out warning);
            // the resolver's own token is unknown here; anything token-shaped still goes
            if (warning != null) warning = HubRedaction.Scrub(warning, null);
            return path;
        }

        private static string? Store(PendingCacheWrite p, out string? warning)
        {
            warning = null;
            try
            {
                return HubCache.Store(p.CacheDir, p.RepoId, p.Revision, p.CommitSha, p.ConfigBytes, overwriteConfig: p.OverwriteConfig);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is NotSupportedException || e is ArgumentException)
            {
                warning = $"Downloaded config.json of '{p.RepoId}' could not be written to the HuggingFace cache at '{p.CacheDir}': {e.Message}";
                return null;
            }
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
    }
}
