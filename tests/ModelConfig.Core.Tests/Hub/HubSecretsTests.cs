using System;
using System.IO;
using System.Threading.Tasks;
using ModelConfig.Core.Hub;
using Xunit;
using static ModelConfig.Core.Tests.Hub.HubResolverTests;

namespace ModelConfig.Core.Tests.Hub
{
    /// <summary>Nothing taken from a response or the environment may carry a secret into an exception or a message.</summary>
    public sealed class HubSecretsTests : IDisposable
    {
        private readonly FakeHub _hub = FakeHub.Start();
        private readonly string _cache = Path.Combine(Path.GetTempPath(), "mc-hub-secrets-" + Guid.NewGuid().ToString("N"));

        public void Dispose()
        {
            _hub.Dispose();
            try { if (Directory.Exists(_cache)) Directory.Delete(_cache, recursive: true); } catch (IOException) { }
        }

        private HubOptions Options(string? token = Token) => new HubOptions
        {
            Endpoint = _hub.Url,
            CacheDir = _cache,
            Token = token,
            Timeout = TimeSpan.FromSeconds(5),
            MaxRetries = 0,
            Delay = (t, ct) => Task.CompletedTask,
        };

        private HubException ResolveFails(HubOptions o)
        {
            using var r = new HubResolver(o);
            return Assert.Throws<HubException>(() => r.Resolve(Repo));
        }

        [Fact]
        public void A_token_echoed_in_the_error_code_header_is_scrubbed()
        {
            _hub.On(ApiMain, FakeResponse.Error(401, "Auth Bearer " + Token));
            var e = ResolveFails(Options());
            Assert.DoesNotContain(Token, e.HubErrorCode);
            Assert.DoesNotContain(Token, e.ToString());
        }

        [Fact]
        public void A_foreign_token_echoed_in_the_error_message_is_scrubbed()
        {
            const string other = "hf_SomeoneElsesTokenAbcdef123";
            _hub.On(ApiMain, FakeResponse.Error(403, "GatedRepo", "token " + other + " has no access"));
            var e = ResolveFails(Options(token: null));
            Assert.DoesNotContain(other, e.Message);
            Assert.Contains("hf_***", e.Message);
        }

        [Fact]
        public void An_answer_over_the_size_limit_says_so_instead_of_unreachable()
        {
            var o = Options();
            o.MaxResponseBytes = 1024;
            _hub.On(ApiMain, FakeResponse.Json("{\"sha\":\"" + new string('a', 4096) + "\"}"));
            var e = ResolveFails(o);
            Assert.Equal(HubErrorKind.MalformedResponse, e.Kind);
            Assert.Contains("larger than 1 KiB", e.Message);
            Assert.DoesNotContain("Could not reach", e.Message);
        }

        [Theory]
        [InlineData(16L * 1024 * 1024, "16 MiB")]
        [InlineData(1536L * 1024, "1.5 MiB")]
        [InlineData(1024L, "1 KiB")]
        [InlineData(100L, "100 bytes")]
        public void The_size_limit_reads_as_people_say_it(long bytes, string expected) => Assert.Equal(expected, HubResolver.Size(bytes));

        [Theory]
        [InlineData("http://user:secret@hub.example:8080", "http://hub.example:8080")]
        [InlineData("https://hub.example/path", "https://hub.example/path")]
        [InlineData("not a url user:secret@x", "not a url user:secret@x")]
        public void The_endpoint_shown_in_messages_has_no_credentials(string endpoint, string shown)
        {
            var o = new HubOptions { Endpoint = endpoint };
            Assert.Equal(shown, o.SafeEndpoint);
            if (shown != endpoint) Assert.DoesNotContain("secret", o.ToString());
        }
    }
}
