using System;
using System.Collections.Generic;

namespace ModelConfig.Core.Planning
{
    /// <summary>The load points one candidate layout contributed, in the order the source evaluated them.</summary>
    internal sealed class LayoutOutcome
    {
        public LayoutOutcome(LayoutEvaluator evaluator, string source)
        {
            Evaluator = evaluator;
            Source = source;
        }

        public LayoutEvaluator Evaluator { get; }
        /// <summary>The candidate source that produced the points (closed-loop today; request-rate and disaggregated later).</summary>
        public string Source { get; }
        public List<LoadPoint> Points { get; } = new List<LoadPoint>();
        /// <summary>Why the source stopped before its last load level: the target the next level missed, else None.</summary>
        public SlaConstraint StoppedBy { get; set; }
        /// <summary>Load levels the source skipped because an earlier one already missed a target or did not fit.</summary>
        public int Skipped { get; set; }
    }

    /// <summary>
    /// One kind of candidate the planner searches. A source receives the candidate layouts of one hardware x precision
    /// (already pruned by memory) and adds the load points it evaluates. New serving modes plug in here: a request-rate
    /// source evaluates one arrival rate per layout at a percentile; a disaggregated source pairs a prefill layout with a
    /// decode layout from the same list.
    /// </summary>
    internal interface ICandidateSource
    {
        string Name { get; }

        void Evaluate(IReadOnlyList<LayoutEvaluator> layouts, ServiceLevel sla, bool exhaustive, List<LayoutOutcome> outcomes);
    }

    /// <summary>
    /// Closed-loop concurrency levels, ascending. Pruning: TTFT and TPOT grow and tokens/s per user falls with concurrency
    /// (more sequences per step, more prompts per lifetime, and queueing once the KV cache is full), so once a level misses a
    /// target every higher level misses it too and is not estimated. A level that does not fit means the KV cache holds no
    /// sequence at all, which no higher level changes.
    /// </summary>
    internal sealed class ClosedLoopCandidateSource : ICandidateSource
    {
        private readonly int[] _concurrencies;

        public ClosedLoopCandidateSource(IEnumerable<int> concurrencies)
        {
            var sorted = new List<int>(concurrencies);
            sorted.Sort();
            _concurrencies = sorted.ToArray();
        }

        public string Name => "closed-loop";

        public int LevelCount => _concurrencies.Length;

        public void Evaluate(IReadOnlyList<LayoutEvaluator> layouts, ServiceLevel sla, bool exhaustive, List<LayoutOutcome> outcomes)
        {
            foreach (var layout in layouts)
            {
                var outcome = new LayoutOutcome(layout, Name);
                for (int i = 0; i < _concurrencies.Length; i++)
                {
                    var p = layout.Evaluate(_concurrencies[i]);
                    p.Verdict = p.Fits ? sla.Judge(p.TtftMs, p.TpotMs, p.TokensPerSecondPerUser) : new SlaVerdict(SlaConstraint.Memory, double.MaxValue);
                    outcome.Points.Add(p);
                    if (!p.Verdict.Meets && !exhaustive)
                    {
                        outcome.StoppedBy = p.Verdict.Constraint;
                        outcome.Skipped = _concurrencies.Length - i - 1;
                        break;
                    }
                }
                outcomes.Add(outcome);
            }
        }
    }

    /// <summary>
    /// Planned candidate sources that need serving modes not in the estimator yet. Each is one more
    /// <see cref="ICandidateSource"/>; until its mode lands, asking for it is an error rather than a silent omission.
    /// </summary>
    public static class PendingCandidateSources
    {
        /// <summary>Open-loop arrivals at -RequestRate with percentile SLAs (needs the open-loop load model).</summary>
        public const string RequestRate = "request-rate";
        /// <summary>Prefill and decode on separate pools (needs the disaggregated load model).</summary>
        public const string Disaggregated = "disaggregated";
        /// <summary>Speculative decoding (needs the speculative step model).</summary>
        public const string SpeculativeDecoding = "speculative decoding";

        public static NotSupportedException NotAvailable(string source) => new NotSupportedException(
            $"The {source} candidates are not available yet: the serving mode they need is not in this version of the estimator. Search closed-loop concurrency levels (-Concurrency) instead.");
    }
}
