using System;
using System.IO;
using Xunit;

namespace ModelConfig.Core.Tests
{
    /// <summary>
    /// Locates the repository and the reference data in ../shared (present on CI, maybe not elsewhere).
    /// Tests that need it call <see cref="RequireShared"/>, which skips them with a message when it is absent.
    /// </summary>
    internal static class SharedData
    {
        public static string RepoRoot { get; } = FindRepoRoot();

        /// <summary>../shared beside the repository, or $MODELCONFIG_SHARED_DIR; null when neither exists.</summary>
        public static string? SharedDir
        {
            get
            {
                var env = Environment.GetEnvironmentVariable("MODELCONFIG_SHARED_DIR");
                if (!string.IsNullOrEmpty(env) && Directory.Exists(env)) return Path.GetFullPath(env);
                var sibling = Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared"));
                return Directory.Exists(sibling) ? sibling : null;
            }
        }

        public static string RequireShared(params string[] relative)
        {
            var dir = SharedDir;
            Skip.If(dir == null, "../shared is not present beside the repository; reference-data test skipped");
            var path = Path.Combine(dir!, Path.Combine(relative));
            Skip.IfNot(File.Exists(path) || Directory.Exists(path), $"{path} is not present; reference-data test skipped");
            return path;
        }

        public static string DataDir(params string[] relative) => Path.Combine(RepoRoot, "data", Path.Combine(relative));

        private static string FindRepoRoot()
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir != null && !File.Exists(Path.Combine(dir.FullName, "ModelConfig.sln"))) dir = dir.Parent;
            return dir?.FullName ?? throw new InvalidOperationException("ModelConfig.sln not found above " + AppContext.BaseDirectory);
        }
    }
}
