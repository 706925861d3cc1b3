using System;
using System.IO;
using ModelConfig.Core.Serialization;
using ModelConfig.Core.Tests.Library;
using Xunit;

namespace ModelConfig.Core.Tests.Serialization
{
    public class AtomicFileTests
    {
        private static bool OnUnix => !OperatingSystem.IsWindows();

        [SkippableFact]
        public void Writing_through_a_symlink_changes_the_target_and_keeps_the_link()
        {
            Skip.IfNot(OnUnix, "symlinks need privileges on Windows");
            using var dir = new TempFolder();
            var target = dir.Write("real.json", "old");
            var link = Path.Combine(dir.Path, "link.json");
            File.CreateSymbolicLink(link, target);

            AtomicFile.WriteAllText(link, "new");

            Assert.Equal("new", File.ReadAllText(target));
            Assert.NotNull(new FileInfo(link).LinkTarget);
        }

        [SkippableFact]
        [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
        public void Rewriting_a_file_keeps_its_permission_bits()
        {
            Skip.IfNot(OnUnix, "Unix modes only");
            using var dir = new TempFolder();
            var file = dir.Write("private.json", "old");
            File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);

            AtomicFile.WriteAllText(file, "new");

            Assert.Equal("new", File.ReadAllText(file));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        }

        [Fact]
        public void A_read_only_file_is_refused_with_a_clear_error_and_left_unchanged()
        {
            using var dir = new TempFolder();
            var file = dir.Write("locked.json", "old");
            // Root may write a 0444 file, so the check must look at the mode rather than wait for EACCES.
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
            else File.SetAttributes(file, FileAttributes.ReadOnly);

            var e = Assert.Throws<UnauthorizedAccessException>(() => AtomicFile.WriteAllText(file, "new"));

            Assert.Contains("read-only", e.Message);
            Assert.Equal("old", File.ReadAllText(file));
        }

        [Fact]
        public void Stale_temporary_files_of_an_interrupted_write_are_removed_by_the_next_write()
        {
            using var dir = new TempFolder();
            var stale = dir.Write(".a.json." + Guid.NewGuid().ToString("N") + ".tmp", "half");
            File.SetLastWriteTimeUtc(stale, DateTime.UtcNow.AddMinutes(-5));
            var fresh = dir.Write(".b.json." + Guid.NewGuid().ToString("N") + ".tmp", "in flight");
            var unrelated = dir.Write(".notes.tmp", "mine");
            File.SetLastWriteTimeUtc(unrelated, DateTime.UtcNow.AddMinutes(-5));

            AtomicFile.WriteAllText(Path.Combine(dir.Path, "c.json"), "{}");

            Assert.False(File.Exists(stale));
            Assert.True(File.Exists(fresh), "a temporary file of a write that may still be running stays");
            Assert.True(File.Exists(unrelated), "only files named like our temporary files are removed");
        }

        [Fact]
        public void Without_overwrite_an_existing_file_is_never_replaced()
        {
            using var dir = new TempFolder();
            var file = dir.Write("x.json", "old");
            Assert.Throws<IOException>(() => AtomicFile.WriteAllText(file, "new", overwrite: false));
            Assert.Equal("old", File.ReadAllText(file));
        }
    }
}
