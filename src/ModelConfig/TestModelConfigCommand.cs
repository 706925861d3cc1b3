using System.Management.Automation;
using ModelConfig.Core.Building;
using ModelConfig.Core.Validation;

namespace ModelConfig.Commands
{
    /// <summary>Runs the checks Set-ModelValidation requires, and returns each as an object, so a reviewer sees them before signing.</summary>
    [Cmdlet(VerbsDiagnostic.Test, "ModelConfig", DefaultParameterSetName = ByModelIdSet)]
    [OutputType(typeof(ValidationCheck))]
    public sealed class TestModelConfigCommand : ModelReviewCommandBase
    {
        [Parameter]
        public string? Notes { get; set; }

        protected override void ProcessRecord()
        {
            foreach (var model in InputModels())
            {
                foreach (var check in ModelValidator.Run(model, ModelConfigBuilder.Rebuild, ReferenceParams, ReferenceSource, Notes ?? model.ValidationNotes))
                    WriteObject(check);
            }
        }
    }
}
