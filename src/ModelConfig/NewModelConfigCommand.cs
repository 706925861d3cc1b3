using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using ModelConfig.Core.Building;
using ModelConfig.Core.Hub;
using ModelConfig.Core.Library;
using ModelConfig.Core.Models;
using ModelConfig.Core.Serialization;

namespace ModelConfig.Commands
{
    /// <summary>Builds a model config file from a HuggingFace config.json: a local file or folder, the HF cache, or the Hub.</summary>
    [Cmdlet(VerbsCommon.New, "ModelConfig", DefaultParameterSetName = ByPathSet, SupportsShouldProcess = true)]
    [OutputType(typeof(ModelConfiguration))]
    public sealed class NewModelConfigCommand : PSCmdlet
    {
        private const string ByPathSet = "ByPath";
        private const string ByHuggingFaceIdSet = "ByHuggingFaceId";
        // -Path with -HuggingFaceId (recorded only). A set of its own, so that -HuggingFaceId alone is not also a
        // member of the default ByPath set: it would then resolve to ByPath and prompt for the missing -Path.
        private const string ByPathWithHuggingFaceIdSet = "ByPathWithHuggingFaceId";

        [Parameter(ParameterSetName = ByPathSet, Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Parameter(ParameterSetName = ByPathWithHuggingFaceIdSet, Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("FullName")]
        [ValidateNotNullOrEmpty]
        public string? Path { get; set; }

        /// <summary>With -Path: the HuggingFace id the local config belongs to (recorded, nothing is downloaded).</summary>
        [Parameter(ParameterSetName = ByHuggingFaceIdSet, Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Parameter(ParameterSetName = ByPathWithHuggingFaceIdSet, Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [Alias("HfModelId")]
        [ArgumentCompleter(typeof(HuggingFaceIdCompleter))]
        [ValidateNotNullOrEmpty]
        public string? HuggingFaceId { get; set; }

        [Parameter(ParameterSetName = ByHuggingFaceIdSet)]
        [ValidateNotNullOrEmpty]
        public string? Revision { get; set; }

        /// <summary>A HuggingFace access token; never written to output, errors or the file.</summary>
        [Parameter(ParameterSetName = ByHuggingFaceIdSet)]
        [ValidateNotNullOrEmpty]
        public string? Token { get; set; }

        [Parameter(ParameterSetName = ByHuggingFaceIdSet)]
        [ValidateRange(1, 600)]
        public int TimeoutSec { get; set; } = 30;

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? ModelId { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Name { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? OutputDirectory { get; set; }

        [Parameter]
        public SwitchParameter Force { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        private readonly CancellationTokenSource _cancel = new CancellationTokenSource();

        /// <summary>Files this call wrote, with the input each came from: a second input mapping to one file would silently replace the first.</summary>
        private readonly System.Collections.Generic.Dictionary<string, string> _written =
            new System.Collections.Generic.Dictionary<string, string>(StringComparer.Ordinal);

        /// <summary>The folder of a config.json (./Llama-3.1-8B/config.json names Llama-3.1-8B), else the file's own name.</summary>
        private static string? LocalName(string? configPath)
        {
            if (configPath == null) return null;
            var fileName = System.IO.Path.GetFileNameWithoutExtension(configPath);
            if (!string.Equals(fileName, "config", StringComparison.OrdinalIgnoreCase)) return fileName;
            return System.IO.Path.GetFileName(System.IO.Path.GetDirectoryName(configPath));
        }

        protected override void StopProcessing() => _cancel.Cancel();

        private bool FromPath => ParameterSetName != ByHuggingFaceIdSet;

        protected override void ProcessRecord()
        {
            if (Stopping) return;
            string target = FromPath ? Path! : HuggingFaceId!;
            ResolvedModelSource? source = FromPath ? ResolveLocal() : ResolveHub();
            if (source == null) return;
            foreach (var w in source.Warnings) WriteWarning(w);

            if (ModelId != null && !ModelIds.IsValid(ModelId, out var reason))
            {
                WriteError(ErrorCatalog.InvalidModelId(ModelId, reason));
                return;
            }

            ModelConfiguration model;
            try
            {
                model = ModelConfigBuilder.Build(source.Config, new BuildOptions
                {
                    ModelId = ModelId,
                    Name = Name,
                    HfModelId = source.HfModelId ?? HuggingFaceId,
                    FallbackName = FromPath ? LocalName(source.ConfigPath) : null,
                    Source = new ModelSource
                    {
                        Kind = FromPath ? "file" : "hub",
                        // a Hub download is config.json, cached yet or not
                        File = FromPath ? System.IO.Path.GetFileName(source.ConfigPath) : "config.json",
                        HfModelId = source.HfModelId ?? HuggingFaceId,
                        Revision = source.Revision,
                        CommitSha = source.CommitSha,
                        RetrievedAtUtc = DateTime.UtcNow,
                    },
                });
            }
            catch (UnsupportedArchitectureException e)
            {
                WriteError(ErrorCatalog.UnsupportedArchitecture(e, target));
                return;
            }
            catch (InvalidModelConfigException e)
            {
                WriteError(ErrorCatalog.InvalidModelConfig(e, target));
                return;
            }

            var folder = OutputFolder();
            if (IsInsideModule(folder))
            {
                WriteError(ErrorCatalog.ModuleFolderReadOnly(folder));
                return;
            }
            var file = System.IO.Path.Combine(folder, model.ModelId + ".json");
            if (_written.TryGetValue(file, out var earlier))
            {
                WriteError(ErrorCatalog.SameOutputTwice(file, earlier, target));
                return;
            }
            if (File.Exists(file) && !Force)
            {
                WriteError(ErrorCatalog.ModelConfigExists(file));
                return;
            }
            if (!ShouldProcess(file, $"Write model config '{model.ModelId}' ({model.TotalParams:N0} parameters)")) return;
            // The download was kept in memory (ResolveHub) so that -WhatIf and a declined -Confirm leave the HF cache alone.
            if (source.CacheWritePending)
            {
                var cached = HubResolver.CompleteCacheWrite(source, out var cacheWarning);
                if (cacheWarning != null) WriteWarning(cacheWarning);
                else if (cached != null) WriteVerbose($"Stored in the HuggingFace cache: {cached}");
            }
            try
            {
                Directory.CreateDirectory(folder);
                AtomicFile.WriteAllText(file, ModelConfigJson.Write(model), overwrite: Force);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                WriteError(ErrorCatalog.WriteFailed(file, e));
                return;
            }
            _written[file] = target;
            ModelLibrary.Invalidate(file);
            WriteVerbose($"Wrote {file}: {model.TotalParams:N0} parameters, validated = false.");
            if (PassThru) WriteObject(ModelLibrary.LoadFile(file));
        }

        private ResolvedModelSource? ResolveLocal()
        {
            string full;
            try { full = GetUnresolvedProviderPathFromPSPath(Path); }
            catch (Exception e) when (e is ItemNotFoundException || e is ProviderNotFoundException || e is System.Management.Automation.DriveNotFoundException)
            {
                WriteError(ErrorCatalog.PathNotFound(Path!, e));
                return null;
            }
            try { return HubResolver.ResolveLocal(full); }
            catch (FileNotFoundException e) when (Directory.Exists(full)) { WriteError(ErrorCatalog.ConfigJsonMissing(Path!, full, e)); }
            catch (FileNotFoundException e) { WriteError(ErrorCatalog.PathNotFound(Path!, e, HubIdHint())); }
            catch (DirectoryNotFoundException e) { WriteError(ErrorCatalog.PathNotFound(Path!, e, HubIdHint())); }
            catch (DataFileFormatException e) { WriteError(ErrorCatalog.InvalidModelConfig(e, full)); }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException) { WriteError(ErrorCatalog.InvalidModelConfig(e, full)); }
            return null;
        }

        /// <summary>New-ModelConfig meta-llama/Llama-3.1-8B binds the id to -Path: say where it belongs.</summary>
        private string? HubIdHint() =>
            ParameterSetName == ByPathSet && HubIds.IsValidRepoId(Path, out _)
                ? $" It looks like a HuggingFace id: New-ModelConfig -HuggingFaceId '{Path}' downloads its config.json from the Hub."
                : null;

        private ResolvedModelSource? ResolveHub()
        {
            var options = HubOptions.FromEnvironment(Environment.GetEnvironmentVariable,
                Environment.GetFolderPath(Environment.SpecialFolder.UserProfile));
            if (Token != null) options.Token = Token;
            options.Timeout = TimeSpan.FromSeconds(TimeoutSec);
            options.DeferCacheWrite = true;
            WriteVerbose($"Resolving {HuggingFaceId}@{Revision ?? HubIds.DefaultRevision}: cache {options.CacheDir}, endpoint {options.SafeEndpoint}, offline {options.Offline}.");
            try
            {
                using var resolver = new HubResolver(options);
                var resolved = resolver.Resolve(HuggingFaceId!, Revision, _cancel.Token);
                WriteVerbose(resolved.FromCache ? $"Found in the HuggingFace cache: {resolved.ConfigPath}" : $"Downloaded from {options.SafeEndpoint} at commit {resolved.CommitSha}.");
                return resolved;
            }
            catch (HubException e)
            {
                WriteError(ErrorCatalog.Hub(e, HuggingFaceId!));
                return null;
            }
            catch (OperationCanceledException) when (_cancel.IsCancellationRequested)
            {
                return null;
            }
        }

        /// <summary>-OutputDirectory, else the first folder of MODELCONFIG_PATH, else the current folder (the caller refuses the installed module).</summary>
        private string OutputFolder()
        {
            if (OutputDirectory != null) return GetUnresolvedProviderPathFromPSPath(OutputDirectory);
            var first = SearchPath.Split(Environment.GetEnvironmentVariable(ModelLibrary.EnvironmentVariable)).FirstOrDefault();
            if (first != null) return System.IO.Path.GetFullPath(first);
            return SessionState.Path.CurrentFileSystemLocation.ProviderPath;
        }

        internal static bool IsInsideModule(string path)
        {
            var full = System.IO.Path.GetFullPath(path).TrimEnd(System.IO.Path.DirectorySeparatorChar) + System.IO.Path.DirectorySeparatorChar;
            var module = ModulePaths.ModuleBase.TrimEnd(System.IO.Path.DirectorySeparatorChar) + System.IO.Path.DirectorySeparatorChar;
            return full.StartsWith(module, StringComparison.Ordinal);
        }
    }
}
