using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Management.Automation;
using System.Net;
using System.Net.Http;
using System.Runtime.InteropServices;
using System.Threading;

namespace ModelConfig.Commands
{
    /// <summary>Starts the module's HTTP server (server/ModelConfig.Server.dll) as a child process and returns once /healthz answers.</summary>
    [Cmdlet(VerbsLifecycle.Start, "ModelConfigServer")]
    [OutputType(typeof(ModelConfigServer))]
    public sealed class StartModelConfigServerCommand : PSCmdlet
    {
        private const string ReadyPrefix = "ModelConfig.Server listening on ";

        /// <summary>0 (the default): a free port chosen by the system.</summary>
        [Parameter(Position = 0)]
        [ValidateRange(0, 65535)]
        public int Port { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string Address { get; set; } = "127.0.0.1";

        [Parameter]
        public SwitchParameter AllowRemote { get; set; }

        [Parameter]
        [ValidateRange(1, 600)]
        public int TimeoutSec { get; set; } = 30;

        protected override void EndProcessing()
        {
            if (!IPAddress.TryParse(Address, out var ip))
                ThrowTerminatingError(ErrorCatalog.InvalidAddress(Address));
            if (!IPAddress.IsLoopback(ip!))
            {
                if (!AllowRemote) ThrowTerminatingError(ErrorCatalog.RemoteBindingNotAllowed(Address));
                WriteWarning($"The server listens on {Address}: anyone who can reach it can use the API (it has no authentication).");
            }
            var dll = Path.Combine(ModulePaths.ModuleBase, "server", "ModelConfig.Server.dll");
            if (!File.Exists(dll)) ThrowTerminatingError(ErrorCatalog.ServerStartFailed($"The module has no server: '{dll}' is missing.", dll));

            var host = ip!.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{ip}]" : ip.ToString();
            var start = new ProcessStartInfo(DotnetHost())
            {
                UseShellExecute = false,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                CreateNoWindow = true,
            };
            var args = new List<string> { dll, "--urls", $"http://{host}:{Port}", "--data", Path.Combine(ModulePaths.ModuleBase, "data") };
            if (AllowRemote) args.Add("--allow-remote");
            start.Arguments = string.Join(" ", args.ConvertAll(Quote));
            // The child inherits $env:MODELCONFIG_PATH and MODELCONFIG_HARDWARE_PATH, so it sees the libraries the cmdlets see.
            start.Environment["Logging__LogLevel__Default"] = "Warning";

            var ready = new ManualResetEventSlim();
            string? url = null;
            var stderr = new List<string>();
            var process = new Process { StartInfo = start };
            // Both pipes are drained for the server's whole life, or a chatty server would block on a full pipe.
            process.OutputDataReceived += (_, e) =>
            {
                if (url == null && e.Data != null && e.Data.StartsWith(ReadyPrefix, StringComparison.Ordinal))
                {
                    url = e.Data.Substring(ReadyPrefix.Length).Split(' ')[0];
                    ready.Set();
                }
            };
            process.ErrorDataReceived += (_, e) => { if (e.Data != null) lock (stderr) if (stderr.Count < 20) stderr.Add(e.Data); };
            process.Exited += (_, _) => ready.Set();
            process.EnableRaisingEvents = true;
            try
            {
                process.Start();
            }
            catch (Exception e) when (e is System.ComponentModel.Win32Exception || e is InvalidOperationException)
            {
                ThrowTerminatingError(ErrorCatalog.ServerStartFailed($"Could not run '{start.FileName}': {e.Message}", start.FileName));
            }
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();

            var deadline = DateTime.UtcNow.AddSeconds(TimeoutSec);
            if (!ready.Wait(TimeSpan.FromSeconds(TimeoutSec)) || url == null || !Healthy(url, deadline))
            {
                if (!process.HasExited) process.Kill();
                process.WaitForExit(5000);
                string why;
                lock (stderr) why = stderr.Count > 0 ? string.Join(Environment.NewLine, stderr) : $"no answer within {TimeoutSec} s";
                ThrowTerminatingError(ErrorCatalog.ServerStartFailed($"The server did not start: {why}", dll));
            }
            WriteObject(new ModelConfigServer(url!, process.Id, process.StartTime));
        }

        /// <summary>netstandard2.0 has no ArgumentList: quote as the runtime splits (module paths may hold spaces).</summary>
        private static string Quote(string a) => a.Length > 0 && a.IndexOfAny(new[] { ' ', '"', '\t' }) < 0 ? a : "\"" + a.Replace("\"", "\\\"") + "\"";

        private static bool Healthy(string url, DateTime deadline)
        {
            using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
            while (DateTime.UtcNow < deadline)
            {
                try
                {
                    using var r = client.GetAsync(url.TrimEnd('/') + "/healthz").GetAwaiter().GetResult();
                    if (r.IsSuccessStatusCode) return true;
                }
                catch (Exception e) when (e is HttpRequestException || e is System.Threading.Tasks.TaskCanceledException) { }
                Thread.Sleep(100);
            }
            return false;
        }

        /// <summary>
        /// The dotnet host that runs this PowerShell, when it is one (dotnet pwsh, or a global tool); else the host next to the
        /// runtime; else dotnet on PATH. The server needs the ASP.NET Core runtime, which a standalone pwsh does not carry.
        /// </summary>
        private static string DotnetHost()
        {
            var exe = RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? "dotnet.exe" : "dotnet";
            var self = Process.GetCurrentProcess().MainModule?.FileName;
            if (self != null && string.Equals(Path.GetFileName(self), exe, StringComparison.OrdinalIgnoreCase)) return self;
            var env = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
            if (!string.IsNullOrEmpty(env) && File.Exists(env)) return env!;
            var runtimeDir = RuntimeEnvironment.GetRuntimeDirectory();
            var beside = Path.GetFullPath(Path.Combine(runtimeDir, "..", "..", "..", exe));
            return File.Exists(beside) ? beside : exe;
        }
    }
}
