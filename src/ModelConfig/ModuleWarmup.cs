using System;
using System.IO;
using System.Management.Automation;
using ModelConfig.Core.Estimation;
using ModelConfig.Core.Hardware;
using ModelConfig.Core.Library;

namespace ModelConfig.Commands
{
    /// <summary>
    /// On Import-Module: readies the estimator in the background (see <see cref="EstimatorWarmup"/>), then the model and
    /// hardware file readers, by reading the first file of each bundled folder through a library of its own (the parse cache
    /// it fills is the one the cmdlets use, and it is safe to share between threads). The files a session asks for are read
    /// by the session.
    /// </summary>
    public sealed class ModuleWarmup : IModuleAssemblyInitializer
    {
        public void OnImport() => EstimatorWarmup.Start(WarmReaders);

        private static void WarmReaders()
        {
            var hardware = FirstId(ModulePaths.BundledHardware);
            if (hardware != null) new HardwareLibrary(ModulePaths.BundledHardware).Find(hardware);
            var model = FirstId(ModulePaths.BundledModelConfigs);
            if (model != null) new ModelLibrary(new[] { ModulePaths.BundledModelConfigs }).Find(model);
        }

        private static string? FirstId(string folder)
        {
            if (!Directory.Exists(folder)) return null;
            var files = Directory.GetFiles(folder, "*.json");
            if (files.Length == 0) return null;
            Array.Sort(files, StringComparer.Ordinal);
            return Path.GetFileNameWithoutExtension(files[0]);
        }
    }
}
