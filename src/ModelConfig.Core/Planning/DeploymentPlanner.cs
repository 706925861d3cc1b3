using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;
using ModelConfig.Core.Estimation;
using ModelConfig.Core.Hardware;

namespace ModelConfig.Core.Planning
{
    /// <summary>
    /// Finds the best configurations of a model under latency targets: every layout x precision x load level of every
    /// hardware is a candidate; what cannot fit or cannot meet the targets is pruned before it is estimated; survivors are
    /// ranked by the objective, and the winners are re-estimated in full (assumptions, memory detail) so each result is
    /// exactly what Measure-Deployment returns for it.
    /// </summary>
    public static class DeploymentPlanner
    {
        /// <param name="cancellationToken">
        /// Checked before every candidate: a cancelled search throws <see cref="OperationCanceledException"/> within one
        /// candidate's load levels (Ctrl+C in Find-Deployment, the server's time budget).
        /// </param>
        public static PlanResult Plan(PlanningRequest request, CancellationToken cancellationToken = default)
        {
            if (request == null) throw new ArgumentNullException(nameof(request));
            if (request.Model == null) throw new DeploymentConfigurationException(DeploymentConstraint.Model, "PlanningRequest.Model is required.");
            var clock = Stopwatch.StartNew();
            var result = new PlanResult { ModelId = request.Model.ModelId };
            var sources = Sources(request);
            var outcomes = new List<LayoutOutcome>();
            foreach (var hw in request.Hardware)
            {
                if (!CanRank(request, hw, result)) continue;
                SearchHardware(request, hw, sources, outcomes, result.Statistics, cancellationToken);
            }
            cancellationToken.ThrowIfCancellationRequested();
            var ranking = new PlanRanking(request, outcomes);
            ranking.Rank(result);
            if (request.Frontier) ranking.Frontier(result);
            if (result.Ranked.Count == 0) result.Shortfall = ranking.Shortfall();
            clock.Stop();
            result.Statistics.Elapsed = clock.Elapsed;
            return result;
        }

        /// <summary>
        /// Closed-loop levels, or open-loop rates when rates or a percentile are asked for (the targets then apply to that
        /// percentile, which closed-loop means cannot answer); the disaggregated source searches the same levels.
        /// </summary>
        private static List<ICandidateSource> Sources(PlanningRequest request)
        {
            var levels = new List<LoadLevel>();
            if (request.OpenLoop)
            {
                var rates = new List<double>((IEnumerable<double>?)request.RequestRates ?? PlanningRequest.DefaultRequestRates);
                rates.Sort();
                foreach (var r in rates) levels.Add(LoadLevel.AtRate(r));
            }
            else
            {
                var concurrencies = new List<int>((IEnumerable<int>?)request.Concurrencies ?? PlanningRequest.DefaultConcurrencies);
                concurrencies.Sort();
                foreach (var c in concurrencies) levels.Add(LoadLevel.AtConcurrency(c));
            }
            int? percentile = request.ServiceLevel.Percentile;
            var sources = new List<ICandidateSource> { new LoadLevelCandidateSource(request.OpenLoop ? "request-rate" : "closed-loop", levels, percentile) };
            if (request.IncludeDisaggregated) sources.Add(new DisaggregatedCandidateSource(levels, percentile, request.MaxGpus));
            return sources;
        }

        /// <summary>A cost ranking needs a price and an energy ranking a TDP; hardware without one is left out and noted.</summary>
        private static bool CanRank(PlanningRequest request, HardwareConfig hw, PlanResult result)
        {
            if (request.Objective == PlanningObjective.CostPerMillionTokens && DeploymentEconomics.PriceFor(hw, request.GpuHourPrices, request.DefaultGpuHourPrice) == null)
            {
                result.Notes.Add($"{hw.HardwareId} left out: no GPU-hour price (give -GpuHourPrice, or price_usd_per_gpu_hour in a hardware file).");
                return false;
            }
            if (request.Objective == PlanningObjective.EnergyPerToken && hw.TdpW == null)
            {
                result.Notes.Add($"{hw.HardwareId} left out: its hardware file has no tdp_w, so energy cannot be estimated.");
                return false;
            }
            return true;
        }

        private static void SearchHardware(PlanningRequest request, HardwareConfig hw, List<ICandidateSource> sources, List<LayoutOutcome> outcomes, PlanningStatistics stats,
            CancellationToken cancellationToken)
        {
            var layouts = LayoutSpace.Enumerate(request.Model, hw, request.MaxGpus);
            if (layouts.Count == 0) return;
            var template = new DeploymentRequest
            {
                Model = request.Model, Hardware = hw, Framework = request.Framework, Calibration = request.Calibration,
                InputLength = request.InputLength, OutputLength = request.OutputLength,
                SpeculativeMethod = request.SpeculativeMethod, DraftModel = request.DraftModel,
            };
            var rates = new ResolvedRatesCache();
            foreach (var precision in PrecisionChoices.For(hw, request.WeightPrecisions, request.KvCachePrecisions))
            {
                var candidates = new List<LayoutCandidate>(layouts.Count);
                foreach (var degrees in layouts) candidates.Add(new LayoutCandidate(template, degrees, precision, rates));
                stats.Layouts += candidates.Count;
                foreach (var source in sources)
                {
                    var evaluated = source.Candidates(candidates, request.Exhaustive, out int prunedByMemory);
                    stats.CandidatesConsidered += (long)(evaluated.Count + prunedByMemory) * source.LevelCount;
                    stats.PrunedByMemory += (long)prunedByMemory * source.LevelCount;
                    int before = outcomes.Count;
                    source.Evaluate(evaluated, request.ServiceLevel, request.Exhaustive, outcomes, cancellationToken);
                    for (int i = before; i < outcomes.Count; i++)
                    {
                        stats.Estimated += outcomes[i].Points.Count;
                        stats.PrunedByServiceLevel += outcomes[i].Skipped;
                    }
                }
            }
        }
    }
}
