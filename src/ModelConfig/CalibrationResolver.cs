using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using ModelConfig.Core.Calibration;

namespace ModelConfig.Commands
{
    /// <summary>Turns a -Calibration value (a profile name or a Get-EstimatorCalibration object) into a profile, writing the error when it cannot.</summary>
    internal static class CalibrationResolver
    {
        public static CalibrationProfile? Resolve(Cmdlet cmdlet, object? value)
        {
            var v = value is PSObject pso ? pso.BaseObject : value;
            if (v == null) return null;
            if (v is CalibrationProfile profile) return profile;
            if (!(v is string name)) { cmdlet.WriteError(ErrorCatalog.InvalidCalibrationArgument(v)); return null; }
            var library = ModulePaths.CalibrationProfiles();
            var found = library.Find(name, out var errors);
            foreach (var e in errors) cmdlet.WriteError(ErrorCatalog.CalibrationProfileInvalid(e));
            if (found == null && errors.Count == 0) cmdlet.WriteError(ErrorCatalog.CalibrationNotFound(name, library.Searched));
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
