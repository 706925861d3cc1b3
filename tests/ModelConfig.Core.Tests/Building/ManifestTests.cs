using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json.Nodes;
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

        internal static List<Dictionary<string, string>> ReadCsv(string path)
        {
            var rows = new List<List<string>>();
            var text = File.ReadAllText(path, Encoding.UTF8);
            var row = new List<string>();
            var field = new StringBuilder();
            bool quoted = false;
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (quoted)
                {
                    if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                    else if (c == '"') quoted = false;
                    else field.Append(c);
                }
                else if (c == '"') quoted = true;
                else if (c == ',') { row.Add(field.ToString()); field.Clear(); }
                else if (c == '\n' || c == '\r')
                {
                    if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n') i++;
                    row.Add(field.ToString()); field.Clear();
                    if (row.Count > 1 || row[0].Length > 0) rows.Add(row);
                    row = new List<string>();
                }
                else field.Append(c);
            }
            if (field.Length > 0 || row.Count > 0) { row.Add(field.ToString()); rows.Add(row); }
            var header = rows[0];
            return rows.Skip(1).Select(r => header.Select((h, i) => (h, v: i < r.Count ? r[i] : "")).ToDictionary(x => x.h, x => x.v)).ToList();
        }

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
            foreach (var row in ReadCsv(manifest))
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
