using System;
using System.IO;
using System.Text;
using System.Text.RegularExpressions;

namespace ModelConfig.Core.Serialization
{
    /// <summary>
    /// Writes a file so that readers see either the old or the new content, never half of it:
    /// the text goes to a temporary file in the same folder, which then replaces the target.
    /// A symbolic link is followed (the target changes, the link stays), the target's permission bits are kept,
    /// and a read-only target is refused rather than silently replaced.
    /// </summary>
    public static class AtomicFile
    {
        /// <summary>A temporary file older than this belongs to a write that was killed, not to one still running.</summary>
        public static readonly TimeSpan StaleTempAge = TimeSpan.FromMinutes(1);

        private static readonly Regex TempName = new Regex(@"^\..+\.[0-9a-f]{32}\.tmp$", RegexOptions.CultureInvariant);

        public static void WriteAllText(string path, string text, bool overwrite = true)
        {
            var full = FileSystemFacts.FinalTarget(Path.GetFullPath(path));
            var dir = Path.GetDirectoryName(full) ?? ".";
            bool exists = File.Exists(full);
            if (exists && !overwrite) throw new IOException($"The file '{full}' already exists.");
            if (exists && FileSystemFacts.IsReadOnly(full))
                throw new UnauthorizedAccessException($"'{full}' is read-only; make it writable first if it should change.");
            RemoveStaleTemps(dir);

            var temp = Path.Combine(dir, "." + Path.GetFileName(full) + "." + Guid.NewGuid().ToString("N") + ".tmp");
            try
            {
                using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
                using (var writer = new StreamWriter(stream, new UTF8Encoding(false)))
                {
                    writer.Write(text);
                    writer.Flush();
                    stream.Flush(true);
                }
                if (exists)
                {
                    FileSystemFacts.SetUnixMode(temp, FileSystemFacts.UnixMode(full));
                    File.Replace(temp, full, null);
                }
                else
                {
                    // Move without overwrite fails when another writer created the file meanwhile: no silent replace.
                    File.Move(temp, full);
                }
            }
            finally
            {
                if (File.Exists(temp)) File.Delete(temp);
            }
        }

        /// <summary>Temporary files a killed write left behind; best effort, a file in use or already gone is skipped.</summary>
        private static void RemoveStaleTemps(string dir)
        {
            try
            {
                var cutoff = DateTime.UtcNow - StaleTempAge;
                foreach (var file in Directory.EnumerateFiles(dir, ".*.tmp"))
                {
                    if (!TempName.IsMatch(Path.GetFileName(file))) continue;
                    try
                    {
                        if (File.GetLastWriteTimeUtc(file) < cutoff) File.Delete(file);
                    }
                    catch (Exception e) when (e is IOException || e is UnauthorizedAccessException) { }
                }
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException) { }
        }
    }
}
