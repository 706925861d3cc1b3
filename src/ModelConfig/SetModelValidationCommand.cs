using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using ModelConfig.Core.Building;
using ModelConfig.Core.Library;
using ModelConfig.Core.Models;
using ModelConfig.Core.Validation;

namespace ModelConfig.Commands
{
    /// <summary>Marks model configs validated (or not) after the checks of Test-ModelConfig pass, recording who, when and why.</summary>
    [Cmdlet(VerbsCommon.Set, "ModelValidation", DefaultParameterSetName = ByModelIdSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(ModelConfiguration))]
    public sealed class SetModelValidationCommand : ModelReviewCommandBase
    {
        [Parameter(Mandatory = true)]
        public SwitchParameter Validated { get; set; }

        [Parameter]
        [AllowEmptyString]
        public string? Notes { get; set; }

        [Parameter]
        public SwitchParameter Force { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void BeginProcessing()
        {
            if (ReferenceParams.HasValue != (ReferenceSource != null))
            {
                ThrowTerminatingError(ErrorCatalog.ReferenceSourceRequired(ReferenceParams));
            }
        }

        protected override void ProcessRecord()
        {
            foreach (var model in InputModels()) Apply(model);
        }

        private void Apply(ModelConfiguration model)
        {
            var path = model.SourcePath;
            if (path == null)
            {
                WriteError(ErrorCatalog.ModelHasNoFile(model.ModelId));
                return;
            }
            if (NewModelConfigCommand.IsInsideModule(path))
            {
                WriteError(ErrorCatalog.ModuleFolderReadOnly(path));
                return;
            }

            bool forced = false;
            if (Validated)
            {
                var notes = Notes ?? model.ValidationNotes;
                var failed = ModelValidator.Run(model, ModelConfigBuilder.Rebuild, ReferenceParams, ReferenceSource, notes)
                    .Where(c => !c.Passed).ToList();
                if (failed.Count > 0)
                {
                    var summary = string.Join("; ", failed.Select(c => $"{c.Check}: {c.Message}"));
                    if (!Force)
                    {
                        WriteError(ErrorCatalog.ValidationCheckFailed(model.ModelId,
                            $"'{model.ModelId}' was not marked validated: {summary}. Fix the file, explain the difference in -Notes, or use -Force."));
                        return;
                    }
                    forced = true;
                    WriteWarning($"'{model.ModelId}' is marked validated although checks failed (-Force): {summary}");
                }
            }

            var action = Validated ? "Mark validated" : "Mark not validated";
            if (!ShouldProcess(path, $"{action}: '{model.ModelId}'")) return;
            try
            {
                ModelConfigEditor.SetValidationInFile(path, new ValidationUpdate
                {
                    Validated = Validated,
                    Notes = Notes,
                    By = Environment.UserName,
                    AtUtc = DateTime.UtcNow,
                    ReferenceParams = ReferenceParams,
                    ReferenceSource = ReferenceSource,
                    Forced = forced,
                });
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is Core.Serialization.DataFileFormatException)
            {
                WriteError(ErrorCatalog.WriteFailed(path, e));
                return;
            }
            ModelLibrary.Invalidate(path);
            if (PassThru) WriteObject(ModelLibrary.LoadFile(path));
        }
    }
}
