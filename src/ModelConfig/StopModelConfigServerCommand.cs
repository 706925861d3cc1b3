using System;
using System.Diagnostics;
using System.IO;
using System.Management.Automation;

namespace ModelConfig.Commands
{
    /// <summary>Stops servers started by Start-ModelConfigServer; refuses processes that are not one.</summary>
    [Cmdlet(VerbsLifecycle.Stop, "ModelConfigServer", SupportsShouldProcess = true, DefaultParameterSetName = ByObjectSet)]
    [OutputType(typeof(void))]
    public sealed class StopModelConfigServerCommand : PSCmdlet
    {
        private const string ByObjectSet = "ByObject", ByIdSet = "ById";

        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ParameterSetName = ByObjectSet)]
        public ModelConfigServer[]? InputObject { get; set; }

        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true, ParameterSetName = ByIdSet)]
        [Alias("Id")]
        public int[]? ProcessId { get; set; }

        protected override void ProcessRecord()
        {
            if (InputObject != null) foreach (var s in InputObject) Stop(s.ProcessId, s.StartTime);
            if (ProcessId != null) foreach (var id in ProcessId) Stop(id, null);
        }

        private void Stop(int id, DateTime? startTime)
        {
            Process process;
            try
            {
                process = Process.GetProcessById(id);
            }
            catch (ArgumentException)
            {
                WriteError(ErrorCatalog.ServerNotFound(id, "no such process"));
                return;
            }
            using (process)
            {
                var reason = NotOurs(process, startTime);
                if (reason != null)
                {
                    WriteError(ErrorCatalog.ServerNotFound(id, reason));
                    return;
                }
                if (!ShouldProcess($"ModelConfig server (process {id})", "Stop")) return;
                try
                {
                    process.Kill();
                    process.WaitForExit(10000);
                }
                catch (InvalidOperationException)
                {
                    // It exited between the check and the kill: stopped is what was asked.
                }
            }
        }

        /// <summary>Why the process is not a ModelConfig server (a reused id, another program), or null.</summary>
        private static string? NotOurs(Process process, DateTime? startTime)
        {
            try
            {
                if (process.HasExited) return "it has exited";
                if (startTime.HasValue && Math.Abs((process.StartTime - startTime.Value).TotalSeconds) > 1) return "the id now belongs to a later process";
            }
            catch (Exception e) when (e is InvalidOperationException || e is System.ComponentModel.Win32Exception)
            {
                return "it cannot be inspected";
            }
            var cmdline = $"/proc/{process.Id}/cmdline";
            if (File.Exists(cmdline))
            {
                try
                {
                    if (File.ReadAllText(cmdline).IndexOf("ModelConfig.Server", StringComparison.Ordinal) < 0) return "its command line does not run ModelConfig.Server";
                }
                catch (IOException) { return "its command line cannot be read"; }
                catch (UnauthorizedAccessException) { return "its command line cannot be read"; }
            }
            else if (!process.ProcessName.StartsWith("dotnet", StringComparison.OrdinalIgnoreCase)) return "it is not a dotnet process";
            return null;
        }
    }
}
