using System;
using System.Linq;
using ModelConfig.Core.Estimation;
using ModelConfig.Core.Models;
using Xunit;

namespace ModelConfig.Core.Tests.Estimation
{
    /// <summary>The seams of the estimator: typed violations, the layout record, the pure TP search, the model's KV facts.</summary>
    public class EstimatorPartsTests
    {
        private static DeploymentRequest Request(ModelConfiguration m, int? tp = null) =>
            new DeploymentRequest { Model = m, Hardware = TestModels.H100(), TensorParallel = tp, BatchSize = 1, InputLength = 1024, OutputLength = 256 };

        [Fact]
        public void Violations_CarryTypedCodes_AndTheirSnakeCaseNames()
        {
            var ex = Assert.Throws<DeploymentConfigurationException>(() => DeploymentEstimator.Estimate(Request(TestModels.Dense(), 3)));
            Assert.Equal(DeploymentConstraint.AttentionHeads, ex.Code);
            Assert.Equal("attention_heads", ex.Constraint);
            foreach (DeploymentConstraint code in Enum.GetValues(typeof(DeploymentConstraint)))
                Assert.Matches("^[a-z]+(_[a-z]+)*$", new DeploymentConfigurationException(code, "x").Constraint);
            Assert.Equal("kv_cache_precision", new DeploymentConfigurationException(DeploymentConstraint.KvCachePrecision, "x").Constraint);
        }

        [Fact]
        public void LayoutCheck_ReportsTheFirstBrokenRule()
        {
            var dense = TestModels.Dense();
            Assert.Null(ParallelLayout.Check(dense, TestModels.H100(), 4, 1, 1, false));
            Assert.Equal(DeploymentConstraint.AttentionHeads, ParallelLayout.Check(dense, TestModels.H100(), 3, 1, 1, false)!.Code);
            // DP attention lifts the head rules only: the MLP is still split TP ways (11008 / 3 is not whole).
            Assert.Equal(DeploymentConstraint.MlpWidth, ParallelLayout.Check(dense, TestModels.H100(), 3, 1, 1, dpAttention: true)!.Code);
            Assert.Null(ParallelLayout.Check(TestModels.Dense("dp", 32, 4032, 24, 8, 12288), TestModels.H100(), 16, 1, 1, dpAttention: true));
            Assert.Equal(DeploymentConstraint.GpuCount, ParallelLayout.Check(dense, TestModels.H100(8, "node"), 8, 2, 1, false)!.Code);
            Assert.Equal(DeploymentConstraint.ExpertParallel, ParallelLayout.Check(dense, TestModels.H100(), 2, 1, 2, false)!.Code);
            Assert.Equal(DeploymentConstraint.ExpertParallel, ParallelLayout.Check(TestModels.Moe(), TestModels.H100(), 2, 1, 4, false)!.Code);
            Assert.Equal(DeploymentConstraint.PipelineParallel, ParallelLayout.CheckDegrees(dense, 33, 1)!.Code);
        }

        [Fact]
        public void Layout_PicksTheLinkOfItsTpGroup()
        {
            var hw = TestModels.H100();
            var one = ParallelLayout.Create(hw, 1, 1, 1, false);
            Assert.Equal(0, one.LinkGBsPerDirection);
            var inDomain = ParallelLayout.Create(hw, 8, 1, 1, false);
            Assert.Equal(450, inDomain.LinkGBsPerDirection);
            Assert.False(inDomain.LinkBeyondScaleUpDomain);
            var beyond = ParallelLayout.Create(hw, 16, 1, 1, false);
            Assert.Equal(50, beyond.LinkGBsPerDirection);
            Assert.Equal("scale-out", beyond.LinkName);
            Assert.Equal(16, ParallelLayout.Create(hw, 8, 2, 1, false).NumGpus);
            Assert.Equal(1.0, ParallelLayout.Create(hw, 8, 1, 1, true).AttentionShards);
            Assert.Equal(2.0, ParallelLayout.Create(hw, 8, 1, 1, true).SequencesPerGpu(9));
        }

        [Fact]
        public void TpSearch_IsPure_AndAgreesWithTheEstimate()
        {
            var r = Request(TestModels.Dense("big", 80, 8192, 64, 8, 28672, 32000));
            var log = new AssumptionLog();
            var load = RequestLoad.Resolve(r, log);
            var precisions = StoragePrecisions.Resolve(r, log);
            var first = TensorParallelSearch.Choose(r, load, precisions, EstimatorCalibration.Default);
            var again = TensorParallelSearch.Choose(r, load, precisions, EstimatorCalibration.Default);
            Assert.Equal(first.TensorParallel, again.TensorParallel);
            Assert.True(first.Fits);
            Assert.Null(r.TensorParallel);
            Assert.Equal(first.TensorParallel, DeploymentEstimator.Estimate(r).TensorParallel);
            Assert.True(first.TensorParallel > 1);
        }

        [Fact]
        public void TpSearch_ReportsTheLargestValidDegree_WhenNothingFits()
        {
            var r = Request(TestModels.Dense("huge", 128, 65536, 64, 8, 262144, 32000));
            var log = new AssumptionLog();
            var choice = TensorParallelSearch.Choose(r, RequestLoad.Resolve(r, log), StoragePrecisions.Resolve(r, log), EstimatorCalibration.Default);
            Assert.False(choice.Fits);
            Assert.Equal(64, choice.TensorParallel);
        }

        [Fact]
        public void KvFacts_ShardByHeads_ReplicateTheMlaLatent()
        {
            var gqa = new AttentionSpec { Form = AttentionForms.Gqa, NumHeads = 32, NumKvHeads = 8, HeadDim = 128, VHeadDim = 128 };
            Assert.Equal(8 * 256, gqa.KvCacheElementsPerToken);
            Assert.Equal(2 * 256, gqa.KvCacheElementsPerTokenPerGpu(4, false));
            Assert.Equal(256, gqa.KvCacheElementsPerTokenPerGpu(16, false));   // a GPU holds at least one head
            Assert.Equal(8 * 256, gqa.KvCacheElementsPerTokenPerGpu(16, true)); // DP attention: whole heads per GPU
            var mla = new AttentionSpec { Form = AttentionForms.Mla, NumHeads = 128, KvLoraRank = 512, QkRopeHeadDim = 64 };
            Assert.Equal(576, mla.KvCacheElementsPerToken);
            Assert.Equal(576, mla.KvCacheElementsPerTokenPerGpu(8, false));
            var mamba = new AttentionSpec { Form = AttentionForms.Mamba, StateElementsPerSequence = 1000 };
            Assert.True(mamba.IsRecurrent);
            Assert.Equal(0, mamba.KvCacheElementsPerToken);
            Assert.Equal(1000.0, mamba.RecurrentStateBytesPerSequencePerGpu(4, 4, false));
            var noV = new AttentionSpec { Form = AttentionForms.Gqa, NumKvHeads = 2, HeadDim = 64 };
            Assert.Equal(2 * 128, noV.KvCacheElementsPerToken);
        }

        [Fact]
        public void KvBytesPerSequence_IsWhatTheEstimateReports()
        {
            var m = TestModels.Dense(kvHeads: 8);
            var r = Request(m, 2);
            r.BatchSize = 4;
            var e = DeploymentEstimator.Estimate(r);
            double perGpu = m.KvCacheBytesPerSequence(1024 + 256, 2, tensorParallel: 2);
            Assert.Equal(4 * perGpu / 1e9, e.KvCacheGB, 12);
            Assert.Equal(2 * perGpu, m.KvCacheBytesPerSequence(1024 + 256, 2), 6);
        }

        [Fact]
        public void Defaults_LiveInTheCore()
        {
            Assert.Equal(DeploymentConstraint.BatchOrConcurrency, DeploymentDefaults.LoadChoiceViolation(true, true)!.Code);
            Assert.Null(DeploymentDefaults.LoadChoiceViolation(true, false));
            Assert.Equal(new (int?, int?)[] { (null, null) }, DeploymentDefaults.Loads(null, null).ToArray());
            Assert.Equal(new (int?, int?)[] { (null, 4), (null, 8) }, DeploymentDefaults.Loads(null, new[] { 4, 8 }).ToArray());
            Assert.Throws<DeploymentConfigurationException>(() => DeploymentDefaults.Loads(new[] { 1 }, new[] { 2 }));
            Assert.Contains("vllm", DeploymentDefaults.Engines);
            var e = new DeploymentEstimate { InputLength = DeploymentDefaults.InputLength, OutputLength = 7 };
            DeploymentDefaults.NoteDefaultLengths(e, inputLengthGiven: false, outputLengthGiven: true);
            Assert.Equal("input_length", Assert.Single(e.Assumptions).Name);
        }
    }
}
