using System.Linq;
using ModelConfig.Core.Estimation;
using ModelConfig.Core.Hardware;
using ModelConfig.Core.Models;
using Xunit;

namespace ModelConfig.Core.Tests.Estimation
{
    /// <summary>Issue 9: the engine behaviour behind the offline (trtllm-bench) rows: MoE collectives over PCIe, per-request host work.</summary>
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

        private static DeploymentRequest Offline(string framework, int tp = 1, bool dp = false) => new DeploymentRequest
        {
            Model = TestModels.Dense(), Hardware = TestModels.H100(), TensorParallel = tp, DataParallelAttention = dp, InputLength = 128, OutputLength = 512,
            Offline = true, NumRequests = 3000, Framework = framework,
        };

        private static EstimatorCalibration WithHostUs(double us)
        {
            var cal = EstimatorCalibration.Default.Clone();
            cal.Frameworks["trtllm/concurrency"].OfflineHostPerSequenceUs = us;
            return cal;
        }

        [Fact]
        public void Per_request_host_work_adds_to_every_offline_step_in_proportion_to_the_sequences()
        {
            var none = Offline("trtllm"); none.Calibration = WithHostUs(0);
            var some = Offline("trtllm"); some.Calibration = WithHostUs(20);
            var more = Offline("trtllm"); more.Calibration = WithHostUs(40);
            var e0 = DeploymentEstimator.Estimate(none);
            var e20 = DeploymentEstimator.Estimate(some);
            var e40 = DeploymentEstimator.Estimate(more);
            Assert.True(e20.OutputTokensPerSecond < e0.OutputTokensPerSecond && e40.OutputTokensPerSecond < e20.OutputTokensPerSecond);
            Assert.Contains(e20.Assumptions, a => a.Name == "offline_host_per_sequence_us" && a.Value == 20);
            Assert.DoesNotContain(e0.Assumptions, a => a.Name == "offline_host_per_sequence_us");
            // the batch is the same, so the steady step grows by exactly 20 µs x (decoding + entering sequences)
            Assert.Equal(e0.RunningBatch, e20.RunningBatch);
            double d = e0.RunningBatch!.Value; // prompts of 128 tokens fit in one chunk: D decode + D/(osl-1) entering = running batch
            Assert.Equal(20e-3 * d, e20.TpotMs - e0.TpotMs, 6);
            Assert.Equal(2 * (e20.TpotMs - e0.TpotMs), e40.TpotMs - e0.TpotMs, 6);
        }

        [Fact]
        public void Per_request_host_work_is_split_over_dp_attention_schedulers_and_stays_out_of_other_engines_and_modes()
        {
            // each attention rank runs its own executor over its share of the sequences
            var dpOne = Offline("trtllm", tp: 2, dp: true); dpOne.Calibration = WithHostUs(0);
            var dpHost = Offline("trtllm", tp: 2, dp: true); dpHost.Calibration = WithHostUs(20);
            var d0 = DeploymentEstimator.Estimate(dpOne);
            var d20 = DeploymentEstimator.Estimate(dpHost);
            Assert.Equal(20e-3 * d0.RunningBatch!.Value / 2, d20.TpotMs - d0.TpotMs, 6);
            // the TensorRT-engine backend (C++ executor) and other engines carry none
            Assert.Null(EstimatorCalibration.Default.Frameworks["trtllm-engine"].OfflineHostPerSequenceUs);
            var vllm = DeploymentEstimator.Estimate(Offline("vllm"));
            Assert.DoesNotContain(vllm.Assumptions, a => a.Name == "offline_host_per_sequence_us");
            // closed-loop serving keeps its fitted per-step costs
            var c0 = new DeploymentRequest { Model = TestModels.Dense(), Hardware = TestModels.H100(), Concurrency = 64, InputLength = 128, OutputLength = 512, Framework = "trtllm", Calibration = WithHostUs(0) };
            var c20 = new DeploymentRequest { Model = TestModels.Dense(), Hardware = TestModels.H100(), Concurrency = 64, InputLength = 128, OutputLength = 512, Framework = "trtllm", Calibration = WithHostUs(20) };
            Assert.Equal(DeploymentEstimator.Estimate(c0).OutputTokensPerSecond, DeploymentEstimator.Estimate(c20).OutputTokensPerSecond);
        }

        [Fact]
        public void Token_budget_is_per_attention_rank_under_dp_attention()
        {
            // before: one max_num_tokens for the whole replica, so 4-8 GPU DP-attention runs decoded no more sequences per
            // step than one GPU's scheduler allows (RTX PRO 6000 Qwen3-30B-A3B TP4/TP8 rows 0.8 of measured)
            DeploymentRequest R(bool dp) => new DeploymentRequest
            {
                Model = TestModels.Dense(kvHeads: 8), Hardware = TestModels.H100(), TensorParallel = 2, DataParallelAttention = dp,
                InputLength = 1000, OutputLength = 1000, Offline = true, NumRequests = 3000, MaxNumTokens = 256, Framework = "vllm",
            };
            var tp = DeploymentEstimator.Estimate(R(false));
            var dp = DeploymentEstimator.Estimate(R(true));
            // decode sequences per step <= budget x (o-1)/(o-1+isl): 128 for one scheduler, 256 for two
            Assert.InRange(tp.RunningBatch!.Value, 120, 135);
            Assert.InRange(dp.RunningBatch!.Value / tp.RunningBatch!.Value, 1.9, 2.1);
        }

        [Fact]
        public void Embedded_calibration_gives_the_pytorch_backend_its_documented_host_cost()
        {
            Assert.Equal(20, EstimatorCalibration.Default.Frameworks["trtllm/concurrency"].OfflineHostPerSequenceUs);
        }
    }
}
