using System;
using System.IO;
using ModelConfig.Core.Hub;
using Xunit;
using static ModelConfig.Core.Tests.Hub.HubResolverTests;

namespace ModelConfig.Core.Tests.Hub
{
    /// <summary>HubOptions.DeferCacheWrite: New-ModelConfig -WhatIf (or a declined -Confirm) must leave the HF cache untouched (issue 13.23).</summary>
    public sealed class HubDeferredCacheTests : IDisposable
    {
        private readonly FakeHub _hub = FakeHub.Start();
        private readonly string _cache = Path.Combine(Path.GetTempPath(), "mc-hub-defer-" + Guid.NewGuid().ToString("N"));

        public void Dispose()
        {
            _hub.Dispose();
            try { if (Directory.Exists(_cache)) Directory.Delete(_cache, recursive: true); } catch (IOException) { }
        }

        private ResolvedModelSource Resolve(bool defer)
        {
            _hub.On(ApiMain, FakeResponse.Json("{\"sha\":\"" + Sha + "\"}"));
            _hub.On(ResolveConfig, FakeResponse.Json(ConfigBody));
            using var r = new HubResolver(new HubOptions { Endpoint = _hub.Url, CacheDir = _cache, DeferCacheWrite = defer, Timeout = TimeSpan.FromSeconds(5) });
            return r.Resolve(Repo);
        }

        private string Snapshot => Path.Combine(_cache, "models--test-org--Tiny-Model_1.0", "snapshots", Sha, "config.json");

        [Fact]
        public void Deferred_download_writes_nothing_until_completed_then_exactly_what_the_hub_sent()
        {
            var s = Resolve(defer: true);
            Assert.Equal("llama", (string?)s.Config["model_type"]);
            Assert.Equal(Sha, s.CommitSha);
            Assert.False(s.FromCache);
            Assert.True(s.CacheWritePending);
            Assert.Null(s.ConfigPath);
            Assert.False(Directory.Exists(_cache), "nothing may be written before CompleteCacheWrite");

            var path = HubResolver.CompleteCacheWrite(s, out var warning);
            Assert.Null(warning);
            Assert.Equal(Snapshot, path);
            Assert.Equal(ConfigBody, File.ReadAllText(Snapshot));
            Assert.Equal(Sha, File.ReadAllText(Path.Combine(_cache, "models--test-org--Tiny-Model_1.0", "refs", "main")));
            Assert.False(s.CacheWritePending);
            Assert.Null(HubResolver.CompleteCacheWrite(s, out warning));   // once
            Assert.Null(warning);
        }

        [Fact]
        public void Without_deferral_the_download_is_cached_at_once()
        {
            var s = Resolve(defer: false);
            Assert.False(s.CacheWritePending);
            Assert.Equal(Snapshot, s.ConfigPath);
            Assert.True(File.Exists(Snapshot));
        }

        [Fact]
        public void A_cache_hit_has_nothing_pending()
        {
            Resolve(defer: false);
            var hit = Resolve(defer: true);
            Assert.True(hit.FromCache);
            Assert.False(hit.CacheWritePending);
            Assert.Null(HubResolver.CompleteCacheWrite(hit, out var warning));
            Assert.Null(warning);
        }

        [Fact]
        public void A_cache_that_cannot_be_written_is_a_warning_not_an_error()
        {
            var s = Resolve(defer: true);
            File.WriteAllText(_cache, "a file where the cache folder should be");
            try
            {
                Assert.Null(HubResolver.CompleteCacheWrite(s, out var warning));
                Assert.Contains("could not be written to the HuggingFace cache", warning);
            }
            finally { File.Delete(_cache); }
        }
    }
}
