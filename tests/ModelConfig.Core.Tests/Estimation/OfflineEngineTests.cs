using System.Linq;
using ModelConfig.Core.Estimation;
using ModelConfig.Core.Hardware;
using ModelConfig.Core.Models;
using Xunit;

namespace ModelConfig.Core.Tests.Estimation
{
    /// <summary>Issue 9: the engine behaviour behind the offline (trtllm-bench) rows: MoE collectives over PCIe.</summary>
    public class OfflineEngineTests
    {
        private static HardwareConfig PcieCard() => new HardwareConfig
        {
            HardwareId = "test_pcie", Vendor = "NVIDIA", Name = "PCIe card test", Kind = "chip", Chips = 1,
            MemoryGB = 96, MemoryBandwidthGBs = 1792,
            DenseTflops = new SummaryDictionary<string, double> { ["bf16"] = 503.8, ["fp16"] = 503.8, ["fp8"] = 1007.6 },
            ScaleUpBandwidthGBs = 128, ScaleUpDomainSize = 8, ScaleUpLink = "PCIe Gen5 x16 (no NVLink)",
        };

        private static DeploymentRequest MoeDecode(HardwareConfig hw, int batch = 256) => new DeploymentRequest
        {
            Model = TestModels.Moe(experts: 128, topK: 8), Hardware = hw, TensorParallel = 2, ExpertParallel = 2, DataParallelAttention = true,
            BatchSize = batch, InputLength = 1024, OutputLength = 2, Framework = "trtllm", IncludeLayers = true,
        };

        [Fact]
        public void Moe_under_dp_attention_over_pcie_gathers_and_scatters_instead_of_an_all_to_all()
        {
            // before: the dispatch/combine all-to-all moved top-k (8) copies of every token over a 64 GB/s link per layer, which
            // made 2-4 GPU RTX PRO 6000 Qwen3-30B-A3B runs slower than one GPU (0.4-0.6 of measured)
            var pcie = DeploymentEstimator.Estimate(MoeDecode(PcieCard()));
            Assert.DoesNotContain(pcie.Communications!, c => c.Collective == "all_to_all");
            Assert.Contains(pcie.Communications!, c => c.Collective == "all_gather/reduce_scatter");
            Assert.Contains(pcie.Assumptions, a => a.Name == "moe_collectives");
            // NVLink keeps the all-to-all and states nothing
            var nvlink = DeploymentEstimator.Estimate(MoeDecode(TestModels.H100()));
            Assert.Contains(nvlink.Communications!, c => c.Collective == "all_to_all");
            Assert.DoesNotContain(nvlink.Assumptions, a => a.Name == "moe_collectives");
        }

        [Fact]
        public void Pcie_moe_collectives_move_one_hidden_state_per_token_not_top_k()
        {
            var r = MoeDecode(PcieCard());
            var e = DeploymentEstimator.Estimate(r);
            var gather = e.Communications!.Single(c => c.Collective == "all_gather/reduce_scatter" && c.Phase == "decode");
            // one bf16 hidden state per token of the step (both ranks' sequences), twice per layer (attention and experts)
            Assert.Equal(256 * 4096 * 2.0, gather.BytesPerCall, 6);
            Assert.Equal(2 * 32, gather.CountPerStep);
            Assert.False(ParallelLayout.Create(PcieCard(), 2, 1, 2, true).PeerFabric);
            Assert.True(ParallelLayout.Create(TestModels.H100(), 2, 1, 2, true).PeerFabric);
        }
    }
}
