using System;
using System.Collections.Generic;
using System.IO;
using ModelConfig.Core.Hub;
using Xunit;

namespace ModelConfig.Core.Tests.Hub
{
    public sealed class HubOptionsTests
    {
        private static readonly string Home = Path.Combine(Path.GetTempPath(), "mc-fake-home-" + Guid.NewGuid().ToString("N"));

        private static HubOptions From(Dictionary<string, string> env, bool readTokenFile = false) =>
            HubOptions.FromEnvironment(n => env.TryGetValue(n, out var v) ? v : null, Home, readTokenFile);

        [Fact]
        public void Defaults_follow_huggingface_hub()
        {
            var o = From(new Dictionary<string, string>());
            Assert.Equal("https://huggingface.co", o.Endpoint);
            Assert.Equal(Path.Combine(Home, ".cache", "huggingface", "hub"), o.CacheDir);
            Assert.False(o.Offline);
            Assert.Null(o.Token);
            Assert.Equal(TimeSpan.FromSeconds(30), o.Timeout);
        }

        [Fact]
        public void Endpoint_token_and_home_come_from_the_environment()
        {
            var o = From(new Dictionary<string, string>
            {
                ["HF_ENDPOINT"] = "https://hf-mirror.example/",
                ["HF_TOKEN"] = "hf_abc",
                ["HF_HOME"] = "/data/hf",
            });
            Assert.Equal("https://hf-mirror.example", o.Endpoint);
            Assert.Equal("hf_abc", o.Token);
            Assert.Equal(Path.Combine("/data/hf", "hub"), o.CacheDir);
            Assert.Equal("Endpoint=https://hf-mirror.example, CacheDir=" + o.CacheDir + ", Offline=False, Token=(set)", o.ToString());
        }

        [Fact]
        public void HF_HUB_CACHE_wins_over_HF_HOME_and_tilde_is_expanded()
        {
            var o = From(new Dictionary<string, string> { ["HF_HOME"] = "/data/hf", ["HF_HUB_CACHE"] = "~/models" });
            Assert.Equal(Path.Combine(Home, "models"), o.CacheDir);
        }

        [Fact]
        public void XDG_CACHE_HOME_moves_the_default_home()
        {
            var o = From(new Dictionary<string, string> { ["XDG_CACHE_HOME"] = "/xdg" });
            Assert.Equal(Path.Combine("/xdg", "huggingface", "hub"), o.CacheDir);
        }

        [Theory]
        [InlineData("1", true)]
        [InlineData("true", true)]
        [InlineData("YES", true)]
        [InlineData("on", true)]
        [InlineData("0", false)]
        [InlineData("false", false)]
        [InlineData("", false)]
        public void HF_HUB_OFFLINE_truth_values(string value, bool expected)
        {
            Assert.Equal(expected, From(new Dictionary<string, string> { ["HF_HUB_OFFLINE"] = value }).Offline);
        }

        [Fact]
        public void Token_file_under_HF_HOME_is_read_when_HF_TOKEN_is_unset()
        {
            var hfHome = Path.Combine(Path.GetTempPath(), "mc-hfhome-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(hfHome);
            try
            {
                File.WriteAllText(Path.Combine(hfHome, "token"), "hf_fromfile\n");
                var env = new Dictionary<string, string> { ["HF_HOME"] = hfHome };
                Assert.Equal("hf_fromfile", From(env, readTokenFile: true).Token);
                Assert.Null(From(env, readTokenFile: false).Token);
                env["HF_TOKEN"] = "hf_env";
                Assert.Equal("hf_env", From(env, readTokenFile: true).Token);
            }
            finally { Directory.Delete(hfHome, true); }
        }
    }
}
