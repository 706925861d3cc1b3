using System;
using System.Runtime.InteropServices;

namespace ModelConfig.Benchmarks
{
    /// <summary>
    /// CPU time of the calling thread, seconds. On a shared machine wall time counts the time other processes hold the
    /// cores; thread CPU time counts only this loop's own work, so figures taken under load stay comparable. Linux only
    /// (clock_gettime); elsewhere NaN, and the wall-clock figures stand alone.
    /// </summary>
    internal static class ThreadCpu
    {
        [StructLayout(LayoutKind.Sequential)]
        private struct TimeSpec
        {
            public long Seconds;
            public long Nanoseconds;
        }

        [DllImport("libc", EntryPoint = "clock_gettime")]
        private static extern int ClockGetTime(int clock, out TimeSpec t);

        private const int ThreadCpuTimeId = 3; // CLOCK_THREAD_CPUTIME_ID

        public static double Seconds()
        {
            if (!RuntimeInformation.IsOSPlatform(OSPlatform.Linux)) return double.NaN;
            try { return ClockGetTime(ThreadCpuTimeId, out var t) == 0 ? t.Seconds + t.Nanoseconds * 1e-9 : double.NaN; }
            catch (DllNotFoundException) { return double.NaN; }
            catch (EntryPointNotFoundException) { return double.NaN; }
        }
    }
}
