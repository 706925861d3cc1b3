using System;
using System.Collections.Generic;

namespace ModelConfig.Core.Planning
{
    /// <summary>What a search found for one model.</summary>
    public sealed class PlanResult
    {
        public string ModelId { get; set; } = "";
        /// <summary>Best first; one entry per hardware, layout and precision (its best load level meeting the targets).</summary>
        public List<PlannedDeployment> Ranked { get; } = new List<PlannedDeployment>();
        /// <summary>Per hardware, the Pareto frontier of output tokens/s per GPU against tokens/s per user, by tokens/s per user ascending.</summary>
        public List<PlannedDeployment> Frontier { get; } = new List<PlannedDeployment>();
        /// <summary>Set when no configuration meets the targets: which one binds and how close the nearest came.</summary>
        public PlanningShortfall? Shortfall { get; set; }
        /// <summary>Hardware the search left out, with the reason (no price for a cost ranking, no TDP for an energy ranking).</summary>
        public List<string> Notes { get; } = new List<string>();
        public PlanningStatistics Statistics { get; } = new PlanningStatistics();
    }

    /// <summary>No configuration meets the targets: the constraint that binds and the configuration that came closest.</summary>
    public sealed class PlanningShortfall
    {
        public string ModelId { get; set; } = "";
        /// <summary>The binding <see cref="SlaConstraint"/> by name (ConvertTo-Json writes enum properties as numbers).</summary>
        public string BindingConstraint => Binding.ToString();
        internal SlaConstraint Binding { get; set; }
        /// <summary>The target as written: "TTFT <= 2000 ms".</summary>
        public string Target { get; set; } = "";
        /// <summary>Achieved / allowed of the binding constraint at the nearest configuration (1.22: 22% past the target).</summary>
        public double NearestRatio { get; set; }
        /// <summary>The configuration that came closest (null when nothing fits in memory).</summary>
        public PlannedDeployment? Nearest { get; set; }
        /// <summary>Fitting load points that miss, counted under the target each misses worst.</summary>
        public Dictionary<SlaConstraint, int> MissesByConstraint { get; } = new Dictionary<SlaConstraint, int>();
        public string Message { get; set; } = "";

        public override string ToString() => Message;
    }

    /// <summary>How much the search looked at and how much it pruned.</summary>
    public sealed class PlanningStatistics
    {
        /// <summary>Hardware x layout x precision x load level: the whole candidate space.</summary>
        public long CandidatesConsidered { get; set; }
        /// <summary>Load points actually estimated.</summary>
        public long Estimated { get; set; }
        /// <summary>Skipped because weights and the framework reserve overflow a GPU.</summary>
        public long PrunedByMemory { get; set; }
        /// <summary>Skipped because a lower load level of the same layout already missed a target.</summary>
        public long PrunedByServiceLevel { get; set; }
        public int Layouts { get; set; }
        public TimeSpan Elapsed { get; set; }

        public override string ToString() =>
            $"{CandidatesConsidered:N0} candidates ({Layouts:N0} layout x precision pairs): {Estimated:N0} estimated, {PrunedByMemory:N0} pruned by memory, {PrunedByServiceLevel:N0} by the targets, in {Elapsed.TotalMilliseconds:N0} ms";
    }
}
