using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using ModelConfig.Core.Hardware;
using ModelConfig.Core.Library;
using Xunit;
using Xunit.Abstractions;

namespace ModelConfig.Core.Tests.Hardware
{
    public class HardwareLibraryTests
    {
        private readonly ITestOutputHelper _out;
        public HardwareLibraryTests(ITestOutputHelper output) { _out = output; }

        [Fact]
        public void OneCorruptFileGivesOneErrorAndTheOthersStillList()
        {
            using var tmp = new HardwareTestFolder();
            HardwareTestFolder.Write(tmp.Path, "good_a", HardwareTestFolder.Minimal("good_a"));
            HardwareTestFolder.Write(tmp.Path, "good_b", HardwareTestFolder.Minimal("good_b"));
            var bad = HardwareTestFolder.Write(tmp.Path, "broken", HardwareTestFolder.Minimal("broken").Replace("\"bf16\": 100", "\"bf16\": \"lots\""));

            var list = new HardwareLibrary(tmp.Path).List(out var errors);

            Assert.Equal(new[] { "good_a", "good_b" }, list.Select(h => h.HardwareId));
            var e = Assert.Single(errors);
            Assert.Equal(bad, e.FilePath);
            Assert.Equal("broken", e.Id);
            Assert.Equal("dense_tflops.bf16", e.Field);
            Assert.Contains(bad, e.Message);
        }

        [Fact]
        public void BundledDataPlusOneCorruptUserFileStillListsEverything()
        {
            using var tmp = new HardwareTestFolder();
            File.WriteAllText(Path.Combine(tmp.Path, "oops.json"), "{ not json");
            var bundled = SharedData.DataDir("hardware");
            var list = new HardwareLibrary(tmp.Path, bundled).List(out var errors);
            Assert.Single(errors);
            Assert.Equal(Directory.GetFiles(bundled, "*.json").Length, list.Count);
        }

        [Fact]
        public void FileNameMustMatchId()
        {
            using var tmp = new HardwareTestFolder();
            HardwareTestFolder.Write(tmp.Path, "named_wrong", HardwareTestFolder.Minimal("other_id"));
            var list = new HardwareLibrary(tmp.Path).List(out var errors);
            Assert.Empty(list);
            Assert.Equal("hardware_id", Assert.Single(errors).Field);
        }

        [Fact]
        public void EarlierFolderOverridesLaterAndKeepsBundledAliases()
        {
            using var tmp = new HardwareTestFolder();
            var bundled = tmp.Sub("bundled");
            var user = tmp.Sub("user");
            HardwareTestFolder.Write(bundled, "acc_x", HardwareTestFolder.Minimal("acc_x", 100, "\"old_x\""));
            HardwareTestFolder.Write(bundled, "acc_y", HardwareTestFolder.Minimal("acc_y", 50));
            HardwareTestFolder.Write(user, "ACC_X", HardwareTestFolder.Minimal("ACC_X", 123)); // no aliases, other case

            var lib = new HardwareLibrary(user, bundled);
            Assert.Equal(123, lib.Find("acc_x")!.DenseTflopsBf16);
            Assert.Equal(123, lib.Find("old_x")!.DenseTflopsBf16); // bundled alias now resolves to the override
            var list = lib.List(out var errors);
            Assert.Empty(errors);
            Assert.Equal(2, list.Count);
            Assert.Equal(Path.Combine(user, "ACC_X.json"), list.Single(h => h.HardwareId == "ACC_X").SourcePath);
        }

        [Fact]
        public void EnvironmentPathFirstEntryWinsAndAllUserFoldersBeatBundled()
        {
            using var tmp = new HardwareTestFolder();
            var bundled = tmp.Sub("bundled");
            var first = tmp.Sub("first");
            var second = tmp.Sub("second");
            HardwareTestFolder.Write(bundled, "acc", HardwareTestFolder.Minimal("acc", 1));
            HardwareTestFolder.Write(first, "acc", HardwareTestFolder.Minimal("acc", 2));
            HardwareTestFolder.Write(second, "acc", HardwareTestFolder.Minimal("acc", 3));
            HardwareTestFolder.Write(second, "only_second", HardwareTestFolder.Minimal("only_second", 4));

            var lib = HardwareLibrary.Create(bundled, first + Path.PathSeparator + second + Path.PathSeparator);
            Assert.Equal(2, lib.Find("acc")!.DenseTflopsBf16);
            Assert.Equal(4, lib.Find("only_second")!.DenseTflopsBf16);
            Assert.Equal(new[] { first, second, bundled }, lib.Folders); // the one order: highest precedence first
        }

        [Fact]
        public void CorruptOverrideIsReportedNotSilentlyReplacedByTheBundledFile()
        {
            using var tmp = new HardwareTestFolder();
            var bundled = tmp.Sub("bundled");
            var user = tmp.Sub("user");
            HardwareTestFolder.Write(bundled, "acc", HardwareTestFolder.Minimal("acc", 1));
            HardwareTestFolder.Write(user, "acc", "{");
            var lib = new HardwareLibrary(user, bundled);
            Assert.Null(lib.Find("acc", out var errors));
            Assert.Equal(Path.Combine(user, "acc.json"), Assert.Single(errors).FilePath);
        }

        [Fact]
        public void MissingFolderIsAnErrorNotAFailure()
        {
            using var tmp = new HardwareTestFolder();
            HardwareTestFolder.Write(tmp.Path, "acc", HardwareTestFolder.Minimal("acc"));
            var list = new HardwareLibrary(tmp.Path, Path.Combine(tmp.Path, "nope")).List(out var errors);
            Assert.Single(list);
            Assert.Null(Assert.Single(errors).Id);
        }

        [Fact]
        public void AliasNamingAnotherIdLosesToTheId()
        {
            using var tmp = new HardwareTestFolder();
            HardwareTestFolder.Write(tmp.Path, "a", HardwareTestFolder.Minimal("a", 1, "\"b\""));
            HardwareTestFolder.Write(tmp.Path, "b", HardwareTestFolder.Minimal("b", 2));
            var lib = new HardwareLibrary(tmp.Path);
            Assert.Equal(2, lib.Find("b")!.DenseTflopsBf16);
            lib.List(out var errors);
            Assert.Equal("aliases", Assert.Single(errors).Field);
        }

        [Fact]
        public void WildcardsMatchIdsAndAliases()
        {
            var lib = new HardwareLibrary(SharedData.DataDir("hardware"));
            var h100s = lib.Match("nvidia_h100*", out var errors);
            Assert.Empty(errors);
            Assert.Equal(new[] { "nvidia_h100_nvl_94gb", "nvidia_h100_pcie_80gb", "nvidia_h100_sxm_80gb" }, h100s.Select(h => h.HardwareId));
            Assert.Equal("nvidia_gb200_nvl72", Assert.Single(lib.Match("*NVL72_RACK", out _)).HardwareId);
            Assert.Equal("amd_mi300x", Assert.Single(lib.Match("AMD_MI300X", out _)).HardwareId);
            Assert.Empty(lib.Match("no_such_*", out _));
            Assert.True(WildcardMatcher.ContainsWildcard("a*"));
            Assert.False(WildcardMatcher.ContainsWildcard("nvidia_h100_80gb"));
        }

        [Fact]
        public void NamesForCompletionIncludeIdsAndAliases()
        {
            var names = new HardwareLibrary(SharedData.DataDir("hardware")).ListNames();
            Assert.Contains(names, n => n.Name == "nvidia_b200_hgx_180gb" && !n.IsAlias);
            var rack = Assert.Single(names, n => n.Name == "nvidia_nvl72_rack");
            Assert.True(rack.IsAlias);
            Assert.Equal("nvidia_gb200_nvl72", rack.Id);
            Assert.Contains(names, n => n.Name == "nvidia_gb200_single" && n.Id == "nvidia_gb200_superchip");
            Assert.Contains(names, n => n.Name == "nvidia_h100_80gb" && n.Id == "nvidia_h100_sxm_80gb");
            Assert.Equal(Directory.GetFiles(SharedData.DataDir("hardware"), "*.json").Length + 3, names.Count);
        }

        [Fact]
        public void NamesSkipUnreadableFilesAndBadNamesFindNothing()
        {
            using var tmp = new HardwareTestFolder();
            HardwareTestFolder.Write(tmp.Path, "ok", HardwareTestFolder.Minimal("ok", 1, "\"ok_alias\""));
            File.WriteAllText(Path.Combine(tmp.Path, "junk.json"), "[1, 2");
            var lib = new HardwareLibrary(tmp.Path);
            var names = lib.ListNames().Select(n => n.ToString()).ToList();
            Assert.Equal(new[] { "junk", "ok", "ok_alias -> ok" }, names); // ids come from file names
            Assert.Null(lib.Find("junk", out var errors));
            Assert.Single(errors);
            Assert.Null(lib.Find("../ok"));
            Assert.Null(lib.Find(""));
            Assert.Null(lib.Find("no_such_alias"));
            Assert.Equal("ok", lib.Find("OK_ALIAS")!.HardwareId);
        }

        [Fact]
        public void CallersGetCopiesAndEditedFilesAreReRead()
        {
            using var tmp = new HardwareTestFolder();
            var path = HardwareTestFolder.Write(tmp.Path, "acc", HardwareTestFolder.Minimal("acc", 100));
            var lib = new HardwareLibrary(tmp.Path);
            var first = lib.Find("acc")!;
            first.DenseTflops["bf16"] = 1;
            first.Aliases.Add("changed");
            Assert.Equal(100, lib.Find("acc")!.DenseTflopsBf16);
            Assert.Empty(lib.Find("acc")!.Aliases);

            File.WriteAllText(path, HardwareTestFolder.Minimal("acc", 200));
            File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddMinutes(1));
            Assert.Equal(200, lib.Find("acc")!.DenseTflopsBf16);
        }

        /// <summary>The directory listing and alias map are reused while the folder is unchanged; an in-place edit of a file's aliases is still seen.</summary>
        [Fact]
        public void AliasEditedInPlaceIsSeenThroughTheSnapshot()
        {
            using var tmp = new HardwareTestFolder();
            var path = HardwareTestFolder.Write(tmp.Path, "acc", HardwareTestFolder.Minimal("acc", 1, "\"a1\""));
            File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddMinutes(-10));
            Directory.SetLastWriteTimeUtc(tmp.Path, DateTime.UtcNow.AddMinutes(-10)); // old enough to trust the snapshot
            var lib = new HardwareLibrary(tmp.Path);
            Assert.Equal("acc", lib.Find("a1")!.HardwareId);

            File.WriteAllText(path, HardwareTestFolder.Minimal("acc", 1, "\"a2\"")); // in place: the directory may not change
            File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddMinutes(-5));
            Directory.SetLastWriteTimeUtc(tmp.Path, DateTime.UtcNow.AddMinutes(-10));
            Assert.Null(lib.Find("a1"));
            Assert.Equal("acc", lib.Find("a2")!.HardwareId);
        }

        [Fact]
        public void TenThousandLookupsAreCheap()
        {
            var lib = new HardwareLibrary(SharedData.DataDir("hardware"));
            lib.List(out _); // warm the cache
            var sw = Stopwatch.StartNew();
            for (int i = 0; i < 10_000; i++)
            {
                Assert.NotNull(lib.Find(i % 2 == 0 ? "nvidia_h100_sxm_80gb" : "nvidia_nvl72_rack"));
            }
            sw.Stop();
            _out.WriteLine($"10,000 lookups (half by alias): {sw.ElapsedMilliseconds} ms");
            Assert.True(sw.Elapsed < TimeSpan.FromSeconds(20), $"10,000 lookups took {sw.Elapsed}");
        }
    }
}
