using System;
using System.IO;
using System.Text;

namespace ModelConfig.Core.Serialization
{
    /// <summary>
    /// Writes a file so that readers see either the old or the new content, never half of it:
    /// the text goes to a temporary file in the same folder, which then replaces the target.
    /// </summary>
    public static class AtomicFile
    {
        public static void WriteAllText(string path, string text, bool overwrite = true)
        {
            var full = Path.GetFullPath(path);
            var dir = Path.GetDirectoryName(full) ?? ".";
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
                if (File.Exists(full))
                {
                    if (!overwrite) throw new IOException($"The file '{full}' already exists.");
                    File.Replace(temp, full, null);
                }
                else
                {
                    File.Move(temp, full);
                }
            }
            finally
            {
                if (File.Exists(temp)) File.Delete(temp);
            }
        }
    }
}
