using System;
using System.IO;
using System.Text;

namespace ModelConfig.Core.Serialization
{
    /// <summary>
    /// Reads a data file without trusting what the name promises: a FIFO would block the open forever and a link to
    /// /dev/zero would read until memory runs out. Neither has a size, so a file that reports none is refused unopened,
    /// and every read stops after <see cref="MaxBytes"/>.
    /// </summary>
    public static class DataFileReader
    {
        public const int MaxBytes = 16 * 1024 * 1024;

        /// <summary>The bytes of a regular file; DataFileFormatException for an empty or special file or one over the cap, IOException when unreadable.</summary>
        public static byte[] ReadBytes(string path)
        {
            var target = FileSystemFacts.FinalTarget(Path.GetFullPath(path));
            var info = new FileInfo(target);
            if (!info.Exists) throw new FileNotFoundException($"'{path}' does not exist.", path);
            if (info.Length == 0)
                throw new DataFileFormatException(path, null, "is empty, or is not a regular file (a FIFO, device or socket), so it was not read");
            if (info.Length > MaxBytes) throw TooLarge(path);
            using (var stream = new FileStream(target, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
            {
                var buffer = new MemoryStream((int)info.Length);
                var chunk = new byte[81920];
                int n;
                while ((n = stream.Read(chunk, 0, chunk.Length)) > 0)
                {
                    if (buffer.Length + n > MaxBytes) throw TooLarge(path);
                    buffer.Write(chunk, 0, n);
                }
                return buffer.ToArray();
            }
        }

        /// <summary>UTF-8 text (a byte order mark is dropped).</summary>
        public static string ReadText(string path)
        {
            var bytes = ReadBytes(path);
            int start = bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0;
            return Encoding.UTF8.GetString(bytes, start, bytes.Length - start);
        }

        private static DataFileFormatException TooLarge(string path) =>
            new DataFileFormatException(path, null, $"is larger than {MaxBytes / (1024 * 1024)} MiB, far more than a config; it was not read");
    }
}
