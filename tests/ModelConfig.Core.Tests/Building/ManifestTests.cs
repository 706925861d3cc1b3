using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json.Nodes;
using ModelConfig.DataTools;
using ModelConfig.Core.Building;
using ModelConfig.Core.Models;
using ModelConfig.Core.Serialization;
using Xunit;
using Xunit.Abstractions;

namespace ModelConfig.Core.Tests.Building
{
    /// <summary>Runs the builder over every real config in ../shared/reference/hf-configs and checks the manifest's expected counts.</summary>
    public class ManifestTests
    {
        private readonly ITestOutputHelper _out;
        public ManifestTests(ITestOutputHelper output) { _out = output; }

        internal static ModelConfiguration BuildShared(string configFile, string? hfId = null)
        {
            var dir = SharedData.RequireShared("reference", "hf-configs");
            var json = HfConfigJson.Parse(File.ReadAllText(Path.Combine(dir, configFile)), configFile);
            return ModelConfigBuilder.Build(json, new BuildOptions { HfModelId = hfId });
        }

        [SkippableFact]
        public void EveryManifestConfigBuildsWithTheExpectedCount()
        {
            var manifest = SharedData.RequireShared("reference", "hf-configs", "manifest.csv");
            var failures = new List<string>();
            int checkedRows = 0;
            foreach (var row in CsvTable.ReadRecords(manifest))
            {
                var file = row["config_file"];
                if (string.IsNullOrEmpty(file)) continue;
                var m = BuildShared(file, row["hf_id"]);
                var expectedText = row["expected_total_params"];
                var line = $"{row["hf_id"],-40} {m.ModelType,-12} total {m.TotalParams,15} active {m.ActiveParams,15} expected {(expectedText.Length > 0 ? expectedText : "-"),15}";
                _out.WriteLine(line);

                // every build must round-trip through the file format and rebuild from its facts
                var text = ModelConfigJson.Write(m);
                var back = ModelConfigJson.Read(text, file);
                if (ModelConfigJson.Write(back) != text) failures.Add($"{row["hf_id"]}: file round-trip changed the model");
                var rebuilt = ModelConfigBuilder.Rebuild(back);
                if (ModelConfigJson.Write(rebuilt) != text) failures.Add($"{row["hf_id"]}: Rebuild(facts) does not reproduce the model");
                if (m.ParamsBreakdown.Total != m.TotalParams) failures.Add($"{row["hf_id"]}: breakdown does not sum to the total");

                if (expectedText.Length == 0) continue;
                checkedRows++;
                long expected = long.Parse(expectedText);
                if (m.TotalParams != expected) failures.Add($"{row["hf_id"]}: built {m.TotalParams}, expected {expected} (diff {m.TotalParams - expected})");
            }
            Assert.True(checkedRows >= 20, $"only {checkedRows} manifest rows had a config and an expected count");
            Assert.True(failures.Count == 0, string.Join("\n", failures));
        }
    }
}
