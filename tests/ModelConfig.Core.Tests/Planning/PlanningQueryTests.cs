using System;
using System.Collections.Generic;
using System.Threading;
using ModelConfig.Core.Hardware;
using ModelConfig.Core.Planning;
using ModelConfig.Core.Tests.Estimation;
using Xunit;

namespace ModelConfig.Core.Tests.Planning
{
    /// <summary>Issue 12: Find-Deployment and POST /v1/find share one query-to-request mapping, one set of limits and cancellation.</summary>
    public class PlanningQueryTests
    {
        [Fact]
        public void A_query_maps_to_the_planner_request_the_cmdlet_used_to_build()
        {
            var model = TestModels.Dense();
            var hw = new List<HardwareConfig> { TestModels.H100() };
            var q = new PlanningQuery
            {
                ModelId = model.ModelId, MaxGpus = 4, InputLength = 2048, OutputLength = 128, RequestRate = 2.5, MaxTtftMs = 500,
                Percentile = 90, WeightPrecision = new[] { "fp8" }, Top = 3, GpuHourPrice = 2, GpuHourPrices = new Dictionary<string, double> { ["NVIDIA_H100_SXM_80GB"] = 3 },
                Objective = PlanningObjective.CostPerMillionTokens, Frontier = true,
            };
            var r = q.ToRequest(model, hw, null);
            Assert.Same(model, r.Model);
            Assert.Same(hw, r.Hardware);
            Assert.Equal(new[] { 2.5 }, r.RequestRates);
            Assert.Equal(90, r.ServiceLevel.Percentile);
            Assert.Equal(500, r.ServiceLevel.MaxTtftMs);
            Assert.True(r.OpenLoop);
            Assert.Equal(2, r.DefaultGpuHourPrice);
            Assert.Equal(3, r.GpuHourPrices["nvidia_h100_sxm_80gb"]);
            Assert.Equal(PlanningObjective.CostPerMillionTokens, r.Objective);
            Assert.True(r.Frontier);
            Assert.Null(new PlanningQuery().ToRequest(model, hw, null).RequestRates);
        }

        [Theory]
        [InlineData("MaxGpus")]
        [InlineData("InputLength")]
        [InlineData("Concurrency")]
        [InlineData("Percentile")]
        [InlineData("MaxTpotMs")]
        [InlineData("Top")]
        [InlineData("GpuHourPrice")]
        [InlineData("GpuHourPrices")]
        [InlineData("WeightPrecision")]
        [InlineData("Objective")]
        public void A_value_out_of_range_names_its_parameter(string field)
        {
            var q = new PlanningQuery();
            switch (field)
            {
                case "MaxGpus": q.MaxGpus = PlanningQuery.MaxGpusLimit + 1; break;
                case "InputLength": q.InputLength = 0; break;
                case "Concurrency": q.Concurrency = new[] { 4, 0 }; break;
                case "Percentile": q.Percentile = 95; break;
                case "MaxTpotMs": q.MaxTpotMs = double.NaN; break;
                case "Top": q.Top = 0; break;
                case "GpuHourPrice": q.GpuHourPrice = double.PositiveInfinity; break;
                case "GpuHourPrices": q.GpuHourPrices = new Dictionary<string, double> { ["x"] = -1 }; break;
                case "WeightPrecision": q.WeightPrecision = new[] { " " }; break;
                case "Objective": q.Objective = (PlanningObjective)42; break;
            }
            Assert.Equal(field, Assert.Throws<PlanningQueryException>(() => q.Validate()).Field);
        }

        [Fact]
        public void Without_hardware_the_search_covers_the_chips_only()
        {
            var node = TestModels.H100(8, "node");
            var chip = TestModels.H100();
            Assert.Equal(new[] { chip }, PlanningQuery.DefaultHardware(new[] { node, chip }));
        }

        [Fact]
        public void A_cancelled_search_stops_with_OperationCanceledException()
        {
            var r = new PlanningQuery().ToRequest(TestModels.Dense(), new List<HardwareConfig> { TestModels.H100() }, null);
            using var cts = new CancellationTokenSource();
            cts.Cancel();
            Assert.ThrowsAny<OperationCanceledException>(() => DeploymentPlanner.Plan(r, cts.Token));
            Assert.NotEmpty(DeploymentPlanner.Plan(r, CancellationToken.None).Ranked);
        }
    }
}
