using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using ModelConfig.Core.Hardware;
using ModelConfig.Core.Library;

namespace ModelConfig.Commands
{
    /// <summary>Hardware lookups for the cmdlets, and the errors they write per value.</summary>
    internal static class HardwareResolver
    {
        public static HardwareLibrary Library(IEnumerable<string>? pathFolders = null) => ModulePaths.Hardware(pathFolders);

        /// <summary>
        /// Matches ids, aliases and wildcards; writes HardwareNotFound for a literal id that matches nothing and
        /// InvalidHardwareId for a malformed pattern. A file that cannot be used is reported once per command:
        /// <paramref name="reported"/> holds the messages already written.
        /// </summary>
        public static IEnumerable<HardwareConfig> Resolve(Cmdlet cmdlet, HardwareLibrary library, string idOrPattern, ISet<string> reported)
        {
            var matcher = WildcardMatcher.TryParse(idOrPattern, out var badPattern);
            if (matcher == null)
            {
                cmdlet.WriteError(ErrorCatalog.InvalidHardwareId(idOrPattern, badPattern!));
                return Array.Empty<HardwareConfig>();
            }
            var matches = library.Match(matcher, out var errors);
            WriteLoadErrors(cmdlet, errors, reported);
            if (matches.Count == 0 && !matcher.IsWildcard && errors.Count == 0)
                cmdlet.WriteError(ErrorCatalog.HardwareNotFound(idOrPattern, library.Searched,
                    NameSuggestions.Closest(idOrPattern, library.ListNames().Select(n => n.Name))));
            return matches;
        }

        /// <summary>
        /// The hardware of a -Hardware argument: ids, aliases and wildcards resolve through the library, Get-HardwareConfig
        /// objects are used as they are; anything else is an InvalidHardwareArgument error for that value.
        /// </summary>
        public static List<HardwareConfig> ResolveArguments(Cmdlet cmdlet, HardwareLibrary library, IEnumerable<object> values)
        {
            var hardware = new List<HardwareConfig>();
            var reported = new HashSet<string>(StringComparer.Ordinal);
            foreach (var item in values)
            {
                var value = item is PSObject pso ? pso.BaseObject : item;
                if (value is HardwareConfig hw) hardware.Add(hw);
                else if (value is string id) hardware.AddRange(Resolve(cmdlet, library, id, reported));
                else cmdlet.WriteError(ErrorCatalog.InvalidHardwareArgument(value));
            }
            return hardware;
        }

        /// <summary>Writes HardwareConfigInvalid for each load error not written before by this command.</summary>
        public static void WriteLoadErrors(Cmdlet cmdlet, IEnumerable<DataLoadError> errors, ISet<string> reported)
        {
            foreach (var e in errors)
                if (reported.Add(e.FilePath + "\n" + e.Message)) cmdlet.WriteError(ErrorCatalog.HardwareConfigInvalid(e));
        }
    }
}
