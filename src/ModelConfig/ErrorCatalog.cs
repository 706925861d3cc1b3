using System;
using System.Collections.Generic;
using System.Management.Automation;
using ModelConfig.Core.Library;
using ModelConfig.Core.Serialization;

namespace ModelConfig.Commands
{
    /// <summary>
    /// Every ErrorRecord the module writes, in one place, so ErrorIds stay stable for scripts that
    /// test FullyQualifiedErrorId, and the target is always the user's input.
    /// </summary>
    internal static class ErrorCatalog
    {
        public static ErrorRecord ModelNotFound(string modelId, string searched, IReadOnlyList<string> closest) => Record(
            new ItemNotFoundException($"No model config with id '{Shown(modelId)}' was found.{NameSuggestions.DidYouMean(closest)} Searched: {searched}."),
            "ModelNotFound", ErrorCategory.ObjectNotFound, modelId);

        public static ErrorRecord HuggingFaceIdNotFound(string hfId, string searched, IReadOnlyList<string> closest) => Record(
            new ItemNotFoundException($"No model config with HuggingFace id '{Shown(hfId)}' was found.{NameSuggestions.DidYouMean(closest)} Searched: {searched}."),
            "ModelNotFound", ErrorCategory.ObjectNotFound, hfId);

        /// <summary>
        /// An org/name id where a model id belongs (Get-ModelConfig meta-llama/Llama-3.1-8B): model ids have no '/', so
        /// this points to the library id that records it, or to -HuggingFaceId when none does.
        /// </summary>
        public static ErrorRecord HuggingFaceIdAsModelId(string hfId, string? libraryId, IReadOnlyList<string> closest)
        {
            var message = libraryId != null
                ? $"'{Shown(hfId)}' is a HuggingFace id, not a model id; the library holds it as '{libraryId}'. Give '{libraryId}', or find it with Get-ModelConfig -HuggingFaceId '{Shown(hfId)}'."
                : $"'{Shown(hfId)}' looks like a HuggingFace id, not a model id (model ids have no '/'), and no library model records it.{NameSuggestions.DidYouMean(closest)} " +
                  $"Get-ModelConfig -HuggingFaceId searches the library by HuggingFace id; New-ModelConfig -HuggingFaceId '{Shown(hfId)}' builds a config from the Hub.";
            return Record(new ArgumentException(message), "InvalidModelId", ErrorCategory.InvalidArgument, hfId);
        }

        public static ErrorRecord InvalidModelId(string modelId, string reason) => Record(
            new ArgumentException($"Invalid model id: {reason}."),
            "InvalidModelId", ErrorCategory.InvalidArgument, modelId);

        /// <summary>A bad pattern ('[' unclosed) is an error for that one value; the other values still run.</summary>
        public static ErrorRecord InvalidModelId(string pattern, InvalidWildcardException e) => Record(
            e, "InvalidModelId", ErrorCategory.InvalidArgument, pattern);

        public static ErrorRecord InvalidHuggingFaceIdPattern(string pattern, InvalidWildcardException e) => Record(
            e, "InvalidHuggingFaceId", ErrorCategory.InvalidArgument, pattern);

        public static ErrorRecord ModelConfigInvalid(string filePath, Exception e) => Record(
            e, "ModelConfigInvalid", ErrorCategory.InvalidData, filePath);

        public static ErrorRecord ModelConfigInvalid(DataLoadError e) => ModelConfigInvalid(e.FilePath, LoadException(e));

        public static ErrorRecord ModelHasNoFile(string modelId) => Record(
            new InvalidOperationException($"Model '{Shown(modelId)}' was not read from a file, so there is nothing to update."),
            "ModelHasNoFile", ErrorCategory.InvalidArgument, modelId);

        public static ErrorRecord ReferenceSourceRequired(long? referenceParams) => Record(
            new ArgumentException("-ReferenceParams and -ReferenceSource go together: a reference count must say where it comes from."),
            "ReferenceSourceRequired", ErrorCategory.InvalidArgument, referenceParams);

        public static ErrorRecord PathNotFound(string path, Exception? inner = null, string? hint = null) => Record(
            new ItemNotFoundException($"Cannot find path '{ShownPath(path)}' because it does not exist.{hint}", inner),
            "PathNotFound", ErrorCategory.ObjectNotFound, path);

        /// <summary>New-ModelConfig -Path on a folder: it exists, what is missing is the config.json inside it.</summary>
        public static ErrorRecord ConfigJsonMissing(string path, string folder, Exception? inner = null) => Record(
            new ItemNotFoundException($"The folder '{ShownPath(folder)}' exists but holds no config.json. -Path takes a HuggingFace config.json, or a folder holding one (a downloaded model, or its snapshot in the HuggingFace cache).", inner),
            "PathNotFound", ErrorCategory.ObjectNotFound, path);

        public static ErrorRecord ModelConfigExists(string path) => Record(
            new System.IO.IOException($"The file '{ShownPath(path)}' already exists. Use -Force to overwrite it."),
            "ModelConfigExists", ErrorCategory.ResourceExists, path);

        public static ErrorRecord SameOutputTwice(string path, string firstInput, string secondInput) => Record(
            new System.IO.IOException($"'{ShownPath(secondInput)}' would overwrite '{ShownPath(path)}', which '{ShownPath(firstInput)}' wrote earlier in this call. Give each input its own -ModelId."),
            "ModelConfigExists", ErrorCategory.ResourceExists, secondInput);

        public static ErrorRecord UnsupportedArchitecture(Core.Building.UnsupportedArchitectureException e, string source) => Record(
            e, "UnsupportedArchitecture", ErrorCategory.NotImplemented, source);

        public static ErrorRecord InvalidModelConfig(Exception e, string source) => Record(
            e, "InvalidModelConfig", ErrorCategory.InvalidData, source);

        public static ErrorRecord ValidationCheckFailed(string modelId, string message) => Record(
            new InvalidOperationException(message), "ValidationCheckFailed", ErrorCategory.InvalidData, modelId);

        public static ErrorRecord ModuleFolderReadOnly(string path) => Record(
            new InvalidOperationException($"'{ShownPath(path)}' is inside the installed module, which is never changed. Copy the file to a folder in $env:MODELCONFIG_PATH and change that copy."),
            "ModuleFolderReadOnly", ErrorCategory.PermissionDenied, path);

        public static ErrorRecord WriteFailed(string path, Exception e) => Record(
            new System.IO.IOException($"Could not write '{ShownPath(path)}': {TextPreview.OfPath(e.Message, 400)} The previous file, if any, is unchanged.", e),
            "WriteFailed", ErrorCategory.WriteError, path);

        /// <summary>Hub failures keep distinct ids so scripts can retry only what is worth retrying.</summary>
        public static ErrorRecord Hub(Core.Hub.HubException e, string target)
        {
            switch (e.Kind)
            {
                case Core.Hub.HubErrorKind.InvalidRepoId: return Record(e, "InvalidHuggingFaceId", ErrorCategory.InvalidArgument, target);
                case Core.Hub.HubErrorKind.InvalidRevision: return Record(e, "InvalidRevision", ErrorCategory.InvalidArgument, target);
                case Core.Hub.HubErrorKind.Offline: return Record(e, "HubOffline", ErrorCategory.ResourceUnavailable, target);
                case Core.Hub.HubErrorKind.Unauthorized: return Record(e, "HubUnauthorized", ErrorCategory.PermissionDenied, target);
                case Core.Hub.HubErrorKind.NotFound: return Record(e, "HubNotFound", ErrorCategory.ObjectNotFound, target);
                case Core.Hub.HubErrorKind.RateLimited: return Record(e, "HubRateLimited", ErrorCategory.LimitsExceeded, target);
                case Core.Hub.HubErrorKind.Timeout: return Record(e, "HubTimeout", ErrorCategory.OperationTimeout, target);
                case Core.Hub.HubErrorKind.MalformedResponse: return Record(e, "HubMalformedResponse", ErrorCategory.InvalidResult, target);
                default: return Record(e, "HubNetworkError", ErrorCategory.ConnectionError, target);
            }
        }

        public static ErrorRecord HardwareNotFound(string id, string searched, IReadOnlyList<string> closest) => Record(
            new ItemNotFoundException($"No hardware with id or alias '{Shown(id)}' was found.{NameSuggestions.DidYouMean(closest)} Searched: {searched}. Get-HardwareConfig lists the ids."),
            "HardwareNotFound", ErrorCategory.ObjectNotFound, id);

        public static ErrorRecord InvalidHardwareId(string pattern, InvalidWildcardException e) => Record(
            e, "InvalidHardwareId", ErrorCategory.InvalidArgument, pattern);

        public static ErrorRecord InvalidVendor(string pattern, InvalidWildcardException e) => Record(
            e, "InvalidVendor", ErrorCategory.InvalidArgument, pattern);

        public static ErrorRecord HardwareConfigInvalid(DataLoadError e) => Record(
            LoadException(e), "HardwareConfigInvalid", ErrorCategory.InvalidData, e.FilePath);

        /// <summary>Find-Deployment with no known hardware among -Hardware: nothing can run, so it is terminating.</summary>
        public static ErrorRecord NoKnownHardware(object[] hardware) => Record(
            new ArgumentException("None of the -Hardware values names known hardware; nothing can be searched."),
            "HardwareNotFound", ErrorCategory.ObjectNotFound, hardware);

        public static ErrorRecord InvalidHardwareArgument(object? value) => Record(
            new ArgumentException($"-Hardware takes ids or Get-HardwareConfig objects, not {value?.GetType().Name ?? "null"}."),
            "InvalidHardwareArgument", ErrorCategory.InvalidArgument, value);

        /// <summary>A deployment the estimator refuses; the error id and category follow the violated rule's code, never its message.</summary>
        public static ErrorRecord InvalidDeployment(Exception e, object? target)
        {
            var code = (e as Core.Estimation.DeploymentConfigurationException)?.Code;
            switch (code)
            {
                case Core.Estimation.DeploymentConstraint.BatchOrConcurrency:
                    return Record(e, "BatchSizeOrConcurrency", ErrorCategory.InvalidArgument, target);
                case Core.Estimation.DeploymentConstraint.Model:
                case Core.Estimation.DeploymentConstraint.Hardware:
                    return Record(e, "InvalidDeployment", ErrorCategory.InvalidData, target);
                default:
                    return Record(e, "InvalidDeployment", ErrorCategory.InvalidArgument, target);
            }
        }

        public static ErrorRecord RemoteBindingNotAllowed(string address) => Record(
            new ArgumentException($"'{Shown(address)}' is not a loopback address and the server has no authentication. Add -AllowRemote to listen on it."),
            "RemoteBindingNotAllowed", ErrorCategory.PermissionDenied, address);

        public static ErrorRecord InvalidAddress(string address) => Record(
            new ArgumentException($"-Address '{Shown(address)}' is not an IP address."), "InvalidAddress", ErrorCategory.InvalidArgument, address);

        public static ErrorRecord ServerStartFailed(string message, object? target) => Record(
            new InvalidOperationException(message), "ServerStartFailed", ErrorCategory.OpenError, target);

        public static ErrorRecord ServerNotFound(int processId, string reason) => Record(
            new ItemNotFoundException($"Process {processId} is not a running ModelConfig server: {reason}."),
            "ServerNotFound", ErrorCategory.ObjectNotFound, processId);

        public static ErrorRecord ChartInputInvalid(Exception e, object? target) => Record(
            e, "ChartInputInvalid", ErrorCategory.InvalidArgument, target);

        public static ErrorRecord InvalidGpuHourPrice(object? value, string problem) => Record(
            new ArgumentException($"-GpuHourPrice is not usable: {problem}."),
            "InvalidGpuHourPrice", ErrorCategory.InvalidArgument, value);

        /// <summary>Non-terminating: the target is the typed shortfall (binding constraint, nearest configuration).</summary>
        public static ErrorRecord NoFeasibleDeployment(Core.Planning.PlanningShortfall shortfall) => Record(
            new InvalidOperationException(shortfall.Message), "NoFeasibleDeployment", ErrorCategory.ObjectNotFound, shortfall);

        // ---- calibration (issue 11) ----
        public static ErrorRecord BenchmarkRecordInvalid(Core.Calibration.BenchmarkRecordError e) => Record(
            new System.IO.InvalidDataException(e.Message), e.Record == "file" ? "BenchmarkFormatUnknown" : "BenchmarkRecordInvalid", ErrorCategory.InvalidData, e.FilePath);

        public static ErrorRecord MeasurementNotComparable(string message, object? measurement) => Record(
            new InvalidOperationException(message), "MeasurementNotComparable", ErrorCategory.InvalidData, measurement);

        public static ErrorRecord InvalidMeasurementArgument(object? value) => Record(
            new ArgumentException($"-Measurement takes objects from Import-ServingBenchmark, not {value?.GetType().Name ?? "null"}."),
            "InvalidMeasurementArgument", ErrorCategory.InvalidArgument, value);

        public static ErrorRecord CalibrationNotFound(string name, string searched, IReadOnlyList<string> closest) => Record(
            new ItemNotFoundException($"No calibration profile named '{Shown(name)}' was found.{NameSuggestions.DidYouMean(closest)} Searched: {searched}. Get-EstimatorCalibration lists them."),
            "CalibrationNotFound", ErrorCategory.ObjectNotFound, name);

        public static ErrorRecord CalibrationProfileInvalid(DataLoadError e) => Record(
            LoadException(e), "CalibrationProfileInvalid", ErrorCategory.InvalidData, e.FilePath);

        public static ErrorRecord InvalidCalibrationName(string pattern, InvalidWildcardException e) => Record(
            e, "InvalidCalibrationName", ErrorCategory.InvalidArgument, pattern);

        public static ErrorRecord InvalidCalibrationArgument(object? value) => Record(
            new ArgumentException($"-Calibration takes a profile name or a Get-EstimatorCalibration object, not {value?.GetType().Name ?? "null"}."),
            "InvalidCalibrationArgument", ErrorCategory.InvalidArgument, value);

        public static ErrorRecord CalibrationFitFailed(Exception e, string name) => Record(
            e, "CalibrationFitFailed", ErrorCategory.InvalidData, name);

        public static ErrorRecord CalibrationProfileExists(string path) => Record(
            new System.IO.IOException($"The file '{ShownPath(path)}' already exists. Use -Force to overwrite it."),
            "CalibrationProfileExists", ErrorCategory.ResourceExists, path);

        // Input quoted in a message is cut: a 5,000-character value must not bury the message (the target keeps it whole).
        private static string Shown(string? text) => TextPreview.Of(text);

        private static string ShownPath(string? path) => TextPreview.OfPath(path);

        // A folder error carries no exception; the record still needs one to hold the message.
        private static Exception LoadException(DataLoadError e) => e.Exception ?? new System.IO.InvalidDataException(e.Message);

        private static ErrorRecord Record(Exception e, string errorId, ErrorCategory category, object? target) =>
            new ErrorRecord(e, errorId, category, target);
    }
}
