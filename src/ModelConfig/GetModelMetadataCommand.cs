using System.Management.Automation;
using ModelConfig.Core.Models;

namespace ModelConfig.Commands
{
    /// <summary>Returns the summary record of models: the fields the original system's metadata call returned.</summary>
    [Cmdlet(VerbsCommon.Get, "ModelMetadata", DefaultParameterSetName = ByModelIdSet)]
    [OutputType(typeof(ModelMetadata))]
    public sealed class GetModelMetadataCommand : ModelInputCommandBase
    {
        protected override void ProcessRecord()
        {
            foreach (var model in InputModels()) WriteObject(ModelMetadata.From(model));
        }
    }
}
