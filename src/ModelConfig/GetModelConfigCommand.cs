using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using ModelConfig.Core.Library;
using ModelConfig.Core.Models;

namespace ModelConfig.Commands
{
    /// <summary>Lists and loads model configurations from the offline library.</summary>
    [Cmdlet(VerbsCommon.Get, "ModelConfig", DefaultParameterSetName = ByModelIdSet)]
    [OutputType(typeof(ModelConfiguration))]
    public sealed class GetModelConfigCommand : PSCmdlet
    {
        private const string ByModelIdSet = "ByModelId";
        private const string ByHuggingFaceIdSet = "ByHuggingFaceId";

        [Parameter(ParameterSetName = ByModelIdSet, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Name")]
        [ArgumentCompleter(typeof(ModelIdCompleter))]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string[]? ModelId { get; set; }

        [Parameter(ParameterSetName = ByHuggingFaceIdSet, Mandatory = true)]
        [Alias("HfModelId")]
        [ArgumentCompleter(typeof(HuggingFaceIdCompleter))]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string[]? HuggingFaceId { get; set; }

        /// <summary>Extra library folders (or single config files), searched before $env:MODELCONFIG_PATH and the bundled library.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[]? Path { get; set; }

        [Parameter]
        public SwitchParameter Validated { get; set; }

        private readonly List<string> _folders = new List<string>();
        private readonly List<string> _files = new List<string>();
        private ModelResolver? _resolver;

        protected override void BeginProcessing()
        {
            foreach (var p in Path ?? Array.Empty<string>())
            {
                var full = GetUnresolvedProviderPathFromPSPath(p);
                if (Directory.Exists(full)) _folders.Add(full);
                else if (File.Exists(full)) _files.Add(full);
                else WriteError(ErrorCatalog.PathNotFound(p));
            }
            _resolver = new ModelResolver(this, _folders);
        }

        protected override void ProcessRecord()
        {
            IEnumerable<ModelConfiguration> models = ParameterSetName == ByHuggingFaceIdSet
                ? _resolver!.ResolveByHuggingFaceId(HuggingFaceId!)
                : LoadFiles().Concat(_resolver!.Resolve(ModelId));
            foreach (var model in models)
            {
                if (Stopping) return;
                if (Validated && !model.Validated) continue;
                WriteObject(model);
            }
        }

        /// <summary>Config files named directly by -Path, filtered by -ModelId when given.</summary>
        private IEnumerable<ModelConfiguration> LoadFiles()
        {
            foreach (var file in _files)
            {
                if (Stopping) yield break;
                ModelConfiguration model;
                try { model = ModelLibrary.LoadFile(file); }
                catch (Core.Serialization.DataFileFormatException e)
                {
                    WriteError(ErrorCatalog.ModelConfigInvalid(file, e));
                    continue;
                }
                // A malformed pattern matches nothing here; the resolver reports it once.
                if (ModelId == null || ModelId.Any(id => WildcardMatcher.TryParse(id, out _)?.IsMatch(model.ModelId) == true))
                    yield return model;
            }
        }
    }
}
