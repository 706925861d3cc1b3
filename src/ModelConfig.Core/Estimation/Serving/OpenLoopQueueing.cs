using System;

namespace ModelConfig.Core.Estimation
{
    /// <summary>
    /// The queueing approximations behind the open-loop percentiles (README "Open loop"): the Allen-Cunneen / Sakasegawa
    /// G/G/c waiting time with an exponential tail for the queue wait, and a normal approximation of the arrivals a request
    /// shares its decode lifetime with for TPOT. Checked against a discrete-event simulation in the tests.
    /// </summary>
    internal static class OpenLoopQueueing
    {
        /// <summary>The reported percentiles and their standard-normal quantiles.</summary>
        public static readonly double[] Levels = { 0.5, 0.9, 0.99 };
        public static readonly double[] NormalZ = { 0.0, 1.2815516, 2.3263479 };

        /// <summary>
        /// Probability of waiting and mean wait of a G/G/c queue at utilisation <paramref name="u"/>:
        /// P(wait) ≈ u^(√(2(c+1))−1) (exact u for c = 1), E[W] ≈ (ca² + cs²)/2 · P(wait) / (c (1−u)) · S.
        /// </summary>
        public static (double PWait, double MeanWaitMs) Wait(double u, double arrivalCv2, double serviceCv2, double servers, double serviceMs)
        {
            if (u <= 0 || serviceMs <= 0) return (0, 0);
            u = Math.Min(u, 0.999);
            double c = Math.Max(1, servers);
            double pw = c <= 1 ? u : Math.Pow(u, Math.Sqrt(2 * (c + 1)) - 1);
            return (pw, (arrivalCv2 + serviceCv2) / 2 * pw / (c * (1 - u)) * serviceMs);
        }

        /// <summary>Quantile of the wait: zero with probability 1 − P(wait), else exponential with mean E[W] / P(wait).</summary>
        public static double WaitQuantile(double pWait, double meanWaitMs, double level)
            => pWait <= 0 || meanWaitMs <= 0 || level <= 1 - pWait ? 0 : meanWaitMs / pWait * Math.Log(pWait / (1 - level));

        /// <summary>
        /// Arrivals during a window that holds <paramref name="mean"/> of them on average, at a quantile: a renewal process
        /// with inter-arrival CV² has count variance ≈ mean · CV² (0 for constant arrivals, mean for Poisson).
        /// </summary>
        public static double CountQuantile(double mean, double arrivalCv2, double z) => Math.Max(0, mean + z * Math.Sqrt(Math.Max(0, mean * arrivalCv2)));
    }
}
