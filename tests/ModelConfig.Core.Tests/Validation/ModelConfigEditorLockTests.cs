using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using ModelConfig.Core.Serialization;
using ModelConfig.Core.Tests.Library;
using ModelConfig.Core.Validation;
using Xunit;

namespace ModelConfig.Core.Tests.Validation
{
    public class ModelConfigEditorLockTests
    {
        [Fact]
        public void Concurrent_edits_of_one_file_lose_no_update()
        {
            using var dir = new TempFolder();
            var file = dir.Write("tiny_model.json", ModelConfigJson.Write(TestModels.Tiny()));
            const int writers = 6, editsEach = 20;

            Parallel.For(0, writers, new ParallelOptions { MaxDegreeOfParallelism = writers }, _ =>
            {
                for (int i = 0; i < editsEach; i++)
                {
                    ModelConfigEditor.EditFile(file, text =>
                    {
                        var root = ModelConfigJson.ParseObject(text, file);
                        long count = root["edit_count"]?.GetValue<long>() ?? 0;
                        root["edit_count"] = count + 1;
                        return root.ToJsonString();
                    });
                }
            });

            var final = ModelConfigJson.ParseObject(File.ReadAllText(file), file);
            Assert.Equal(writers * editsEach, final["edit_count"]!.GetValue<long>());
        }

        [Fact]
        public void A_held_lock_ends_in_a_clear_error_after_the_bounded_wait()
        {
            using var dir = new TempFolder();
            var file = dir.Write("tiny_model.json", ModelConfigJson.Write(TestModels.Tiny()));
            using (FileLock.Acquire(file, TimeSpan.FromSeconds(1)))
            {
                var e = Assert.Throws<IOException>(() => FileLock.Acquire(file, TimeSpan.FromMilliseconds(200)));
                Assert.Contains("another process", e.Message);
                Assert.Contains("tiny_model.json", e.Message);
            }
            using (FileLock.Acquire(file, TimeSpan.FromMilliseconds(200))) { }
        }
    }
}
