using System;
using System.IO;
using System.Threading;

namespace ModelConfig.Core.Serialization
{
    /// <summary>
    /// An exclusive lock on a data file for one read-modify-write, held as a hidden ".name.lock" file beside it that is
    /// opened with FileShare.None (an flock on Unix). The lock file stays after release: deleting it would let a
    /// waiter that already opened the old file and one that creates a new file both hold "the" lock.
    /// </summary>
    public sealed class FileLock : IDisposable
    {
        public static readonly TimeSpan DefaultWait = TimeSpan.FromSeconds(10);

        private readonly FileStream _stream;

        private FileLock(FileStream stream) { _stream = stream; }

        public static string LockPathFor(string path)
        {
            var full = FileSystemFacts.FinalTarget(Path.GetFullPath(path));
            return Path.Combine(Path.GetDirectoryName(full) ?? ".", "." + Path.GetFileName(full) + ".lock");
        }

        /// <summary>Waits up to <paramref name="wait"/> for the lock, then throws an IOException that says who to blame.</summary>
        public static FileLock Acquire(string path, TimeSpan wait)
        {
            var lockPath = LockPathFor(path);
            var deadline = DateTime.UtcNow + wait;
            while (true)
            {
                try
                {
                    return new FileLock(new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
                }
                catch (IOException) when (DateTime.UtcNow < deadline)
                {
                    Thread.Sleep(25);
                }
                catch (IOException e) when (!(e is FileNotFoundException || e is DirectoryNotFoundException))
                {
                    throw new IOException(
                        $"'{path}' is being changed by another process (it holds '{lockPath}'); waited {wait.TotalSeconds:0.#} s. Try again when it has finished.", e);
                }
            }
        }

        public void Dispose() => _stream.Dispose();
    }
}
