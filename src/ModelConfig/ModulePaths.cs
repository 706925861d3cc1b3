using System;
using System.Collections.Generic;
using System.IO;
using ModelConfig.Core.Calibration;
using ModelConfig.Core.Hardware;
using ModelConfig.Core.Library;

namespace ModelConfig.Commands
{
    /// <summary>
    /// Data shipped with the module, and the libraries over it, are found relative to the assembly, never the current directory:
    /// PowerShell's location and the process's working directory differ.
    /// </summary>
    internal static class ModulePaths
    {
        public static string ModuleBase { get; } =
            Path.GetDirectoryName(typeof(ModulePaths).Assembly.Location) ?? AppContext.BaseDirectory;

        public static string DataFolder(string name) => Path.Combine(ModuleBase, "data", name);

        public static string BundledModelConfigs => DataFolder("model_configs");
        public static string BundledHardware => DataFolder("hardware");

        /// <summary>The -Path values that are existing folders (PowerShell paths resolved); PathNotFound for each that is not.</summary>
        public static List<string> ExistingFolders(System.Management.Automation.PSCmdlet cmdlet, IEnumerable<string>? paths)
        {
            var folders = new List<string>();
            foreach (var p in paths ?? Array.Empty<string>())
            {
                var full = cmdlet.GetUnresolvedProviderPathFromPSPath(p);
                if (Directory.Exists(full)) folders.Add(full);
                else cmdlet.WriteError(ErrorCatalog.PathNotFound(p));
            }
            return folders;
        }
        public static string BundledCalibrationProfiles => Path.Combine(DataFolder("calibration"), "profiles");

        /// <summary>The calibration-profile library of <see cref="SearchPath"/>: -Path folders, $env:MODELCONFIG_CALIBRATION_PATH, bundled.</summary>
        public static CalibrationProfileLibrary CalibrationProfiles(IEnumerable<string>? pathFolders = null) =>
            CalibrationProfileLibrary.Create(BundledCalibrationProfiles, Environment.GetEnvironmentVariable(CalibrationProfileLibrary.PathVariable), pathFolders);

        /// <summary>Models and hardware of the default search paths, for resolving what measurements name.</summary>
        public static MeasurementCatalog MeasurementCatalog() => new MeasurementCatalog(Models(null), Hardware(null));

        /// <summary>The model library of <see cref="SearchPath"/>: <paramref name="pathFolders"/> (-Path), $env:MODELCONFIG_PATH, bundled.</summary>
        public static ModelLibrary Models(IEnumerable<string>? pathFolders) =>
            ModelLibrary.Create(BundledModelConfigs, Environment.GetEnvironmentVariable(ModelKind.Instance.EnvironmentVariable), pathFolders);

        /// <summary>The hardware library of <see cref="SearchPath"/>: <paramref name="pathFolders"/> (-Path), $env:MODELCONFIG_HARDWARE_PATH, bundled.</summary>
        public static HardwareLibrary Hardware(IEnumerable<string>? pathFolders) =>
            HardwareLibrary.Create(BundledHardware, Environment.GetEnvironmentVariable(HardwareKind.Instance.EnvironmentVariable), pathFolders);
    }
}
