using System.IO;
using ModelConfig.Core.Calibration;
using ModelConfig.Core.Hardware;
using ModelConfig.Core.Library;

namespace ModelConfig.Core.Tests.Calibration
{
    /// <summary>The bundled libraries as a measurement catalog, and the benchmark fixtures folder.</summary>
    internal static class CalibrationTestData
    {
        public static MeasurementCatalog Catalog() =>
            new MeasurementCatalog(new ModelLibrary(new[] { SharedData.DataDir("model_configs") }), new HardwareLibrary(SharedData.DataDir("hardware")));

        public static string Fixture(string name) => Path.Combine(SharedData.RepoRoot, "tests", "fixtures", "benchmarks", name);
    }
}

namespace ModelConfig.Core.Tests.Calibration
{
    /// <summary>
    /// The fits keep every core busy for seconds; run alone so the timing-sensitive Hub tests (timeouts in ms) do not
    /// run beside them and time out spuriously.
    /// </summary>
    [Xunit.CollectionDefinition(Name, DisableParallelization = true)]
    public sealed class CpuHeavyFits
    {
        public const string Name = "CPU-heavy calibration fits";
    }
}
