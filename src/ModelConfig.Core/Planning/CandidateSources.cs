using System.Collections.Generic;
using System.Threading;

namespace ModelConfig.Core.Planning
{
    /// <summary>The load points one candidate contributed, in the order the source evaluated them.</summary>
    internal sealed class LayoutOutcome
    {
        public LayoutOutcome(Candidate candidate, string source, int levels)
        {
            Candidate = candidate;
            Source = source;
            Points = new List<LoadPoint>(levels);
        }

        public Candidate Candidate { get; }
        /// <summary>The candidate source that produced the points: closed-loop, request-rate, or disaggregated (with its load kind).</summary>
        public string Source { get; }
        public List<LoadPoint> Points { get; }
        /// <summary>Why the source stopped before its last load level: the target the next level missed, else None.</summary>
        public SlaConstraint StoppedBy { get; set; }
        /// <summary>Load levels the source skipped because an earlier one already missed a target or did not fit.</summary>
        public int Skipped { get; set; }
    }

    /// <summary>
    /// One kind of candidate the planner searches. A source receives the candidate layouts of one hardware x precision
    /// turns them into candidates (a layout, or a pair of pool layouts) and adds the load
    /// points it evaluates.
    /// </summary>
    internal interface ICandidateSource
    {
        string Name { get; }
        /// <summary>Load levels per candidate: the candidate space is candidates x this.</summary>
        int LevelCount { get; }

        /// <summary>
        /// The candidates this source makes from the layouts of one hardware x precision (the planner passes every layout;
        /// <paramref name="exhaustive"/> keeps those that cannot hold their weights), and how many it pruned by memory.
        /// </summary>
        IReadOnlyList<Candidate> Candidates(IReadOnlyList<LayoutCandidate> layouts, bool exhaustive, out int prunedByMemory);

        void Evaluate(IReadOnlyList<Candidate> candidates, ServiceLevel sla, bool exhaustive, List<LayoutOutcome> outcomes, CancellationToken cancellationToken);
    }

    /// <summary>
    /// Load levels ascending, closed-loop concurrencies or open-loop request rates per replica. Pruning: TTFT and TPOT (mean
    /// or at any percentile) grow and tokens/s per user falls with the load (more sequences per step, more prompts per
    /// lifetime, longer queues), so once a level misses a target every higher level misses it too and is not estimated. A
    /// level that does not fit means the KV cache holds no sequence at all, which no higher level changes; a saturated rate
    /// (offered above what the replica serves, the queue growing through the run) stays saturated at every higher rate.
    /// </summary>
    internal class LoadLevelCandidateSource : ICandidateSource
    {
        private readonly LoadLevel[] _levels;
        private readonly int? _percentile;

        public LoadLevelCandidateSource(string name, IReadOnlyList<LoadLevel> ascending, int? percentile)
        {
            Name = name;
            _levels = new LoadLevel[ascending.Count];
            for (int i = 0; i < _levels.Length; i++) _levels[i] = ascending[i];
            _percentile = percentile;
        }

        public string Name { get; }
        public int LevelCount => _levels.Length;

        public virtual IReadOnlyList<Candidate> Candidates(IReadOnlyList<LayoutCandidate> layouts, bool exhaustive, out int prunedByMemory)
        {
            var fitting = new List<Candidate>(layouts.Count);
            prunedByMemory = 0;
            foreach (var c in layouts)
            {
                if (c.WeightsAndReserveFit || exhaustive) fitting.Add(c);
                else prunedByMemory++;
            }
            return fitting;
        }

        public void Evaluate(IReadOnlyList<Candidate> candidates, ServiceLevel sla, bool exhaustive, List<LayoutOutcome> outcomes, CancellationToken cancellationToken)
        {
            foreach (var candidate in candidates)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var outcome = new LayoutOutcome(candidate, Name, _levels.Length);
                for (int i = 0; i < _levels.Length; i++)
                {
                    var p = candidate.Evaluate(_levels[i], _percentile);
                    p.Verdict = Judge(p, sla);
                    outcome.Points.Add(p);
                    if (!p.Verdict.Meets && !exhaustive)
                    {
                        outcome.StoppedBy = p.Verdict.Constraint;
                        outcome.Skipped = _levels.Length - i - 1;
                        break;
                    }
                }
                outcomes.Add(outcome);
            }
        }

        private static SlaVerdict Judge(in LoadPoint p, ServiceLevel sla)
        {
            if (!p.Fits) return new SlaVerdict(SlaConstraint.Memory, double.MaxValue);
            // a saturated point's latencies grow with the run's length: it is no answer whatever the targets say; the ratio
            // (offered over served) says how far past capacity it runs
            if (p.Saturated) return new SlaVerdict(SlaConstraint.Saturated, p.RequestsPerSecond > 0 ? p.Level.RequestRate / p.RequestsPerSecond : double.MaxValue);
            return sla.Judge(p.TtftMs, p.TpotMs, p.TokensPerSecondPerUser);
        }
    }

    /// <summary>
    /// Prefill/decode pool pairs (<see cref="DisaggregatedCandidate.Pairs"/>) at the same load levels as the aggregated
    /// search, pruned the same way. Pruning before any estimate: a pool layout whose weights and reserve overflow a GPU pairs
    /// with nothing, and worker counts stop at -MaxGpus GPUs in all.
    /// </summary>
    internal sealed class DisaggregatedCandidateSource : LoadLevelCandidateSource
    {
        private readonly int _maxGpus;

        public DisaggregatedCandidateSource(IReadOnlyList<LoadLevel> ascending, int? percentile, int maxGpus)
            : base(ascending.Count > 0 && ascending[0].IsRate ? "disaggregated request-rate" : "disaggregated closed-loop", ascending, percentile)
        {
            _maxGpus = maxGpus;
        }

        public override IReadOnlyList<Candidate> Candidates(IReadOnlyList<LayoutCandidate> layouts, bool exhaustive, out int prunedByMemory)
            => DisaggregatedCandidate.Pairs(layouts, _maxGpus, out prunedByMemory);
    }
}
