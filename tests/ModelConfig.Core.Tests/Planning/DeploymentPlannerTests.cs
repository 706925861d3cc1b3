using System.Collections.Generic;
using System.Linq;
using ModelConfig.Core.Estimation;
using ModelConfig.Core.Hardware;
using ModelConfig.Core.Planning;
using ModelConfig.Core.Tests.Estimation;
using Xunit;

namespace ModelConfig.Core.Tests.Planning
{
    public class DeploymentPlannerTests
    {
        private static HardwareConfig Gpu(string id, double memoryGB, double tdp = 700)
        {
            var h = TestModels.H100();
            h.HardwareId = id; h.MemoryGB = memoryGB; h.TdpW = tdp;
            return h;
        }

        private static PlanningRequest Request(ServiceLevel? sla = null, bool exhaustive = false) => new PlanningRequest
        {
            Model = TestModels.Dense(), Hardware = new List<HardwareConfig> { Gpu("gpu_a", 80), Gpu("gpu_b", 24) },
            InputLength = 2048, OutputLength = 256, ServiceLevel = sla ?? new ServiceLevel(), Exhaustive = exhaustive, Top = 1000,
        };

        [Fact]
        public void TheSearchRanksOnExactlyTheNumbersTheEstimatorGives()
        {
            var template = new DeploymentRequest { Model = TestModels.Dense(), Hardware = Gpu("gpu_a", 80), InputLength = 2048, OutputLength = 256, Framework = "vllm" };
            foreach (var degrees in LayoutSpace.Enumerate(template.Model, template.Hardware, 8))
            {
                var ev = new LayoutCandidate(template, degrees, new PrecisionPair("fp8", "fp8"), new ResolvedRatesCache());
                foreach (int c in new[] { 1, 16, 512, 4096 })
                {
                    var fast = ev.Evaluate(LoadLevel.AtConcurrency(c), null);
                    var full = DeploymentEstimator.Estimate(ev.RequestAt(LoadLevel.AtConcurrency(c)));
                    Assert.Equal(full.Fits, fast.Fits);
                    Assert.Equal(full.TtftMs, fast.TtftMs);
                    Assert.Equal(full.TpotMs, fast.TpotMs);
                    Assert.Equal(full.OutputTokensPerSecondPerGpu, fast.OutputTokensPerSecondPerGpu);
                    Assert.Equal(full.RequestsPerSecond, fast.RequestsPerSecond);
                }
            }
        }

        [Fact]
        public void AnAggregatedAnswerIsNamedAsMeasureDeploymentNamesItAndAPairByItsPools()
        {
            var request = Request(new ServiceLevel { MaxTtftMs = 5000, MaxTpotMs = 100 });
            request.IncludeDisaggregated = true;
            request.MaxGpus = 4;
            var ranked = DeploymentPlanner.Plan(request).Ranked;
            var pair = ranked.First(p => p.Disaggregation != null);
            Assert.Matches(@"^prefill \dx TP\d( PP\d)? \+ decode \dx TP\d( PP\d)?$", pair.Layout);
            foreach (var p in ranked.Where(p => p.Disaggregation == null))
            {
                var e = new DeploymentEstimate { TensorParallel = p.TensorParallel, PipelineParallel = p.PipelineParallel, ExpertParallel = p.ExpertParallel, DataParallelAttention = p.DataParallelAttention };
                Assert.Equal(e.Layout, p.Layout);
                Assert.StartsWith("TP", p.Layout);
            }
        }

        [Fact]
        public void EveryRankedConfigurationMeetsTheTargets()
        {
            var sla = new ServiceLevel { MaxTtftMs = 1500, MaxTpotMs = 30 };
            var result = DeploymentPlanner.Plan(Request(sla));
            Assert.NotEmpty(result.Ranked);
            Assert.All(result.Ranked, p => Assert.True(p.TtftMs <= 1500 && p.TpotMs <= 30 && p.Fits && p.MeetsServiceLevel));
            Assert.Equal(Enumerable.Range(1, result.Ranked.Count), result.Ranked.Select(p => p.Rank));
            Assert.True(result.Statistics.PrunedByServiceLevel > 0);
        }

        [Fact]
        public void PruningNeverDropsAConfigurationThatBeatsTheWinner()
        {
            var sla = new ServiceLevel { MaxTtftMs = 1500, MaxTpotMs = 30 };
            var pruned = DeploymentPlanner.Plan(Request(sla));
            var all = DeploymentPlanner.Plan(Request(sla, exhaustive: true));
            Assert.True(all.Statistics.Estimated > pruned.Statistics.Estimated);
            Assert.Equal(all.Ranked[0].ObjectiveValue, pruned.Ranked[0].ObjectiveValue);
            Assert.Equal(all.Ranked.Select(p => p.ObjectiveValue), pruned.Ranked.Select(p => p.ObjectiveValue));
        }

        [Fact]
        public void NoFeasibleConfigurationNamesTheBindingConstraintAndTheNearestMiss()
        {
            var result = DeploymentPlanner.Plan(Request(new ServiceLevel { MaxTpotMs = 0.5 }));
            Assert.Empty(result.Ranked);
            Assert.NotNull(result.Shortfall);
            Assert.Equal(SlaConstraint.Tpot, result.Shortfall!.Binding);
            Assert.True(result.Shortfall.NearestRatio > 1);
            Assert.Contains("TPOT <= 0.5 ms", result.Shortfall.Message);
            Assert.NotNull(result.Shortfall.Nearest);
        }

        [Fact]
        public void TheFrontierIsParetoOptimalPerHardware()
        {
            var r = Request();
            r.Frontier = true;
            var result = DeploymentPlanner.Plan(r);
            foreach (var g in result.Frontier.GroupBy(p => p.HardwareId))
            {
                var pts = g.ToList();
                for (int i = 1; i < pts.Count; i++)
                {
                    Assert.True(pts[i].TokensPerSecondPerUser > pts[i - 1].TokensPerSecondPerUser);
                    Assert.True(pts[i].OutputTokensPerSecondPerGpu < pts[i - 1].OutputTokensPerSecondPerGpu);
                }
            }
            Assert.NotEmpty(result.Frontier);
        }

        [Fact]
        public void CostEnergyAndFleetSizeFollowTheStatedRules()
        {
            var r = Request(new ServiceLevel { MaxTpotMs = 40 });
            r.Objective = PlanningObjective.CostPerMillionTokens;
            r.GpuHourPrices["gpu_a"] = 3.0;
            r.TotalRequestRate = 20;
            var result = DeploymentPlanner.Plan(r);
            Assert.Contains(result.Notes, n => n.StartsWith("gpu_b left out"));
            var w = result.Ranked[0];
            Assert.Equal("gpu_a", w.HardwareId);
            double perSecond = 3.0 * w.NumGpus / 3600;
            Assert.Equal(perSecond / w.OutputTokensPerSecond * 1e6, w.ObjectiveValue, 9);
            // input and output costs split the bill: together they pay for every token served
            double billPerSecond = w.CostPerMillionOutputTokens!.Value * w.OutputTokensPerSecond / 1e6 + w.CostPerMillionInputTokens!.Value * w.RequestsPerSecond * w.InputLength / 1e6;
            Assert.Equal(perSecond, billPerSecond, 9);
            Assert.True(w.JoulesPerOutputToken > 0 && w.GpuUtilisation > 0 && w.GpuUtilisation <= 1);
            Assert.Equal((int)System.Math.Ceiling(20 / w.RequestsPerSecond), w.FleetReplicas);
            Assert.Equal(w.FleetReplicas * w.NumGpus, w.FleetGpus);
            Assert.InRange(w.FleetHeadroom!.Value, 0, 1);
        }

        [Fact]
        public void LayoutsStayInsideTheScaleUpDomainAndTheGpuLimit()
        {
            var hw = Gpu("gpu_a", 80);
            hw.ScaleUpDomainSize = 2;
            var layouts = LayoutSpace.Enumerate(TestModels.Moe(), hw, 8);
            Assert.All(layouts, l => Assert.True(l.TensorParallel <= 2 && l.NumGpus <= 8 && 8 % l.ExpertParallel == 0));
            Assert.Contains(layouts, l => l.PipelineParallel == 4);
            Assert.Contains(layouts, l => l.DataParallelAttention);
        }
    }
}
