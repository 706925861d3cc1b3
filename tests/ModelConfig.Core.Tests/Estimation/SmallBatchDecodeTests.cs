using System.IO;
using ModelConfig.Core.Estimation;
using ModelConfig.Core.Hardware;
using ModelConfig.Core.Library;
using ModelConfig.Core.Models;
using Xunit;

namespace ModelConfig.Core.Tests.Estimation
{
    /// <summary>
    /// The fixed kernels of a W8A8 decode step (one activation-quantisation kernel per 8-bit GEMM input) and the draft
    /// passes of speculative decoding: what made DeepSeek-R1 (MLA + 256-expert MoE, block-scaled FP8) decode too fast at
    /// small batch on SGLang and under MTP on TensorRT-LLM.
    /// </summary>
    public class SmallBatchDecodeTests
    {
        private static ModelConfiguration DeepSeek() =>
            ModelLibrary.LoadFile(Path.Combine(SharedData.RepoRoot, "data", "model_configs", "deepseek_r1.json"));

        private static HardwareConfig H200() =>
            HardwareKind.Instance.LoadFile(Path.Combine(SharedData.RepoRoot, "data", "hardware", "nvidia_h200_sxm_141gb.json"));

        [Fact]
        public void Quantised_gemm_inputs_are_counted_per_operator_kind()
        {
            var ds = DeepSeek();
            var plan = ModelPlan.Of(ds);
            // 3 dense layers: MLA (fused q_a/kv_a, q_b, W_UK, W_UV, o_proj) + MLP (gate-up, down) = 7;
            // 58 MoE layers: MLA 5 + routed experts 2 + shared expert 2 = 9. Kernels: dense 11 + 4, MoE 11 + 8 + 3.
            Assert.Equal(3 * 7 + 58 * 9, plan.QuantizedGemmInputsPerStep);
            Assert.Equal(3 * 15 + 58 * 22, plan.KernelsPerStep);
            // GQA + dense MLP: QKV, o_proj, gate-up, down
            Assert.Equal(32 * 4, ModelPlan.Of(TestModels.Dense()).QuantizedGemmInputsPerStep);
        }

        [Theory]
        [InlineData("fp8", "sglang", LoadMode.Concurrency, true)]
        [InlineData("fp8", "vllm", LoadMode.Concurrency, true)]
        [InlineData("fp8", "trtllm", LoadMode.Concurrency, true)]
        [InlineData("fp8", "trtllm", LoadMode.StaticBatch, false)]   // TensorRT engine: Q/DQ fused into the producer
        [InlineData("fp8", "trtllm-engine", LoadMode.Concurrency, false)]
        [InlineData("bf16", "sglang", LoadMode.Concurrency, false)]
        [InlineData("mxfp4", "vllm", LoadMode.Concurrency, false)]   // 4-bit experts, 16-bit activations elsewhere
        public void Activation_quantisation_kernels_follow_dtype_and_engine(string dtype, string engine, LoadMode mode, bool expected)
        {
            var r = new DeploymentRequest { Model = TestModels.Moe(), Hardware = TestModels.H100(), WeightPrecision = dtype, Framework = engine };
            var log = new AssumptionLog();
            var rates = ResolvedRates.Resolve(r, EstimatorCalibration.Default, mode, StoragePrecisions.Resolve(r, log), log);
            Assert.Equal(expected, rates.SeparateActivationQuant);
            Assert.Equal(expected, System.Linq.Enumerable.Any(log.Items, a => a.Name == "activation_quant_kernels"));
        }

        [Fact]
        public void W8A8_step_pays_one_kernel_per_quantised_gemm_input_on_top_of_the_layer_kernels()
        {
            // hand-computed fixed cost of a DeepSeek-R1 decode step on SGLang, TP8: (1321 + 543) kernels x the per-kernel cost
            // plus the per-step cost; before, the 543 quantisation kernels were missing (SGLang c4 TPOT 8.5 vs 12.1 ms measured)
            var ds = DeepSeek();
            var r = new DeploymentRequest { Model = ds, Hardware = H200(), TensorParallel = 8, WeightPrecision = "fp8", Framework = "sglang" };
            var log = new AssumptionLog();
            var p = StoragePrecisions.Resolve(r, log);
            var rates = ResolvedRates.Resolve(r, EstimatorCalibration.Default, LoadMode.Concurrency, p, log);
            var steps = new StepModel(ds, ParallelLayout.Create(r.Hardware, 8, 1, 1, false), p, rates, EstimatorCalibration.Default);
            var s = steps.RawStep(StepLoad.Decode(1, 1024), StepPhase.Decode, false);
            double expected = (1321 + 543) * rates.KernelOverheadUs / 1e3 + rates.StepOverheadMs;
            Assert.Equal(expected, s.OverheadMs, 9);
            // the same model in bf16 launches no quantisation kernels
            var bf = new DeploymentRequest { Model = ds, Hardware = H200(), TensorParallel = 8, WeightPrecision = "bf16", Framework = "sglang" };
            var bfLog = new AssumptionLog();
            var bfP = StoragePrecisions.Resolve(bf, bfLog);
            var bfRates = ResolvedRates.Resolve(bf, EstimatorCalibration.Default, LoadMode.Concurrency, bfP, bfLog);
            var bfSteps = new StepModel(ds, ParallelLayout.Create(bf.Hardware, 8, 1, 1, false), bfP, bfRates, EstimatorCalibration.Default);
            Assert.Equal(1321 * bfRates.KernelOverheadUs / 1e3 + bfRates.StepOverheadMs, bfSteps.RawStep(StepLoad.Decode(1, 1024), StepPhase.Decode, false).OverheadMs, 9);
        }

        [Fact]
        public void First_draft_pass_carries_the_accepted_tokens_so_a_step_costs_more_when_more_are_accepted()
        {
            // the draft catches up on every token the verify step accepted: on an MoE model more rows read more experts, so the
            // cost of one speculative step (TPOT x tokens per step) grows with acceptance; it used to be independent of it
            double StepCost(double acceptance)
            {
                var r = new DeploymentRequest { Model = TestModels.Moe(64, 4), Hardware = TestModels.H100(), TensorParallel = 1, InputLength = 512, OutputLength = 256,
                    Framework = "vllm", Concurrency = 1, SpeculativeMethod = SpeculativeMethod.Eagle, SpeculativeTokens = 3, AcceptanceRate = acceptance, WeightPrecision = "fp8" };
                var e = DeploymentEstimator.Estimate(r);
                return e.DecodeStepMs * e.AcceptedTokensPerStep!.Value;
            }
            double low = StepCost(0.3), high = StepCost(0.9);
            Assert.True(high > low * 1.01, $"step at acceptance 0.9 {high} ms vs 0.3 {low} ms");
            // with nothing accepted beyond the target's own token the first pass is an ordinary one-token pass
            Assert.True(StepCost(0.0) < low);
        }
    }
}
