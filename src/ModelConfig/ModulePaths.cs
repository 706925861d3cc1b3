using System;
using System.IO;

namespace ModelConfig.Commands
{
    /// <summary>
    /// Data shipped with the module is found relative to the assembly, never the current directory:
    /// PowerShell's location and the process's working directory differ.
    /// </summary>
    internal static class ModulePaths
    {
        public static string ModuleBase { get; } =
            Path.GetDirectoryName(typeof(ModulePaths).Assembly.Location) ?? AppContext.BaseDirectory;

        public static string DataFolder(string name) => Path.Combine(ModuleBase, "data", name);

        public static string BundledModelConfigs => DataFolder("model_configs");
        public static string BundledHardware => DataFolder("hardware");
    }
}
