using System.Linq;
using ModelConfig.Core.Calibration;
using Xunit;
using Xunit.Abstractions;

namespace ModelConfig.Core.Tests.Calibration
{
    /// <summary>
    /// The acceptance case of issue 11: the DeepSeek-R1 H200 SGLang rows of ../shared/measured/calibration.csv, fitted on
    /// half of the concurrency levels (4, 16, 64) and checked on the other half (8, 32) before and after.
    /// </summary>
    [Collection(CpuHeavyFits.Name)]
    public class DeepSeekCalibrationTests
    {
        private readonly ITestOutputHelper _out;
        public DeepSeekCalibrationTests(ITestOutputHelper output) { _out = output; }

        [SkippableFact]
        public void FittingHalfTheConcurrencyLevelsLowersTheErrorOnTheOtherHalf()
        {
            var csv = SharedData.RequireShared("measured", "calibration.csv");
            var catalog = CalibrationTestData.Catalog();
            var all = ServingBenchmarkImport.ReadFile(csv, null, catalog).Measurements
                .Where(m => m.HfModelId == "deepseek-ai/DeepSeek-R1" && m.HardwareId == "nvidia_h200_sxm_141gb" && m.Framework == "sglang" && m.SpeculativeDecoding == null)
                .ToList();
            Assert.Equal(15, all.Count);
            // The bundled calibration was fitted on these very rows (every concurrency level): to see what a profile does for a
            // stack it has never seen, label them as the user's own engine build, which the bundled calibration does not know
            // (it falls back to the generic engine overheads), as a user's own benchmark runs would be.
            foreach (var m in all) m.Framework = "sglang-0.5.6";
            var train = all.Where(m => m.Concurrency == 4 || m.Concurrency == 16 || m.Concurrency == 64).ToList();
            var test = all.Except(train).ToList();

            var profile = new CalibrationFitter(train, catalog).Fit("deepseek_r1_h200_sglang");
            double before = Error(test, catalog, null), after = Error(test, catalog, profile);
            _out.WriteLine(profile.ToString());
            foreach (var f in profile.Fit.Where(f => f.Sensitivity > 0)) _out.WriteLine(f + $" (sensitivity {f.Sensitivity})");
            _out.WriteLine($"held-out concurrency 8 and 32: before {before:0.0}%, after {after:0.0}%");
            Assert.True(after < before, $"after {after:0.0}% should beat before {before:0.0}%");
            Assert.Contains("sglang-0.5.6", profile.Frameworks);
            Assert.NotNull(profile.LeaveOneOut);
        }

        private static double Error(System.Collections.Generic.List<ServingMeasurement> test, MeasurementCatalog catalog, CalibrationProfile? profile)
        {
            var errors = test.SelectMany(m =>
            {
                var r = MeasurementEstimates.Request(m, catalog);
                r.CalibrationOverlay = profile;
                return EstimateComparisons.Compare(m, ModelConfig.Core.Estimation.DeploymentEstimator.Estimate(r)).Errors;
            });
            return EstimateComparisons.Summarize(errors).Last().MedianAbsolutePercentError;
        }
    }
}
