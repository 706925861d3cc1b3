using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ModelConfig.Core.Hub;
using Xunit;

namespace ModelConfig.Core.Tests.Hub
{
    public sealed class HubResolverTests : IDisposable
    {
        internal const string Repo = "test-org/Tiny-Model_1.0";
        internal const string Sha = "0123456789abcdef0123456789abcdef01234567";
        internal const string OtherSha = "89abcdef0123456789abcdef0123456789abcdef";
        internal const string Token = "hf_TopSecretTokenValue42";
        internal const string ApiMain = "/api/models/test-org/Tiny-Model_1.0/revision/main";
        internal const string ResolveConfig = "/test-org/Tiny-Model_1.0/resolve/" + Sha + "/config.json";
        internal const string ConfigBody = "{\"model_type\":\"llama\",\"hidden_size\":64,\"num_hidden_layers\":2}";

        private readonly FakeHub _hub = FakeHub.Start();
        private readonly string _cache;
        private readonly List<TimeSpan> _delays = new List<TimeSpan>();

        public HubResolverTests()
        {
            _cache = Path.Combine(Path.GetTempPath(), "mc-hub-tests-" + Guid.NewGuid().ToString("N"));
        }

        public void Dispose()
        {
            _hub.Dispose();
            try { if (Directory.Exists(_cache)) Directory.Delete(_cache, recursive: true); } catch (IOException) { }
        }

        private HubOptions Options(string? token = null) => new HubOptions
        {
            Endpoint = _hub.Url,
            CacheDir = _cache,
            Token = token,
            // Generous: on a loaded machine a healthy loopback answer took over 1 s. Tests of timeouts set their own.
            Timeout = TimeSpan.FromSeconds(10),
            MaxRetries = 2,
            Delay = (t, ct) => { lock (_delays) _delays.Add(t); return Task.CompletedTask; },
        };

        private static string ApiBody(string sha = Sha) => "{\"_id\":\"x\",\"id\":\"" + Repo + "\",\"sha\":\"" + sha + "\"}";

        private void ServeHappyPath()
        {
            _hub.On(ApiMain, FakeResponse.Json(ApiBody()));
            _hub.On(ResolveConfig, FakeResponse.Json(ConfigBody));
        }

        private ResolvedModelSource Resolve(HubOptions o, string repo = Repo, string? rev = null)
        {
            using var r = new HubResolver(o);
            return r.Resolve(repo, rev);
        }

        private HubException ResolveFails(HubOptions o, string repo = Repo, string? rev = null) =>
            Assert.Throws<HubException>(() => Resolve(o, repo, rev));

        private void Seed(string revision, string sha, string body)
        {
            var snap = Path.Combine(_cache, "models--test-org--Tiny-Model_1.0", "snapshots", sha);
            Directory.CreateDirectory(snap);
            File.WriteAllText(Path.Combine(snap, "config.json"), body);
            if (revision != sha)
            {
                var refPath = Path.Combine(_cache, "models--test-org--Tiny-Model_1.0", "refs", revision.Replace('/', Path.DirectorySeparatorChar));
                Directory.CreateDirectory(Path.GetDirectoryName(refPath)!);
                File.WriteAllText(refPath, sha);
            }
        }

        [Fact]
        public void Download_returns_config_and_writes_cache_then_second_call_is_a_cache_hit()
        {
            ServeHappyPath();
            var o = Options();

            var first = Resolve(o);
            Assert.False(first.FromCache);
            Assert.Equal(Repo, first.HfModelId);
            Assert.Equal("main", first.Revision);
            Assert.Equal(Sha, first.CommitSha);
            Assert.Equal("llama", (string?)first.Config["model_type"]);
            Assert.Empty(first.Warnings);
            Assert.Equal(new[] { ApiMain, ResolveConfig }, _hub.Paths);
            Assert.All(_hub.Requests, r => Assert.StartsWith("ModelConfig/", r.UserAgent));
            Assert.All(_hub.Requests, r => Assert.Null(r.Authorization));

            var repoDir = Path.Combine(_cache, "models--test-org--Tiny-Model_1.0");
            var snapshot = Path.Combine(repoDir, "snapshots", Sha, "config.json");
            Assert.Equal(snapshot, first.ConfigPath);
            Assert.Equal(ConfigBody, File.ReadAllText(snapshot));
            Assert.Equal(Sha, File.ReadAllText(Path.Combine(repoDir, "refs", "main")));
            Assert.Empty(Directory.GetFiles(repoDir, "*.incomplete", SearchOption.AllDirectories));

            var second = Resolve(o);
            Assert.True(second.FromCache);
            Assert.Equal(Sha, second.CommitSha);
            Assert.Equal(snapshot, second.ConfigPath);
            Assert.Equal(2, _hub.Requests.Count);   // no new request
        }

        [Fact]
        public void Cache_hit_makes_no_request()
        {
            Seed("main", Sha, ConfigBody);
            var result = Resolve(Options(Token));
            Assert.True(result.FromCache);
            Assert.Equal(Sha, result.CommitSha);
            Assert.Equal(64, (int)result.Config["hidden_size"]!);
            Assert.Empty(_hub.Requests);
        }

        [Fact]
        public void Sha_revision_maps_directly_to_its_snapshot()
        {
            Seed(OtherSha, OtherSha, "{\"model_type\":\"other\"}");
            var result = Resolve(Options(), rev: OtherSha.ToUpperInvariant());
            Assert.True(result.FromCache);
            Assert.Equal(OtherSha, result.CommitSha);
            Assert.Equal("other", (string?)result.Config["model_type"]);
            Assert.Empty(_hub.Requests);
        }

        [Fact]
        public void Downloading_a_sha_revision_writes_no_ref()
        {
            _hub.On("/api/models/test-org/Tiny-Model_1.0/revision/" + Sha, FakeResponse.Json(ApiBody()));
            _hub.On(ResolveConfig, FakeResponse.Json(ConfigBody));
            var result = Resolve(Options(), rev: Sha);
            Assert.Equal(Sha, result.CommitSha);
            Assert.False(Directory.Exists(Path.Combine(_cache, "models--test-org--Tiny-Model_1.0", "refs")));
            Assert.True(Resolve(Options(), rev: Sha).FromCache);
        }

        [Fact]
        public void Revision_with_slashes_is_escaped_in_the_url_and_nested_under_refs()
        {
            _hub.On("/api/models/test-org/Tiny-Model_1.0/revision/refs%2Fpr%2F3", FakeResponse.Json(ApiBody()));
            _hub.On(ResolveConfig, FakeResponse.Json(ConfigBody));
            var result = Resolve(Options(), rev: "refs/pr/3");
            Assert.Equal("refs/pr/3", result.Revision);
            var refPath = Path.Combine(_cache, "models--test-org--Tiny-Model_1.0", "refs", "refs", "pr", "3");
            Assert.Equal(Sha, File.ReadAllText(refPath));
            Assert.True(Resolve(Options(), rev: "refs/pr/3").FromCache);
        }

        [Fact]
        public void Offline_cache_hit_works_without_network()
        {
            Seed("v1.0", Sha, ConfigBody);
            var o = Options();
            o.Offline = true;
            var result = Resolve(o, rev: "v1.0");
            Assert.True(result.FromCache);
            Assert.Empty(_hub.Requests);
        }

        [Fact]
        public void Offline_cache_miss_is_an_Offline_error_without_network()
        {
            ServeHappyPath();
            var o = Options();
            o.Offline = true;
            var e = ResolveFails(o);
            Assert.Equal(HubErrorKind.Offline, e.Kind);
            Assert.Contains("HF_HUB_OFFLINE", e.Message);
            Assert.Contains(Repo, e.Message);
            Assert.Equal(Repo, e.RepoId);
            Assert.Equal("main", e.Revision);
            Assert.Empty(_hub.Requests);
        }

        [Fact]
        public void Offline_with_a_corrupt_cached_config_says_why_the_cache_was_unusable()
        {
            Seed("main", Sha, "{ truncated");
            var o = Options();
            o.Offline = true;
            var e = ResolveFails(o);
            Assert.Equal(HubErrorKind.Offline, e.Kind);
            Assert.Contains("Ignoring the cached", e.Message);
            Assert.Contains("not valid JSON", e.Message);
            Assert.Empty(_hub.Requests);
        }

        [Fact]
        public void Http_401_without_token_says_gated_or_private_and_how_to_give_a_token()
        {
            _hub.On(ApiMain, FakeResponse.Error(401, "GatedRepo"));
            var e = ResolveFails(Options());
            Assert.Equal(HubErrorKind.Unauthorized, e.Kind);
            Assert.Equal(401, e.StatusCode);
            Assert.Contains("gated or private", e.Message);
            Assert.Contains("-Token", e.Message);
            Assert.Contains("HF_TOKEN", e.Message);
            Assert.Equal(_hub.Url + ApiMain, e.Url);
        }

        [Fact]
        public void Http_403_with_token_says_the_token_lacks_access_and_sends_bearer()
        {
            _hub.On(ApiMain, FakeResponse.Error(403, "GatedRepo", "Access to model test-org/Tiny-Model_1.0 is restricted."));
            var e = ResolveFails(Options(Token));
            Assert.Equal(HubErrorKind.Unauthorized, e.Kind);
            Assert.Equal(403, e.StatusCode);
            Assert.Contains("token given lacks access", e.Message);
            Assert.Contains("gated", e.Message);
            Assert.Contains("is restricted", e.Message);   // the Hub's own words
            Assert.Equal("Bearer " + Token, Assert.Single(_hub.Requests).Authorization);
            Assert.DoesNotContain(Token, e.ToString());
        }

        [Fact]
        public void Http_403_without_token_asks_for_one()
        {
            _hub.On(ApiMain, FakeResponse.Error(403));
            var e = ResolveFails(Options());
            Assert.Equal(HubErrorKind.Unauthorized, e.Kind);
            Assert.Contains("HF_TOKEN", e.Message);
        }

        [Fact]
        public void Http_404_for_the_repo_names_the_repo()
        {
            _hub.On("/api/models/test-org/nope/revision/main", FakeResponse.Error(404, "RepoNotFound", "Repository not found"));
            var e = ResolveFails(Options(), repo: "test-org/nope");
            Assert.Equal(HubErrorKind.NotFound, e.Kind);
            Assert.Equal("RepoNotFound", e.HubErrorCode);
            Assert.Contains("Repository 'test-org/nope' was not found", e.Message);
        }

        [Fact]
        public void Http_404_for_the_revision_names_the_revision()
        {
            _hub.On("/api/models/test-org/Tiny-Model_1.0/revision/no-such-branch", FakeResponse.Error(404, "RevisionNotFound", "Invalid rev id: no-such-branch"));
            var e = ResolveFails(Options(), rev: "no-such-branch");
            Assert.Equal(HubErrorKind.NotFound, e.Kind);
            Assert.Equal("no-such-branch", e.Revision);
            Assert.Contains("Revision 'no-such-branch' was not found in repository '" + Repo + "'", e.Message);
        }

        [Fact]
        public void Http_404_for_config_json_says_the_repo_has_none()
        {
            _hub.On(ApiMain, FakeResponse.Json(ApiBody()));
            var e = ResolveFails(Options());   // resolve path has no route: 404 EntryNotFound
            Assert.Equal(HubErrorKind.NotFound, e.Kind);
            Assert.Contains("has no config.json", e.Message);
            Assert.Equal(_hub.Url + ResolveConfig, e.Url);
        }

        [Fact]
        public void Http_429_with_Retry_After_seconds_is_retried_then_succeeds()
        {
            _hub.On(ApiMain, FakeResponse.Error(429).With("Retry-After", "1"), FakeResponse.Json(ApiBody()));
            _hub.On(ResolveConfig, FakeResponse.Error(429).With("Retry-After", "120"), FakeResponse.Json(ConfigBody));
            var result = Resolve(Options());
            Assert.Equal(Sha, result.CommitSha);
            Assert.Equal(new[] { TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10) }, _delays);   // 120 s capped at 10 s
            Assert.Equal(4, _hub.Requests.Count);
        }

        [Fact]
        public void Http_429_with_Retry_After_date_waits_until_that_date()
        {
            var now = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);
            _hub.On(ApiMain, FakeResponse.Error(429).With("Retry-After", now.AddSeconds(4).ToString("r")), FakeResponse.Json(ApiBody()));
            _hub.On(ResolveConfig, FakeResponse.Json(ConfigBody));
            var o = Options();
            o.UtcNow = () => now;
            Resolve(o);
            Assert.Equal(new[] { TimeSpan.FromSeconds(4) }, _delays);
        }

        [Fact]
        public void Http_429_exhausted_is_RateLimited_after_bounded_retries()
        {
            _hub.On(ApiMain, FakeResponse.Error(429).With("Retry-After", "3"));
            var e = ResolveFails(Options());
            Assert.Equal(HubErrorKind.RateLimited, e.Kind);
            Assert.Equal(429, e.StatusCode);
            Assert.Equal(TimeSpan.FromSeconds(3), e.RetryAfter);
            Assert.Equal(3, _hub.Requests.Count);    // 1 + MaxRetries (2)
            Assert.Equal(2, _delays.Count);
            Assert.Contains("after 2 retries", e.Message);
        }

        [Fact]
        public void Http_503_without_Retry_After_backs_off_and_ends_as_Network()
        {
            _hub.On(ApiMain, FakeResponse.Error(503));
            var e = ResolveFails(Options());
            Assert.Equal(HubErrorKind.Network, e.Kind);
            Assert.Equal(503, e.StatusCode);
            Assert.Equal(new[] { TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2) }, _delays);
        }

        [Fact]
        public void Slow_hub_is_a_Timeout_error_within_the_configured_time()
        {
            _hub.On(ApiMain, new FakeResponse { Body = ApiBody(), Delay = TimeSpan.FromSeconds(5) });
            var o = Options();
            o.Timeout = TimeSpan.FromMilliseconds(500);
            var sw = Stopwatch.StartNew();
            var e = ResolveFails(o);
            sw.Stop();
            Assert.Equal(HubErrorKind.Timeout, e.Kind);
            Assert.Contains("0.5 s", e.Message);
            Assert.True(sw.Elapsed < TimeSpan.FromSeconds(2), "took " + sw.Elapsed);
        }

        [Fact]
        public async Task Cancellation_is_OperationCanceled_not_Timeout()
        {
            _hub.On(ApiMain, new FakeResponse { Body = ApiBody(), Delay = TimeSpan.FromSeconds(5) });
            var o = Options();
            o.Timeout = TimeSpan.FromSeconds(5);
            using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
            using var r = new HubResolver(o);
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => r.ResolveAsync(Repo, null, cts.Token));
        }

        [Fact]
        public void Pre_cancelled_token_throws_before_any_request()
        {
            ServeHappyPath();
            using var r = new HubResolver(Options());
            Assert.ThrowsAny<OperationCanceledException>(() => r.Resolve(Repo, null, new CancellationToken(true)));
            Assert.Empty(_hub.Requests);
        }

        [Fact]
        public void Unreachable_hub_is_a_Network_error()
        {
            var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
            probe.Start();
            var port = ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            var o = Options();
            o.Endpoint = "http://127.0.0.1:" + port;   // closed right away: connection refused
            var e = ResolveFails(o);
            Assert.Equal(HubErrorKind.Network, e.Kind);
            Assert.Contains("Could not reach the Hub", e.Message);
        }

        [Theory]
        [InlineData("<html><body>Welcome to the captive portal</body></html>")]
        [InlineData("{\"id\":\"test-org/Tiny-Model_1.0\"}")]
        [InlineData("{\"sha\":\"not-a-sha\"}")]
        [InlineData("[1,2,3]")]
        public void Malformed_revision_answer_is_MalformedResponse(string body)
        {
            _hub.On(ApiMain, FakeResponse.Json(body));
            var e = ResolveFails(Options());
            Assert.Equal(HubErrorKind.MalformedResponse, e.Kind);
            Assert.Equal(_hub.Url + ApiMain, e.Url);
        }

        [Theory]
        [InlineData("not json at all")]
        [InlineData("[\"an\",\"array\"]")]
        [InlineData("{\"a\":1,\"a\":2}")]
        public void Malformed_config_is_MalformedResponse_and_not_cached(string body)
        {
            _hub.On(ApiMain, FakeResponse.Json(ApiBody()));
            _hub.On(ResolveConfig, FakeResponse.Json(body));
            var e = ResolveFails(Options());
            Assert.Equal(HubErrorKind.MalformedResponse, e.Kind);
            Assert.Contains("config.json", e.Message);
            Assert.False(Directory.Exists(Path.Combine(_cache, "models--test-org--Tiny-Model_1.0")));
        }

        [Fact]
        public void Unwritable_cache_still_returns_the_config_with_a_warning()
        {
            ServeHappyPath();
            Directory.CreateDirectory(Path.GetDirectoryName(_cache)!);
            File.WriteAllText(_cache, "a file where the cache folder should be");
            try
            {
                var result = Resolve(Options());
                Assert.False(result.FromCache);
                Assert.Null(result.ConfigPath);
                Assert.Equal("llama", (string?)result.Config["model_type"]);
                Assert.Contains("could not be written", Assert.Single(result.Warnings));
            }
            finally { File.Delete(_cache); }
        }

        [Fact]
        public void Corrupt_cached_config_is_downloaded_again_and_replaced()
        {
            Seed("main", Sha, "{ truncated");
            ServeHappyPath();
            var result = Resolve(Options());
            Assert.False(result.FromCache);
            Assert.Contains(result.Warnings, w => w.Contains("Ignoring the cached"));
            Assert.Equal(ConfigBody, File.ReadAllText(result.ConfigPath!));
        }

        [Fact]
        public void No_cache_dir_means_download_only()
        {
            ServeHappyPath();
            var o = Options();
            o.CacheDir = null;
            var result = Resolve(o);
            Assert.Null(result.ConfigPath);
            Assert.Empty(result.Warnings);
        }

        [Fact]
        public void Same_origin_redirect_keeps_the_token_and_cross_origin_redirect_drops_it()
        {
            using var cdn = FakeHub.Start();
            _hub.On(ApiMain, FakeResponse.Json(ApiBody()));
            _hub.On(ResolveConfig, new FakeResponse { Status = 307 }.With("Location", "/api/resolve-cache/models/test-org/Tiny-Model_1.0/" + Sha + "/config.json"));
            _hub.On("/api/resolve-cache/models/test-org/Tiny-Model_1.0/" + Sha + "/config.json", new FakeResponse { Status = 302 }.With("Location", cdn.Url + "/blob/config.json"));
            cdn.On("/blob/config.json", FakeResponse.Json(ConfigBody));

            var result = Resolve(Options(Token));
            Assert.Equal("llama", (string?)result.Config["model_type"]);
            Assert.Equal(3, _hub.Requests.Count);
            Assert.All(_hub.Requests, r => Assert.Equal("Bearer " + Token, r.Authorization));
            Assert.Null(Assert.Single(cdn.Requests).Authorization);
        }

        public static IEnumerable<object[]> FailureScenarios()
        {
            yield return new object[] { "401", (Action<FakeHub>)(h => h.On(ApiMain, FakeResponse.Error(401))) };
            yield return new object[] { "403", (Action<FakeHub>)(h => h.On(ApiMain, FakeResponse.Error(403, "GatedRepo"))) };
            yield return new object[] { "404", (Action<FakeHub>)(h => h.On(ApiMain, FakeResponse.Error(404, "RepoNotFound"))) };
            yield return new object[] { "429", (Action<FakeHub>)(h => h.On(ApiMain, FakeResponse.Error(429))) };
            yield return new object[] { "500", (Action<FakeHub>)(h => h.On(ApiMain, FakeResponse.Error(500))) };
            yield return new object[] { "timeout", (Action<FakeHub>)(h => h.On(ApiMain, new FakeResponse { Delay = TimeSpan.FromSeconds(3) })) };
            yield return new object[] { "malformed", (Action<FakeHub>)(h => h.On(ApiMain, FakeResponse.Json("nope"))) };
            // A hub echoing the token back must not get it into our message.
            yield return new object[] { "echo", (Action<FakeHub>)(h => h.On(ApiMain, FakeResponse.Error(403, null, "token " + Token + " refused"))) };
        }

        [Theory]
        [MemberData(nameof(FailureScenarios))]
        public void Token_is_sent_as_bearer_and_never_appears_in_errors(string name, Action<FakeHub> setup)
        {
            setup(_hub);
            var o = Options(Token);
            o.Timeout = TimeSpan.FromMilliseconds(400);
            var e = ResolveFails(o);
            Assert.True(_hub.Requests.Count > 0, name);
            Assert.All(_hub.Requests, r => Assert.Equal("Bearer " + Token, r.Authorization));
            Assert.DoesNotContain(Token, e.ToString());
            Assert.DoesNotContain(Token, e.Url ?? "");
            Assert.DoesNotContain(Token, o.ToString());
        }

        [Theory]
        [InlineData("gpt2")]
        [InlineData("a/b/c")]
        [InlineData("../etc")]
        [InlineData("org/../x")]
        [InlineData("org/na me")]
        [InlineData("org/")]
        [InlineData("")]
        public void Invalid_repo_id_fails_before_any_request(string id)
        {
            var e = ResolveFails(Options(), repo: id);
            Assert.Equal(HubErrorKind.InvalidRepoId, e.Kind);
            Assert.Empty(_hub.Requests);
        }

        [Theory]
        [InlineData("../../etc")]
        [InlineData("/abs")]
        [InlineData("a\\b")]
        [InlineData("refs//pr")]
        public void Invalid_revision_fails_before_any_request(string rev)
        {
            var e = ResolveFails(Options(), rev: rev);
            Assert.Equal(HubErrorKind.InvalidRevision, e.Kind);
            Assert.Empty(_hub.Requests);
        }

        [Fact]
        public void Bad_endpoint_is_reported_without_user_info()
        {
            var o = Options();
            o.Endpoint = "ftp://user:pw@example.org";
            var e = ResolveFails(o);
            Assert.Equal(HubErrorKind.Network, e.Kind);
            Assert.DoesNotContain("pw", e.Message);
        }

        [Fact]
        public void Synchronous_Resolve_does_not_deadlock_on_a_single_threaded_context()
        {
            ServeHappyPath();
            Exception? error = null;
            ResolvedModelSource? result = null;
            var thread = new Thread(() =>
            {
                SynchronizationContext.SetSynchronizationContext(new NeverPumpedContext());
                // a generous timeout: this test is about the continuation never running, not about a slow machine
                var options = Options();
                options.Timeout = TimeSpan.FromSeconds(15);
                try { result = Resolve(options); }
                catch (Exception e) { error = e; }
            });
            thread.Start();
            Assert.True(thread.Join(TimeSpan.FromSeconds(30)), "Resolve deadlocked");
            Assert.Null(error);
            Assert.Equal(Sha, result!.CommitSha);
        }

        /// <summary>Like a UI or PowerShell pipeline thread that is blocked: posted continuations never run.</summary>
        private sealed class NeverPumpedContext : SynchronizationContext
        {
            public override void Post(SendOrPostCallback d, object? state) { }
            public override void Send(SendOrPostCallback d, object? state) { }
        }
    }
}
