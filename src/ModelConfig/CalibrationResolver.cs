using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using ModelConfig.Core.Calibration;
using ModelConfig.Core.Library;

namespace ModelConfig.Commands
{
    /// <summary>Turns a -Calibration value (a profile name or a Get-EstimatorCalibration object) into a profile, writing the error when it cannot.</summary>
    internal static class CalibrationResolver
    {
        public static CalibrationProfile? Resolve(Cmdlet cmdlet, object? value)
        {
            var found = Resolve(cmdlet, value, out var error);
            if (error != null) cmdlet.WriteError(error);
            return found;
        }

        /// <summary>
        /// The profile, or null and the error that explains why (other errors are written). Returned, not written, so a
        /// cmdlet that stops on it throws that one record: a second, vaguer error would land in $Error[0].
        /// </summary>
        public static CalibrationProfile? Resolve(Cmdlet cmdlet, object? value, out ErrorRecord? error)
        {
            error = null;
            var v = value is PSObject pso ? pso.BaseObject : value;
            if (v == null) return null;
            if (v is CalibrationProfile profile) return profile;
            if (!(v is string name)) { error = ErrorCatalog.InvalidCalibrationArgument(v); return null; }
            var library = ModulePaths.CalibrationProfiles();
            var found = library.Find(name, out var errors);
            for (int i = 0; i < errors.Count; i++)
            {
                var record = ErrorCatalog.CalibrationProfileInvalid(errors[i]);
                if (found == null && i == errors.Count - 1) error = record;
                else cmdlet.WriteError(record);
            }
            if (found == null && errors.Count == 0)
                error = ErrorCatalog.CalibrationNotFound(name, library.Searched, NameSuggestions.Closest(name, library.ListNames().Select(n => n.Name)));
            return found;
        }

        /// <summary>Measurements from pipeline or parameter values: a wrong type is one error, the others go on.</summary>
        public static IEnumerable<ServingMeasurement> Measurements(Cmdlet cmdlet, IEnumerable<object>? values)
        {
            foreach (var item in values ?? Enumerable.Empty<object>())
            {
                var v = item is PSObject pso ? pso.BaseObject : item;
                if (v is ServingMeasurement m) yield return m;
                else cmdlet.WriteError(ErrorCatalog.InvalidMeasurementArgument(v));
            }
        }
    }

    /// <summary>Completes calibration profile names of the search path.</summary>
    public sealed class CalibrationNameCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            return LibraryNames.Complete(ModulePaths.CalibrationProfiles().ListNames(), wordToComplete);
        }
    }
}
