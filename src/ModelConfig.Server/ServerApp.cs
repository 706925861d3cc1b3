using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace ModelConfig.Server
{
    /// <summary>Builds the web application; the standalone entry point and the tests share it.</summary>
    public static class ServerApp
    {
        public static WebApplication Build(ServerSettings settings, string[]? args = null)
        {
            var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = args ?? new string[0], ContentRootPath = System.AppContext.BaseDirectory });
            builder.WebHost.UseUrls(settings.Urls.ToArray());
            builder.WebHost.ConfigureKestrel(k =>
            {
                k.Limits.MaxRequestBodySize = ServerSettings.MaxRequestBodyBytes;
                k.AddServerHeader = false;
            });
            builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = c =>
                c.ProblemDetails.Detail ??= $"{c.HttpContext.Request.Method} {c.HttpContext.Request.Path} is not an endpoint of this API; GET /openapi.json lists them.");
            builder.Services.AddSingleton(settings);
            builder.Services.AddSingleton<ServerLibraries>();
            builder.Services.AddSingleton<LibraryLookup>();
            builder.Services.AddSingleton<SearchGate>();

            var app = builder.Build();
            app.UseMiddleware<ProblemMiddleware>();
            // Unknown routes and wrong methods get a problem body too, not an empty page.
            app.UseStatusCodePages();

            app.MapGet("/healthz", () => Results.Json(new { status = "ok" }));
            app.MapGet("/", () => Results.Stream(Resource("index.html"), "text/html; charset=utf-8"));
            app.MapGet("/openapi.json", () => Results.Stream(Resource("openapi.json"), "application/json"));
            LibraryEndpoints.Map(app);
            OriginalEndpoints.Map(app);
            V1Endpoints.Map(app);
            ChartEndpoints.Map(app);
            return app;
        }

        /// <summary>The addresses Kestrel actually bound (port 0 resolved).</summary>
        public static IReadOnlyList<string> ListeningUrls(WebApplication app) =>
            app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.ToList() ?? new List<string>();

        private static Stream Resource(string name) =>
            typeof(ServerApp).Assembly.GetManifestResourceStream("ModelConfig.Server." + name)!;
    }
}
