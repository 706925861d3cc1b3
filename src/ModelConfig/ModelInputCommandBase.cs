using System.Collections.Generic;
using System.Management.Automation;
using ModelConfig.Core.Models;

namespace ModelConfig.Commands
{
    /// <summary>
    /// The model input shared by cmdlets that act on library models: ids (wildcards, pipeline by property name)
    /// or config objects from Get-ModelConfig (pipeline by value, used as they are).
    /// </summary>
    public abstract class ModelInputCommandBase : PSCmdlet
    {
        protected const string ByModelIdSet = "ByModelId";
        protected const string ByInputObjectSet = "ByInputObject";

        [Parameter(ParameterSetName = ByModelIdSet, Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("Model", "model_id", "Name")]
        [PlanText(array: true)]
        [ArgumentCompleter(typeof(ModelIdCompleter))]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string[]? ModelId { get; set; }

        // ByPropertyName as well as ByValue: with a second set that takes pipeline input by property name, PowerShell no
        // longer latches onto the default ByModelId set for piped objects, so a piped model binds here as it is (one read
        // from -Path or changed in memory) instead of being looked up again by its ModelId. ByModelId stays the default,
        // so a bare call prompts for ModelId, where a typed id works, not for an InputObject no typed text converts to.
        [Parameter(ParameterSetName = ByInputObjectSet, Mandatory = true, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNull]
        public ModelConfiguration? InputObject { get; set; }

        [Parameter(ParameterSetName = ByModelIdSet)]
        [ValidateNotNullOrEmpty]
        public string[]? Path { get; set; }

        private ModelResolver? _resolver;

        /// <summary>The models of the current pipeline record.</summary>
        protected IEnumerable<ModelConfiguration> InputModels()
        {
            if (ParameterSetName == ByInputObjectSet) return new[] { InputObject! };
            // Created on first use: the parameter set is only known once pipeline input has bound.
            if (_resolver == null)
            {
                var folders = new List<string>();
                foreach (var p in Path ?? new string[0]) folders.Add(GetUnresolvedProviderPathFromPSPath(p));
                _resolver = new ModelResolver(this, folders);
            }
            return _resolver.Resolve(ModelId);
        }
    }
}
