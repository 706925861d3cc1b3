using System;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Xunit;

namespace ModelConfig.Server.Tests
{
    /// <summary>One real server on 127.0.0.1:0 for the whole test class collection: starting Kestrel once keeps the tests fast.</summary>
    public sealed class ServerFixture : IAsyncLifetime
    {
        public WebApplication App { get; private set; } = null!;
        public HttpClient Client { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            // Only the repository's data: a developer's MODELCONFIG_PATH must not change the answers.
            var settings = new ServerSettings { ModelPathVariable = null, HardwarePathVariable = null };
            settings.Urls.Add("http://127.0.0.1:0");
            App = ServerApp.Build(settings, new[] { "--Logging:LogLevel:Default=Warning" });
            await App.StartAsync();
            Client = new HttpClient { BaseAddress = new Uri(ServerApp.ListeningUrls(App).Single()), Timeout = TimeSpan.FromSeconds(60) };
        }

        public async Task DisposeAsync()
        {
            Client.Dispose();
            await App.StopAsync();
            await App.DisposeAsync();
        }

        public async Task<(int Status, JsonNode? Body)> Get(string url)
        {
            using var r = await Client.GetAsync(url);
            return ((int)r.StatusCode, Parse(await r.Content.ReadAsStringAsync()));
        }

        public async Task<(int Status, JsonNode? Body)> Post(string url, string json)
        {
            using var r = await Client.PostAsync(url, new StringContent(json, Encoding.UTF8, "application/json"));
            return ((int)r.StatusCode, Parse(await r.Content.ReadAsStringAsync()));
        }

        private static JsonNode? Parse(string text) => string.IsNullOrEmpty(text) ? null : JsonNode.Parse(text);
    }

    [CollectionDefinition(Name)]
    public sealed class ServerCollection : ICollectionFixture<ServerFixture>
    {
        public const string Name = "server";
    }

    internal static class Problems
    {
        /// <summary>Asserts an RFC 7807 body with every member, naming <paramref name="field"/>, and no exception text.</summary>
        public static void Assert(int expectedStatus, (int Status, JsonNode? Body) r, string? field)
        {
            Xunit.Assert.Equal(expectedStatus, r.Status);
            var b = r.Body!.AsObject();
            foreach (var member in new[] { "type", "title", "status", "detail" }) Xunit.Assert.True(b.ContainsKey(member), "problem member " + member);
            Xunit.Assert.Equal(expectedStatus, (int)b["status"]!);
            if (field != null) Xunit.Assert.Equal(field, (string?)b["field"]);
            Xunit.Assert.DoesNotContain("   at ", b.ToJsonString());
            Xunit.Assert.DoesNotContain("Exception", b.ToJsonString());
        }
    }
}
