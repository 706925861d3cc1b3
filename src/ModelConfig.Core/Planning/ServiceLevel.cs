using System.Globalization;

namespace ModelConfig.Core.Planning
{
    /// <summary>The service-level targets of a search; a null target does not constrain.</summary>
    public sealed class ServiceLevel
    {
        public double? MaxTtftMs { get; set; }
        public double? MaxTpotMs { get; set; }
        public double? MinTokensPerSecondPerUser { get; set; }
        /// <summary>Open loop: the percentile (50, 90, 99) the targets apply to; null: the means.</summary>
        public int? Percentile { get; set; }

        public bool IsEmpty => MaxTtftMs == null && MaxTpotMs == null && MinTokensPerSecondPerUser == null;

        /// <summary>
        /// How far a configuration is from the targets: the largest ratio of achieved to allowed (1 or less meets all),
        /// and the constraint with that ratio. Ratios make targets in different units comparable ("22% over").
        /// </summary>
        public SlaVerdict Judge(double ttftMs, double tpotMs, double tokensPerSecondPerUser)
        {
            var worst = new SlaVerdict(SlaConstraint.None, 0);
            if (MaxTtftMs is double t) worst = SlaVerdict.Worse(worst, new SlaVerdict(SlaConstraint.Ttft, ttftMs / t));
            if (MaxTpotMs is double p) worst = SlaVerdict.Worse(worst, new SlaVerdict(SlaConstraint.Tpot, tpotMs / p));
            if (MinTokensPerSecondPerUser is double u)
                worst = SlaVerdict.Worse(worst, new SlaVerdict(SlaConstraint.TokensPerSecondPerUser, tokensPerSecondPerUser > 0 ? u / tokensPerSecondPerUser : double.MaxValue));
            return worst;
        }

        /// <summary>The target of one constraint as a reader writes it: "TTFT <= 2000 ms".</summary>
        public string Describe(SlaConstraint c)
        {
            switch (c)
            {
                case SlaConstraint.Ttft: return P + "TTFT <= " + N(MaxTtftMs) + " ms";
                case SlaConstraint.Tpot: return P + "TPOT <= " + N(MaxTpotMs) + " ms";
                case SlaConstraint.TokensPerSecondPerUser: return ">= " + N(MinTokensPerSecondPerUser) + " tokens/s per user" + (Percentile != null ? " at p" + Percentile : "");
                case SlaConstraint.Memory: return "fits in GPU memory";
                case SlaConstraint.Saturated: return "a queue that does not grow (served rate = offered rate)";
                default: return "no target";
            }
        }

        public override string ToString()
        {
            if (IsEmpty) return "no latency targets";
            var parts = new System.Collections.Generic.List<string>();
            if (MaxTtftMs != null) parts.Add(Describe(SlaConstraint.Ttft));
            if (MaxTpotMs != null) parts.Add(Describe(SlaConstraint.Tpot));
            if (MinTokensPerSecondPerUser != null) parts.Add(Describe(SlaConstraint.TokensPerSecondPerUser));
            return string.Join(", ", parts);
        }

        private string P => Percentile != null ? "p" + Percentile + " " : "";

        private static string N(double? v) => (v ?? 0).ToString("0.##", CultureInfo.InvariantCulture);
    }

    /// <summary>Which target a configuration misses (or which one is closest to binding).</summary>
    public enum SlaConstraint
    {
        None,
        Ttft,
        Tpot,
        TokensPerSecondPerUser,
        /// <summary>Nothing fits in memory at all: no latency can be judged.</summary>
        Memory,
        /// <summary>Open loop: the offered rate exceeds what the configuration serves; the queue grows through the run.</summary>
        Saturated,
    }

    /// <summary>The constraint nearest to (or furthest past) its target, as achieved / allowed.</summary>
    public readonly struct SlaVerdict
    {
        public SlaVerdict(SlaConstraint constraint, double ratio)
        {
            Constraint = constraint;
            Ratio = ratio;
        }

        public SlaConstraint Constraint { get; }
        /// <summary>Achieved / allowed for the worst constraint: at most 1 when every target is met.</summary>
        public double Ratio { get; }
        public bool Meets => Ratio <= 1;

        public static SlaVerdict Worse(SlaVerdict a, SlaVerdict b) => b.Ratio > a.Ratio ? b : a;
    }
}
