using System;
using System.Collections.Generic;
using System.Linq;
using ModelConfig.Core.Library;

namespace ModelConfig.Core.Hardware
{
    /// <summary>Hardware files: <c>&lt;hardware_id&gt;.json</c>, with aliases, user folders in $env:MODELCONFIG_HARDWARE_PATH.</summary>
    public sealed class HardwareKind : DataKind<HardwareConfig>
    {
        public static HardwareKind Instance { get; } = new HardwareKind();

        private HardwareKind() { }

        public override string Noun => "hardware";
        public override string IdField => "hardware_id";
        public override string EnvironmentVariable => HardwareLibrary.PathVariable;
        public override string? AliasField => "aliases";
        protected override HardwareConfig Parse(string fullPath) => HardwareJson.ReadFile(fullPath);
        public override string IdOf(HardwareConfig item) => item.HardwareId;
        public override IReadOnlyList<string> AliasesOf(HardwareConfig item) => item.Aliases;
        public override HardwareConfig Copy(HardwareConfig item) => item.Clone();
    }

    /// <summary>The hardware library: <see cref="DataFolderLibrary{T}"/> of <see cref="HardwareKind"/>; ids and aliases resolve.</summary>
    public sealed class HardwareLibrary : DataFolderLibrary<HardwareConfig>
    {
        public const string PathVariable = "MODELCONFIG_HARDWARE_PATH";

        /// <param name="folders">Highest precedence first.</param>
        public HardwareLibrary(IEnumerable<string> folders) : base(HardwareKind.Instance, folders) { }

        public HardwareLibrary(params string[] folders) : this((IEnumerable<string>)folders) { }

        /// <summary>The library of <see cref="SearchPath"/>: -Path folders, then $env:MODELCONFIG_HARDWARE_PATH, then the bundled folder.</summary>
        public static HardwareLibrary Create(string? bundledFolder, string? environmentValue, IEnumerable<string>? explicitFolders = null) =>
            new HardwareLibrary(SearchPath.Build(explicitFolders, environmentValue, bundledFolder));

        /// <summary>The distinct vendors of the library, sorted, for completing -Vendor; reads one field per file.</summary>
        public IReadOnlyList<string> Vendors() =>
            TopLevelTexts("vendor", h => h.Vendor).Select(t => t.Text)
                .Distinct(StringComparer.OrdinalIgnoreCase)
                .OrderBy(v => v, StringComparer.OrdinalIgnoreCase)
                .ToList();
    }
}
