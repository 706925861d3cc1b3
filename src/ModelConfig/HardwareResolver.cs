using System;
using System.Collections.Generic;
using System.Management.Automation;
using ModelConfig.Core.Hardware;

namespace ModelConfig.Commands
{
    /// <summary>The hardware library as the cmdlets see it: bundled files plus $env:MODELCONFIG_HARDWARE_PATH.</summary>
    internal static class HardwareResolver
    {
        public static HardwareLibrary Library() =>
            HardwareLibrary.Create(ModulePaths.BundledHardware, Environment.GetEnvironmentVariable(HardwareLibrary.PathVariable));

        public static string Searched(HardwareLibrary library) => string.Join(", ", library.Folders);

        /// <summary>
        /// Matches ids, aliases and wildcards; writes HardwareNotFound for a literal id that matches nothing.
        /// A file that cannot be used is reported once per command: <paramref name="reported"/> holds the messages already written.
        /// </summary>
        public static IEnumerable<HardwareConfig> Resolve(Cmdlet cmdlet, HardwareLibrary library, string idOrPattern, ISet<string> reported)
        {
            var matches = library.Match(idOrPattern, out var errors);
            WriteLoadErrors(cmdlet, errors, reported);
            if (matches.Count == 0 && !HardwareLibrary.IsWildcard(idOrPattern) && errors.Count == 0)
                cmdlet.WriteError(ErrorCatalog.HardwareNotFound(idOrPattern, Searched(library)));
            return matches;
        }

        /// <summary>Writes HardwareConfigInvalid for each load error not written before by this command.</summary>
        public static void WriteLoadErrors(Cmdlet cmdlet, IEnumerable<HardwareLoadError> errors, ISet<string> reported)
        {
            foreach (var e in errors)
                if (reported.Add(e.FilePath + "\n" + e.Message)) cmdlet.WriteError(ErrorCatalog.HardwareConfigInvalid(e));
        }
    }
}
