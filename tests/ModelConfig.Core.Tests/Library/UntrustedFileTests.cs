using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using ModelConfig.Core.Building;
using ModelConfig.Core.Hardware;
using ModelConfig.Core.Hub;
using ModelConfig.Core.Library;
using ModelConfig.Core.Serialization;
using ModelConfig.Core.Tests.Hardware;
using Xunit;

namespace ModelConfig.Core.Tests.Library
{
    /// <summary>Library and config files that parse but cannot be used, or cannot be read safely: one error each, never a crash or a hang.</summary>
    public class UntrustedFileTests
    {
        private static void Mkfifo(string path)
        {
            using var p = Process.Start(new ProcessStartInfo("mkfifo", path) { UseShellExecute = false })!;
            p.WaitForExit();
            Assert.Equal(0, p.ExitCode);
        }

        /// <summary>Runs <paramref name="action"/> with a deadline: a hang is a failure, not a stuck test run.</summary>
        private static T Within<T>(Func<T> action, int seconds = 10)
        {
            var task = Task.Run(action);
            Assert.True(task.Wait(TimeSpan.FromSeconds(seconds)), $"did not finish within {seconds} s");
            return task.Result;
        }

        [Fact]
        public void A_model_file_with_a_duplicate_key_is_one_error_naming_file_and_key_and_the_rest_still_list()
        {
            using var folder = new TempFolder();
            folder.Write("good_a.json", ModelConfigJson.Write(TestModels.Tiny("good_a")));
            folder.Write("dup.json", "{\"total_params\": 1, " + ModelConfigJson.Write(TestModels.Tiny("dup")).TrimStart().Substring(1));
            var lib = new ModelLibrary(new[] { folder.Path });

            var models = lib.List(out var errors);

            Assert.Equal(new[] { "good_a" }, models.Select(m => m.ModelId));
            var error = Assert.Single(errors);
            Assert.Contains("dup.json", error.Message);
            Assert.Contains("total_params", error.Message);
        }

        [Fact]
        public void A_hardware_file_with_a_duplicate_key_is_one_error_and_the_rest_still_list()
        {
            using var folder = new HardwareTestFolder();
            HardwareTestFolder.Write(folder.Path, "good_gpu", HardwareTestFolder.Minimal("good_gpu"));
            HardwareTestFolder.Write(folder.Path, "dup_gpu", "{\"vendor\": \"x\", " + HardwareTestFolder.Minimal("dup_gpu").TrimStart().Substring(1));
            var lib = new HardwareLibrary(folder.Path);

            var items = lib.List(out var errors);

            Assert.Equal(new[] { "good_gpu" }, items.Select(h => h.HardwareId));
            Assert.Contains("vendor", Assert.Single(errors).Message);
        }

        [Theory]
        [InlineData("{\"model_type\": \"llama\", \"model_type\": \"qwen2\"}", "model_type")]
        [InlineData("{\"model_type\": \"llama\", \"text_config\": {\"a\": 1, \"a\": 2}}", "text_config.a")]
        [InlineData("{\"model_type\": \"llama\", \"name\": \"\\ud800x\"}", "name")]
        [InlineData("{\"model_type\": \"llama\", \"layer_types\": [\"full\", \"\\udc00\"]}", "layer_types[1]")]
        // nested arrays: each level counts its own index (the strict pass keeps one index per open array)
        [InlineData("{\"model_type\": \"llama\", \"m\": [[1, 2], [3, {\"b\": 1, \"b\": 2}]], \"n\": [0]}", "m[1][1].b")]
        [InlineData("{\"model_type\": \"llama\", \"m\": [[1, [2]], {\"c\": [\"x\", \"\\ud800\"]}]}", "m[1].c[1]")]
        public void A_config_json_that_parses_but_cannot_be_used_names_the_field(string json, string field)
        {
            var e = Assert.Throws<DataFileFormatException>(() => HfConfigJson.Parse(json, "config.json"));
            Assert.Equal(field, e.Field);
        }

        [Fact]
        public void A_config_json_with_a_lone_surrogate_from_a_local_path_is_a_format_error()
        {
            using var folder = new TempFolder();
            var file = folder.Write("config.json", "{\"model_type\": \"llama\", \"_name_or_path\": \"\\ud800x\"}");
            var e = Assert.Throws<DataFileFormatException>(() => HubResolver.ResolveLocal(file));
            Assert.Contains("_name_or_path", e.Message);
        }

        [SkippableFact]
        public void A_fifo_named_like_a_library_file_is_skipped_with_an_error_not_a_hang()
        {
            Skip.If(OperatingSystem.IsWindows(), "mkfifo is Unix only");
            using var folder = new TempFolder();
            folder.Write("good_a.json", ModelConfigJson.Write(TestModels.Tiny("good_a")));
            Mkfifo(Path.Combine(folder.Path, "x.json"));
            var lib = new ModelLibrary(new[] { folder.Path });

            var (models, errors) = Within(() => (lib.List(out var errs), errs));

            Assert.Equal(new[] { "good_a" }, models.Select(m => m.ModelId));
            Assert.Contains("x.json", Assert.Single(errors).Message);
            Within(() => lib.ListNames());
        }

        [SkippableFact]
        public void A_fifo_as_config_json_is_refused_not_waited_for()
        {
            Skip.If(OperatingSystem.IsWindows(), "mkfifo is Unix only");
            using var folder = new TempFolder();
            Mkfifo(Path.Combine(folder.Path, "config.json"));
            var e = Within(() => Record.Exception(() => HubResolver.ResolveLocal(folder.Path)));
            Assert.Contains("not a regular file", Assert.IsType<DataFileFormatException>(e).Message);
        }

        [SkippableFact]
        public void A_link_to_dev_zero_is_refused_without_reading_it()
        {
            Skip.IfNot(File.Exists("/dev/zero"), "needs /dev/zero");
            using var folder = new TempFolder();
            File.CreateSymbolicLink(Path.Combine(folder.Path, "zero.json"), "/dev/zero");
            var lib = new ModelLibrary(new[] { folder.Path });

            var (_, errors) = Within(() => (lib.List(out var errs), errs));

            Assert.Contains("zero.json", Assert.Single(errors).Message);
        }

        [Fact]
        public void A_file_over_16_MiB_is_refused_naming_the_file()
        {
            using var folder = new TempFolder();
            var big = Path.Combine(folder.Path, "big.json");
            using (var f = File.Create(big)) f.SetLength(DataFileReader.MaxBytes + 1L);
            var e = Assert.Throws<DataFileFormatException>(() => ModelConfigJson.ReadFile(big));
            Assert.Contains("big.json", e.Message);
            Assert.Contains("16 MiB", e.Message);
        }
    }
}
