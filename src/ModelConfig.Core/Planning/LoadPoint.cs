using System;
using ModelConfig.Core.Estimation;
using ModelConfig.Core.Hardware;

namespace ModelConfig.Core.Planning
{
    /// <summary>One load level a source asks for: a closed-loop concurrency, or (RequestRate > 0) an open-loop rate per replica.</summary>
    internal readonly struct LoadLevel
    {
        private LoadLevel(int concurrency, double requestRate)
        {
            Concurrency = concurrency;
            RequestRate = requestRate;
        }

        public int Concurrency { get; }
        public double RequestRate { get; }
        public bool IsRate => RequestRate > 0;

        public static LoadLevel AtConcurrency(int c) => new LoadLevel(c, 0);
        public static LoadLevel AtRate(double rate) => new LoadLevel(0, rate);
    }

    /// <summary>
    /// One load level of one candidate, as the search sees it (enough to judge and rank). TtftMs, TpotMs and
    /// TokensPerSecondPerUser are the figures the targets are judged on: the means, or under -Percentile that percentile.
    /// </summary>
    internal struct LoadPoint
    {
        public LoadLevel Level;
        public bool Fits, Saturated;
        public int MaxBatchSize;
        /// <summary>Sequences decoding together: the concurrency (closed loop) or the steady running batch (open loop); the energy model's load.</summary>
        public int Sequences;
        public double TtftMs, TpotMs, EndToEndMs, OutputTokensPerSecond, OutputTokensPerSecondPerGpu, TokensPerSecondPerUser, RequestsPerSecond, PrefillMs;
        public SlaVerdict Verdict;

        public int Concurrency => Level.Concurrency;

        public string Describe() => Level.IsRate
            ? Level.RequestRate.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture) + " requests/s"
            : "concurrency " + Level.Concurrency;

        /// <summary>The point of a full estimate, its latencies at <paramref name="percentile"/> (null: the means).</summary>
        public static LoadPoint From(DeploymentEstimate e, LoadLevel level, int? percentile)
        {
            double ttft = e.TtftMs, tpot = e.TpotMs, e2e = e.EndToEndLatencyMs;
            switch (percentile)
            {
                case 50: ttft = e.TtftP50Ms ?? ttft; tpot = e.TpotP50Ms ?? tpot; e2e = e.EndToEndLatencyP50Ms ?? e2e; break;
                case 90: ttft = e.TtftP90Ms ?? ttft; tpot = e.TpotP90Ms ?? tpot; e2e = e.EndToEndLatencyP90Ms ?? e2e; break;
                case 99: ttft = e.TtftP99Ms ?? ttft; tpot = e.TpotP99Ms ?? tpot; e2e = e.EndToEndLatencyP99Ms ?? e2e; break;
            }
            int sequences = level.IsRate ? Math.Max(1, (int)Math.Ceiling(e.RunningBatch ?? 1)) : level.Concurrency;
            return new LoadPoint
            {
                Level = level, Fits = e.Fits, Saturated = e.Saturated, MaxBatchSize = e.MaxBatchSize, Sequences = sequences,
                TtftMs = ttft, TpotMs = tpot, EndToEndMs = e2e, OutputTokensPerSecond = e.OutputTokensPerSecond,
                OutputTokensPerSecondPerGpu = e.OutputTokensPerSecond / e.NumGpus,
                TokensPerSecondPerUser = percentile != null && e.OutputLength > 1 ? 1000.0 / tpot : e.TokensPerSecondPerUser,
                RequestsPerSecond = e.RequestsPerSecond, PrefillMs = e.PrefillMs,
            };
        }
    }

    /// <summary>A configuration the search evaluates at load levels: one aggregated layout, or a disaggregated pool pair.</summary>
    internal abstract class Candidate
    {
        public abstract HardwareConfig Hardware { get; }
        public abstract PrecisionPair Precision { get; }
        public abstract int NumGpus { get; }
        /// <summary>The layout as the Why line and the shortfall print it.</summary>
        public abstract string Layout { get; }
        public abstract LoadPoint Evaluate(LoadLevel level, int? percentile);
        /// <summary>The request Measure-Deployment would run for this candidate at one evaluated point.</summary>
        public abstract DeploymentRequest RequestAt(LoadLevel level);
        /// <summary>The utilisation the energy model scales power by, at one evaluated point.</summary>
        public abstract double BusyFraction(in LoadPoint p);
    }
}
