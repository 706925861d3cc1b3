using System;
using System.IO;
using System.Reflection;

namespace ModelConfig.Core.Serialization
{
    /// <summary>
    /// Link targets and Unix permission bits. netstandard2.0 has no API for either, but every host the module supports
    /// (PowerShell 7.4+ on .NET 8+) does: the runtime's own methods are looked up once and used when present.
    /// </summary>
    internal static class FileSystemFacts
    {
        private static readonly MethodInfo? ResolveLinkTargetMethod =
            typeof(File).GetMethod("ResolveLinkTarget", new[] { typeof(string), typeof(bool) });
        private static readonly MethodInfo? GetUnixFileModeMethod =
            typeof(File).GetMethod("GetUnixFileMode", new[] { typeof(string) });
        private static readonly MethodInfo? SetUnixFileModeMethod = FindSetUnixFileMode();

        private static MethodInfo? FindSetUnixFileMode()
        {
            foreach (var m in typeof(File).GetMethods(BindingFlags.Public | BindingFlags.Static))
            {
                var p = m.GetParameters();
                if (m.Name == "SetUnixFileMode" && p.Length == 2 && p[0].ParameterType == typeof(string)) return m;
            }
            return null;
        }

        private static bool OnWindows => Path.DirectorySeparatorChar == '\\';

        /// <summary>The file a chain of symbolic links ends at (the path itself when it is no link), so a rewrite edits what the link points to.</summary>
        public static string FinalTarget(string fullPath)
        {
            if (ResolveLinkTargetMethod == null) return fullPath;
            try
            {
                // the common case, a plain file, without the reflective call (ResolveLinkTarget returns null for it too);
                // a path that cannot be read this way goes the long way, as before
                if (IsPlainFile(fullPath)) return fullPath;
                var target = ResolveLinkTargetMethod.Invoke(null, new object[] { fullPath, true }) as FileSystemInfo;
                return target == null ? fullPath : Path.GetFullPath(target.FullName);
            }
            catch (TargetInvocationException e) when (e.InnerException is IOException || e.InnerException is UnauthorizedAccessException)
            {
                return fullPath;
            }
        }

        private static bool IsPlainFile(string fullPath)
        {
            try { return (File.GetAttributes(fullPath) & FileAttributes.ReparsePoint) == 0; }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException) { return false; }
        }

        /// <summary>The permission bits (an opaque UnixFileMode value), or null on Windows and on runtimes without the API.</summary>
        public static object? UnixMode(string fullPath)
        {
            if (OnWindows || GetUnixFileModeMethod == null) return null;
            try { return GetUnixFileModeMethod.Invoke(null, new object[] { fullPath }); }
            catch (TargetInvocationException e) when (e.InnerException is IOException || e.InnerException is UnauthorizedAccessException)
            {
                return null;
            }
        }

        public static void SetUnixMode(string fullPath, object? mode)
        {
            if (mode == null || SetUnixFileModeMethod == null) return;
            try { SetUnixFileModeMethod.Invoke(null, new[] { fullPath, mode }); }
            catch (TargetInvocationException e) when (e.InnerException != null)
            {
                throw e.InnerException;
            }
        }

        /// <summary>
        /// Read-only by its mode or attribute. Root may write a 0444 file, so waiting for EACCES would not catch it;
        /// .NET reports ReadOnly when the owner's (or group's, other's) write bit that applies to this user is clear.
        /// </summary>
        public static bool IsReadOnly(string fullPath) =>
            File.Exists(fullPath) && (File.GetAttributes(fullPath) & FileAttributes.ReadOnly) != 0;
    }
}
