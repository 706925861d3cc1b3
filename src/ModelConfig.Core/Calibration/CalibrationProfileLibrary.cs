using System.Collections.Generic;
using ModelConfig.Core.Library;

namespace ModelConfig.Core.Calibration
{
    /// <summary>Calibration profiles: <c>&lt;name&gt;.json</c>, bundled in data/calibration/profiles, user folders in $env:MODELCONFIG_CALIBRATION_PATH.</summary>
    public sealed class CalibrationProfileKind : DataKind<CalibrationProfile>
    {
        public static CalibrationProfileKind Instance { get; } = new CalibrationProfileKind();

        private CalibrationProfileKind() { }

        public override string Noun => "calibration profile";
        public override string IdField => "name";
        public override string EnvironmentVariable => CalibrationProfileLibrary.PathVariable;
        protected override CalibrationProfile Parse(string fullPath) => CalibrationProfile.Load(fullPath);
        public override string IdOf(CalibrationProfile item) => item.Name;
        public override CalibrationProfile Copy(CalibrationProfile item) => item.Copy();
    }

    /// <summary>The profile library: <see cref="DataFolderLibrary{T}"/> of <see cref="CalibrationProfileKind"/> (same search rule as models and hardware).</summary>
    public sealed class CalibrationProfileLibrary : DataFolderLibrary<CalibrationProfile>
    {
        public const string PathVariable = "MODELCONFIG_CALIBRATION_PATH";

        public CalibrationProfileLibrary(IEnumerable<string> folders) : base(CalibrationProfileKind.Instance, folders) { }

        public static CalibrationProfileLibrary Create(string? bundledFolder, string? environmentValue, IEnumerable<string>? explicitFolders = null) =>
            new CalibrationProfileLibrary(SearchPath.Build(explicitFolders, environmentValue, bundledFolder));
    }
}
