using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using ModelConfig.Core.Calibration;
using ModelConfig.Core.Estimation;
using ModelConfig.Core.Serialization;
using Xunit;

namespace ModelConfig.Core.Tests.Calibration
{
    /// <summary>Fitting from the vLLM fixtures, identifiability, the profile file and its library, and the estimate hook.</summary>
    [Collection(CpuHeavyFits.Name)]
    public class CalibrationProfileTests
    {
        private static readonly ServingMeasurement H200Tp4 = new ServingMeasurement { HardwareId = "nvidia_h200_sxm_141gb", TensorParallel = 4, WeightPrecision = "mxfp4", Framework = "vllm" };

        private static System.Collections.Generic.List<ServingMeasurement> Vllm(params int[] concurrency) =>
            concurrency.SelectMany(c => ServingBenchmarkImport.ReadFile(CalibrationTestData.Fixture($"vllm/gpt-oss-120b-h200-tp4-c{c}.json"), H200Tp4, CalibrationTestData.Catalog()).Measurements).ToList();

        private static readonly Lazy<CalibrationProfile> FittedOnVllm = new Lazy<CalibrationProfile>(() =>
            new CalibrationFitter(Vllm(4, 16, 64), CalibrationTestData.Catalog()).Fit("gpt_oss_h200_vllm"));

        [Fact]
        public void OneConcurrencyLevelCannotSeparateStepOverheadFromBandwidth()
        {
            var profile = new CalibrationFitter(Vllm(16), CalibrationTestData.Catalog(), null, new CalibrationFitOptions { LeaveOneOut = false }).Fit("one_level");
            // One load level gives one TPOT per length: a fixed cost per step and the bandwidth-driven time are one number,
            // so at most one of them may move, and the other is reported as not separable and keeps its bundled value.
            var step = profile.Fit.Single(f => f.Name == "frameworks.vllm/concurrency.stepOverheadMs");
            var bandwidth = profile.Fit.Single(f => f.Name == "memoryEfficiency");
            Assert.False(step.Fitted && bandwidth.Fitted);
            var held = step.Fitted ? bandwidth : step;
            Assert.Contains("not separable", held.Reason);
            Assert.Equal(held.Prior, profile.Parameters.TryGetValue(held.Name, out var v) ? v : held.Prior);
        }

        [Fact]
        public void FitOnHalfTheLevelsLowersTheErrorOnTheOtherHalf()
        {
            var profile = FittedOnVllm.Value;
            var catalog = CalibrationTestData.Catalog();
            double Error(CalibrationProfile? p) => EstimateComparisons.Summarize(Vllm(8, 32).SelectMany(m =>
            {
                var r = MeasurementEstimates.Request(m, catalog);
                r.CalibrationOverlay = p;
                return EstimateComparisons.Compare(m, DeploymentEstimator.Estimate(r)).Errors;
            })).Last().MedianAbsolutePercentError;
            Assert.True(Error(profile) <= Error(null), $"after {Error(profile):0.0}% vs before {Error(null):0.0}%");
            Assert.True(profile.Residuals.All <= profile.PriorErrors.All);
            Assert.NotNull(profile.LeaveOneOut);
            Assert.Equal(new[] { "nvidia_h200_sxm_141gb" }, profile.Hardware);
            Assert.Equal(new[] { "vllm" }, profile.Frameworks);
        }

        [Fact]
        public void ProfileFileSatisfiesItsSchemaAndRoundTrips()
        {
            var json = FittedOnVllm.Value.ToJson();
            var schema = JsonDocument.Parse(File.ReadAllText(SharedData.DataDir("schemas", "calibration-profile.schema.json"))).RootElement;
            var errors = ModelConfig.Core.Tests.MiniSchemaValidator.Validate(schema, JsonDocument.Parse(json).RootElement);
            Assert.True(errors.Count == 0, string.Join("; ", errors));
            var back = CalibrationProfile.FromJson(json, "x.json");
            Assert.Equal(FittedOnVllm.Value.Parameters, back.Parameters);
        }

        [Fact]
        public void AnUnknownParameterNameIsAFormatErrorNamingTheField()
        {
            var doc = System.Text.Json.Nodes.JsonNode.Parse(FittedOnVllm.Value.ToJson())!.AsObject();
            doc["parameters"]!.AsObject()["noSuchParameter"] = 1.5;
            var json = doc.ToJsonString();
            var e = Assert.Throws<DataFileFormatException>(() => CalibrationProfile.FromJson(json, "bad.json"));
            Assert.Equal("parameters.noSuchParameter", e.Field);
        }

        [Fact]
        public void LibraryFindsProfilesByNameThroughTheSearchPath()
        {
            var dir = Path.Combine(Path.GetTempPath(), "mc-profiles-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(dir);
            try
            {
                File.WriteAllText(Path.Combine(dir, "gpt_oss_h200_vllm.json"), FittedOnVllm.Value.ToJson());
                var library = CalibrationProfileLibrary.Create(SharedData.DataDir("calibration", "profiles"), dir);
                Assert.Equal(new[] { dir }, library.Folders.Take(1));
                var found = library.Find("GPT_OSS_H200_VLLM");
                Assert.NotNull(found);
                Assert.Single(library.Match("gpt_*", out var errors));
                Assert.Empty(errors);
            }
            finally { Directory.Delete(dir, true); }
        }

        [Fact]
        public void EstimateWithAProfileTakesItsErrorBandAndStatesItsScope()
        {
            var profile = FittedOnVllm.Value;
            var m = Vllm(16).Single();
            var r = MeasurementEstimates.Request(m, CalibrationTestData.Catalog());
            r.CalibrationOverlay = profile;
            var inside = DeploymentEstimator.Estimate(r);
            Assert.Contains("gpt_oss_h200_vllm", inside.ErrorBand.Source);
            Assert.Contains(inside.Assumptions, a => a.Name == "calibration_profile");
            Assert.DoesNotContain(inside.Assumptions, a => a.Name == "calibration_scope");
            r.Framework = "sglang";
            var outside = DeploymentEstimator.Estimate(r);
            Assert.Contains(outside.Assumptions, a => a.Name == "calibration_scope" && a.Text.Contains("engine 'sglang'"));
            Assert.NotNull(profile.ScopeWarning("nvidia_b200_hgx_180gb", "vllm"));
        }

        [Fact]
        public void ParameterSpaceNamesTopLevelAndSectionParameters()
        {
            var values = CalibrationParameterSpace.Values(EstimatorCalibration.Default);
            Assert.Contains("memoryEfficiency", values.Keys);
            Assert.Contains("frameworks.vllm/concurrency.stepOverheadMs", values.Keys);
            Assert.DoesNotContain("fitMacroMedianApe", values.Keys);
            // an engine the bundled calibration has no entry for gets one; the bundled calibration is not changed
            var changed = CalibrationParameterSpace.Apply(EstimatorCalibration.Default, new[] { new System.Collections.Generic.KeyValuePair<string, double>("frameworks.lmdeploy/concurrency.stepOverheadMs", 2.5) });
            Assert.Equal(2.5, changed.Frameworks["lmdeploy/concurrency"].StepOverheadMs);
            Assert.False(EstimatorCalibration.Default.Frameworks.ContainsKey("lmdeploy/concurrency"));
        }
    }
}
