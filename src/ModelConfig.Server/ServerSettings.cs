using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;

namespace ModelConfig.Server
{
    /// <summary>How the server was asked to run: where it listens, whether remote clients are allowed, which data it serves.</summary>
    public sealed class ServerSettings
    {
        public const string DefaultUrl = "http://127.0.0.1:5080";
        /// <summary>Every request body the API accepts is a few hundred bytes; 64 KiB leaves room without inviting abuse.</summary>
        public const long MaxRequestBodyBytes = 64 * 1024;

        // POST /v1/find: caps on each factor of the search (hardware x layouts x precisions x load levels), so that no
        // request asks for hours of work. A search of every chip at max_gpus 8 takes about a second.
        public const int MaxFindGpus = 64;
        public const int MaxFindHardware = 64;
        public const int MaxFindLevels = 16;
        public const int MaxFindPrecisions = 8;
        public const int MaxFindTop = 100;
        /// <summary>Wall time one search may take, its wait for a slot included; past it the answer is 400 search-too-large.</summary>
        public TimeSpan FindTimeBudget { get; set; } = TimeSpan.FromSeconds(30);
        /// <summary>Searches running at once; half the cores, so estimates and pages stay responsive while searches run.</summary>
        public int MaxConcurrentSearches { get; set; } = Math.Max(1, Environment.ProcessorCount / 2);

        public List<string> Urls { get; } = new List<string>();
        public bool AllowRemote { get; set; }
        /// <summary>The folder holding model_configs/ and hardware/ (the module's data folder).</summary>
        public string DataFolder { get; set; } = DefaultDataFolder();
        public string? ModelPathVariable { get; set; } = Environment.GetEnvironmentVariable("MODELCONFIG_PATH");
        public string? HardwarePathVariable { get; set; } = Environment.GetEnvironmentVariable("MODELCONFIG_HARDWARE_PATH");

        /// <summary>Parses --urls, --allow-remote and --data; other arguments are left to ASP.NET Core's configuration.</summary>
        public static ServerSettings Parse(string[] args, out List<string> rest)
        {
            var s = new ServerSettings();
            rest = new List<string>();
            for (int i = 0; i < args.Length; i++)
            {
                var a = args[i];
                if (a == "--allow-remote") s.AllowRemote = true;
                else if ((a == "--urls" || a == "--data") && i + 1 < args.Length)
                {
                    var v = args[++i];
                    if (a == "--urls") s.Urls.AddRange(v.Split(';', StringSplitOptions.RemoveEmptyEntries));
                    else s.DataFolder = Path.GetFullPath(v);
                }
                else if (a.StartsWith("--urls=", StringComparison.Ordinal)) s.Urls.AddRange(a.Substring(7).Split(';', StringSplitOptions.RemoveEmptyEntries));
                else if (a == "--help" || a == "-h") throw new ServerUsageException(null);
                else rest.Add(a);
            }
            if (s.Urls.Count == 0) s.Urls.Add(DefaultUrl);
            return s;
        }

        /// <summary>The URLs that would expose the server beyond this machine.</summary>
        public IReadOnlyList<string> RemoteUrls() => Urls.Where(u => !IsLoopback(u)).ToList();

        internal static bool IsLoopback(string url)
        {
            if (!Uri.TryCreate(url.Replace("://*", "://0.0.0.0").Replace("://+", "://0.0.0.0"), UriKind.Absolute, out var uri)) return false;
            if (string.Equals(uri.Host, "localhost", StringComparison.OrdinalIgnoreCase)) return true;
            return IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip);
        }

        /// <summary>In the module the server sits in server/ next to data/; from a source checkout, the repository's data/.</summary>
        private static string DefaultDataFolder()
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            for (var d = dir; d != null; d = d.Parent)
            {
                var candidate = Path.Combine(d.FullName, "data");
                if (Directory.Exists(Path.Combine(candidate, "model_configs"))) return candidate;
            }
            return Path.Combine(dir.Parent?.FullName ?? dir.FullName, "data");
        }
    }

    public sealed class ServerUsageException : Exception
    {
        public ServerUsageException(string? message) : base(message ?? Usage) { }

        public const string Usage =
            "Usage: dotnet ModelConfig.Server.dll [--urls http://127.0.0.1:5080] [--allow-remote] [--data <module data folder>]\n" +
            "Listens on loopback only unless --allow-remote is given. Models and hardware: the data folder, then\n" +
            "$MODELCONFIG_PATH and $MODELCONFIG_HARDWARE_PATH (earlier folders win), as the cmdlets do.";
    }
}
