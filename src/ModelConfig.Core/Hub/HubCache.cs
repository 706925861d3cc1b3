using System;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace ModelConfig.Core.Hub
{
    /// <summary>
    /// The huggingface_hub cache layout for a model repo:
    /// {cache}/models--{org}--{name}/refs/{revision} holds a commit sha and
    /// {cache}/models--{org}--{name}/snapshots/{sha}/config.json the file (there often a symlink into blobs/).
    /// </summary>
    public static class HubCache
    {
        public static string RepoFolder(string cacheDir, string repoId) => Path.Combine(cacheDir, HubIds.CacheFolderName(repoId));

        public static string RefPath(string cacheDir, string repoId, string revision) =>
            Path.Combine(RepoFolder(cacheDir, repoId), "refs", revision.Replace('/', Path.DirectorySeparatorChar));

        public static string SnapshotConfigPath(string cacheDir, string repoId, string commitSha) =>
            Path.Combine(RepoFolder(cacheDir, repoId), "snapshots", commitSha, "config.json");

        /// <summary>
        /// The cached config.json for repo@revision (a sha maps directly to its snapshot, a branch or tag goes
        /// through refs/), or null. Never touches the network; unreadable refs add a warning and count as a miss.
        /// </summary>
        public static string? FindConfig(string cacheDir, string repoId, string revision, out string? commitSha, IList<string>? warnings = null)
        {
            commitSha = null;
            try
            {
                if (HubIds.IsCommitSha(revision))
                {
                    commitSha = revision.ToLowerInvariant();
                }
                else
                {
                    var refPath = RefPath(cacheDir, repoId, revision);
                    if (!File.Exists(refPath)) return null;
                    var sha = Serialization.DataFileReader.ReadText(refPath).Trim();
                    if (!HubIds.IsCommitSha(sha))
                    {
                        warnings?.Add($"Ignoring cache ref '{refPath}': it does not hold a commit sha.");
                        return null;
                    }
                    commitSha = sha.ToLowerInvariant();
                }
                var path = SnapshotConfigPath(cacheDir, repoId, commitSha);
                return File.Exists(path) ? path : null;
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is NotSupportedException || e is ArgumentException
                || e is Serialization.DataFileFormatException)
            {
                warnings?.Add($"Could not read the HuggingFace cache at '{cacheDir}': {e.Message}");
                return null;
            }
        }

        /// <summary>
        /// Stores a downloaded config.json as snapshots/{sha}/config.json and, for a branch or tag, refs/{revision}
        /// pointing at the sha. Each file is written to a temporary file beside it and then moved into place.
        /// Returns the config path; throws IOException/UnauthorizedAccessException when the cache cannot be written.
        /// </summary>
        public static string Store(string cacheDir, string repoId, string revision, string commitSha, byte[] configBytes, bool overwriteConfig = false)
        {
            var configPath = SnapshotConfigPath(cacheDir, repoId, commitSha);
            Directory.CreateDirectory(Path.GetDirectoryName(configPath)!);
            WriteAtomic(configPath, configBytes, overwriteConfig);
            if (!HubIds.IsCommitSha(revision))
            {
                var refPath = RefPath(cacheDir, repoId, revision);
                Directory.CreateDirectory(Path.GetDirectoryName(refPath)!);
                WriteAtomic(refPath, Encoding.ASCII.GetBytes(commitSha), overwrite: true);
            }
            return configPath;
        }

        internal static void WriteAtomic(string path, byte[] bytes, bool overwrite)
        {
            if (!overwrite && File.Exists(path)) return;   // snapshots are content-addressed: an existing file is the same
            var temp = path + "." + Guid.NewGuid().ToString("N").Substring(0, 12) + ".incomplete";
            try
            {
                using (var fs = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
                {
                    fs.Write(bytes, 0, bytes.Length);
                    fs.Flush(true);
                }
                try
                {
                    File.Move(temp, path);
                }
                catch (IOException) when (File.Exists(path))
                {
                    if (!overwrite) return;   // another process won the race with the same content
                    try { File.Replace(temp, path, null); }
                    catch (PlatformNotSupportedException) { File.Delete(path); File.Move(temp, path); }
                }
            }
            finally
            {
                try { if (File.Exists(temp)) File.Delete(temp); } catch (IOException) { } catch (UnauthorizedAccessException) { }
            }
        }
    }
}
