using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using ModelConfig.Core.Estimation;
using ModelConfig.Core.Hardware;

namespace ModelConfig.Benchmarks
{
    /// <summary>
    /// --golden FILE: a few thousand estimates' full JSON (assumptions included) across models, chips, layouts, precisions
    /// and load modes. Performance work on the estimator must leave the file byte-identical (diff before/after).
    /// </summary>
    internal static class GoldenDump
    {
        public static int Write(string path)
        {
            var chips = new HardwareLibrary(Path.Combine(Repo.Root, "data", "hardware")).List(out _)
                .Where(h => string.Equals(h.Kind, "chip", StringComparison.OrdinalIgnoreCase)).OrderBy(h => h.HardwareId, StringComparer.Ordinal).Take(16).ToList();
            var models = new[] { "meta-llama/Llama-3.3-70B-Instruct", "meta-llama/Llama-3.1-8B-Instruct", "Qwen/Qwen3-30B-A3B", "deepseek-ai/DeepSeek-V3" }.Select(Repo.Model).ToList();
            var json = new JsonSerializerOptions { WriteIndented = false };
            int n = 0;
            using var w = new StreamWriter(path, false, new UTF8Encoding(false));
            foreach (var m in models)
                foreach (var hw in chips)
                    foreach (int tp in new[] { 1, 2, 4, 8 })
                        foreach (var prec in new[] { "bf16", "fp8" })
                            for (int mode = 0; mode < 5; mode++)
                            {
                                var r = new DeploymentRequest { Model = m, Hardware = hw, TensorParallel = tp, WeightPrecision = prec, InputLength = 2048, OutputLength = 256 };
                                switch (mode)
                                {
                                    case 0: r.Concurrency = 64; break;
                                    case 1: r.BatchSize = 8; break;
                                    case 2: r.RequestRate = 2; break;
                                    case 3: r.Offline = true; r.NumRequests = 500; break;
                                    default: r.Concurrency = 16; r.Disaggregation = new DisaggregatedPools { PrefillTensorParallel = tp, DecodeTensorParallel = tp, DecodeWorkers = 2 }; break;
                                }
                                string line;
                                try { line = JsonSerializer.Serialize(DeploymentEstimator.Estimate(r), json); }
                                catch (DeploymentConfigurationException e) { line = "error: " + e.Message; }
                                w.WriteLine(line);
                                n++;
                            }
            Console.WriteLine($"{n} estimates written to {path}");
            return 0;
        }
    }
}
