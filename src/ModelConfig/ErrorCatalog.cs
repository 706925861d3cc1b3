using System;
using System.Management.Automation;

namespace ModelConfig.Commands
{
    /// <summary>
    /// Every ErrorRecord the module writes, in one place, so ErrorIds stay stable for scripts that
    /// test FullyQualifiedErrorId, and the target is always the user's input.
    /// </summary>
    internal static class ErrorCatalog
    {
        public static ErrorRecord ModelNotFound(string modelId, string searched) => Record(
            new ItemNotFoundException($"No model config with id '{modelId}' was found. Searched: {searched}."),
            "ModelNotFound", ErrorCategory.ObjectNotFound, modelId);

        public static ErrorRecord HuggingFaceIdNotFound(string hfId, string searched) => Record(
            new ItemNotFoundException($"No model config with HuggingFace id '{hfId}' was found. Searched: {searched}."),
            "ModelNotFound", ErrorCategory.ObjectNotFound, hfId);

        public static ErrorRecord InvalidModelId(string modelId, string reason) => Record(
            new ArgumentException($"Invalid model id: {reason}."),
            "InvalidModelId", ErrorCategory.InvalidArgument, modelId);

        public static ErrorRecord ModelConfigInvalid(string filePath, Exception e) => Record(
            e, "ModelConfigInvalid", ErrorCategory.InvalidData, filePath);

        public static ErrorRecord PathNotFound(string path, Exception? inner = null) => Record(
            new ItemNotFoundException($"Cannot find path '{path}' because it does not exist.", inner),
            "PathNotFound", ErrorCategory.ObjectNotFound, path);

        public static ErrorRecord Record(Exception e, string errorId, ErrorCategory category, object? target) =>
            new ErrorRecord(e, errorId, category, target);
    }
}
