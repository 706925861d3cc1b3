using System.Management.Automation;
using ModelConfig.Core.Models;

namespace ModelConfig.Commands
{
    /// <summary>Returns the summary record of models: the fields the original system's metadata call returned.</summary>
    [Cmdlet(VerbsCommon.Get, "ModelMetadata", DefaultParameterSetName = ByModelIdSet)]
    [OutputType(typeof(ModelMetadata))]
    public sealed class GetModelMetadataCommand : PSCmdlet
    {
        private const string ByModelIdSet = "ByModelId";
        private const string ByInputObjectSet = "ByInputObject";

        [Parameter(ParameterSetName = ByModelIdSet, Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(ModelIdCompleter))]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string[]? ModelId { get; set; }

        /// <summary>A model config from Get-ModelConfig; used as it is, without reloading its file.</summary>
        [Parameter(ParameterSetName = ByInputObjectSet, Mandatory = true, ValueFromPipeline = true)]
        [ValidateNotNull]
        public ModelConfiguration? InputObject { get; set; }

        [Parameter(ParameterSetName = ByModelIdSet)]
        [ValidateNotNullOrEmpty]
        public string[]? Path { get; set; }

        private ModelResolver? _resolver;

        protected override void BeginProcessing()
        {
            if (ParameterSetName == ByModelIdSet)
            {
                var folders = new System.Collections.Generic.List<string>();
                foreach (var p in Path ?? new string[0]) folders.Add(GetUnresolvedProviderPathFromPSPath(p));
                _resolver = new ModelResolver(this, folders);
            }
        }

        protected override void ProcessRecord()
        {
            if (InputObject != null)
            {
                WriteObject(ModelMetadata.From(InputObject));
                return;
            }
            foreach (var model in _resolver!.Resolve(ModelId)) WriteObject(ModelMetadata.From(model));
        }
    }
}
