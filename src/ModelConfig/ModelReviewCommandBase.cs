using System.Management.Automation;

namespace ModelConfig.Commands
{
    /// <summary>The review input shared by Test-ModelConfig and Set-ModelValidation: an independent count and its source.</summary>
    public abstract class ModelReviewCommandBase : ModelInputCommandBase
    {
        [Parameter]
        [ValidateRange(1L, long.MaxValue)]
        public long? ReferenceParams { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? ReferenceSource { get; set; }
    }
}
