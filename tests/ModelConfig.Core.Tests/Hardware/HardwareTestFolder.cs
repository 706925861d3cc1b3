using System;
using System.IO;

namespace ModelConfig.Core.Tests.Hardware
{
    /// <summary>A fresh temporary folder, deleted on dispose.</summary>
    internal sealed class HardwareTestFolder : IDisposable
    {
        public HardwareTestFolder()
        {
            Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "mc-hw-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(Path);
        }

        public string Path { get; }

        public string Sub(string name)
        {
            var p = System.IO.Path.Combine(Path, name);
            Directory.CreateDirectory(p);
            return p;
        }

        public void Dispose()
        {
            try { Directory.Delete(Path, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }

        /// <summary>A minimal valid hardware file's text.</summary>
        public static string Minimal(string id, double bf16 = 100, string aliases = "", string extra = "") => $$"""
            {
              "schema_version": 1,
              "hardware_id": "{{id}}",
              "aliases": [{{aliases}}],
              "vendor": "Test",
              "name": "Test {{id}}",
              "kind": "chip",
              "chips": 1,
              "memory_gb": 80,
              "memory_bandwidth_gbs": 2000,
              "dense_tflops": { "bf16": {{bf16.ToString(System.Globalization.CultureInfo.InvariantCulture)}} },
              "source": "unit test"{{extra}}
            }
            """;

        public static string Write(string folder, string id, string text)
        {
            var p = System.IO.Path.Combine(folder, id + ".json");
            File.WriteAllText(p, text);
            return p;
        }
    }
}
