using System;
using System.Linq;
using System.Reflection;
using ModelConfig.Core.Estimation;

namespace ModelConfig.Core.Planning
{
    /// <summary>
    /// A configuration Find-Deployment returns: the full estimate Measure-Deployment would give for it (same properties),
    /// plus its rank, the objective value it was ranked by, one line on why it ranks there, cost, energy and fleet size.
    /// </summary>
    public sealed class PlannedDeployment : DeploymentEstimate
    {
        private static readonly PropertyInfo[] EstimateProperties = typeof(DeploymentEstimate)
            .GetProperties(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance)
            .Where(p => p.CanRead && p.CanWrite && p.Name != nameof(DeploymentEstimate.Assumptions)).ToArray();

        public int Rank { get; set; }
        /// <summary>The <see cref="PlanningObjective"/> ranked by, by name (ConvertTo-Json writes enum properties as numbers).</summary>
        public string Objective => ObjectiveKind.ToString();
        internal PlanningObjective ObjectiveKind { get; set; }
        /// <summary>The objective's value: tok/s per GPU, USD per million output tokens (prompts included), J per output token, or ms.</summary>
        public double ObjectiveValue { get; set; }
        public string Why { get; set; } = "";
        /// <summary>The candidate source the configuration came from: closed-loop, request-rate, disaggregated closed-loop or disaggregated request-rate.</summary>
        public string CandidateSource { get; set; } = "";
        /// <summary>Disaggregated candidates: the worker counts and pool layouts (Measure-Deployment's -Prefill*/-Decode* values); null when aggregated.</summary>
        public DisaggregatedPools? Disaggregation { get; set; }
        /// <summary>True for a point of the Pareto frontier (-Frontier), false for a ranked answer.</summary>
        public bool IsFrontier { get; set; }
        public bool MeetsServiceLevel { get; set; }
        public string ServiceLevel { get; set; } = "";

        public double? GpuHourPriceUsd { get; set; }
        /// <summary>USD per hour of one replica (all its GPUs).</summary>
        public double? ReplicaCostPerHourUsd { get; set; }
        public double? CostPerMillionInputTokens { get; set; }
        public double? CostPerMillionOutputTokens { get; set; }
        /// <summary>Modelled busy share of a decode step (compute or memory pipes working), the energy model's utilisation.</summary>
        public double? GpuUtilisation { get; set; }
        public double? JoulesPerOutputToken { get; set; }

        /// <summary>Requests per second the whole service must carry (-TotalRequestRate), when given.</summary>
        public double? TotalRequestRate { get; set; }
        public int? FleetReplicas { get; set; }
        public int? FleetGpus { get; set; }
        /// <summary>Share of the fleet's capacity left at <see cref="TotalRequestRate"/>: 1 - rate / (replicas x requests/s per replica).</summary>
        public double? FleetHeadroom { get; set; }

        /// <summary>
        /// Copies every settable property of the estimate (the internal typed values behind Mode and SpeculativeMethod too), so properties other work adds to DeploymentEstimate appear here
        /// without this file changing.
        /// </summary>
        public static PlannedDeployment From(DeploymentEstimate e)
        {
            if (e == null) throw new ArgumentNullException(nameof(e));
            var p = new PlannedDeployment();
            foreach (var prop in EstimateProperties) prop.SetValue(p, prop.GetValue(e));
            e.CopyAssumptionsTo(p); // still unstated when nobody has read them: the ranked answers state them on first read too
            return p;
        }

        public override string ToString() => $"#{Rank} {base.ToString()}";
    }
}
