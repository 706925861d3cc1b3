using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using ModelConfig.Core.Estimation;
using ModelConfig.Core.Hardware;
using ModelConfig.Core.Models;
using ModelConfig.Core.Serialization;
using Xunit;

namespace ModelConfig.Core.Tests.Estimation
{
    /// <summary>
    /// The estimator's fast path gives the numbers the plain evaluation gives, to the bit: assumptions stated on first
    /// read, the grouped KV sum, the secant search for the longest context, the per-model plan and the derived keys.
    /// </summary>
    public class EstimatorFastPathTests
    {
        private static readonly HardwareLibrary Hardware = new HardwareLibrary(SharedData.DataDir("hardware"));

        private static ModelConfiguration Library(string id) => ModelConfigJson.ReadFile(SharedData.DataDir("model_configs", id + ".json"));

        private static readonly string[] Models = { "llama_3.3_70b", "gemma_3_27b_it", "llama_4_scout_17b_16e_instruct", "nemotron_h_56b_base_8k", "deepseek_v3", "gpt_oss_120b" };

        private static IEnumerable<DeploymentRequest> Requests(ModelConfiguration m, HardwareConfig hw)
        {
            yield return new DeploymentRequest { Model = m, Hardware = hw, TensorParallel = 8, WeightPrecision = "fp8", Concurrency = 64, NumRequests = 640, InputLength = 2048, OutputLength = 256, Framework = "vllm" };
            yield return new DeploymentRequest { Model = m, Hardware = hw, BatchSize = 4, InputLength = 1024, OutputLength = 128 };
            yield return new DeploymentRequest { Model = m, Hardware = hw, TensorParallel = 8, RequestRate = 2, Burstiness = 0.5, InputLength = 1024, OutputLength = 256, Framework = "sglang" };
            yield return new DeploymentRequest { Model = m, Hardware = hw, TensorParallel = 8, Offline = true, PrefixCacheHitRate = 0.3, InputLength = 1000, OutputLength = 300, Framework = "trtllm" };
            yield return new DeploymentRequest { Model = m, Hardware = hw, TensorParallel = 8, Concurrency = 4, SpeculativeMethod = SpeculativeMethod.Eagle, InputLength = 512, OutputLength = 512 };
            yield return new DeploymentRequest { Model = m, Hardware = hw, Concurrency = 32, InputLength = 1024, OutputLength = 256,
                Disaggregation = new DisaggregatedPools { PrefillTensorParallel = 4, DecodeTensorParallel = 4 } };
        }

        [Fact]
        public void AssumptionsStatedOnRead_AreTheOnesARecordingEstimateStates_AndTheFiguresAreTheSame()
        {
            var options = new JsonSerializerOptions();
            var h200 = Hardware.Find("nvidia_h200_sxm_141gb")!;
            int compared = 0;
            foreach (var id in Models)
            {
                var m = Library(id);
                foreach (var r in Requests(m, h200))
                {
                    DeploymentEstimate lazy, eager;
                    try { lazy = DeploymentEstimator.Estimate(r); }
                    catch (DeploymentConfigurationException) { continue; }
                    eager = DeploymentEstimator.Estimate(r, record: true);
                    Assert.NotEmpty(lazy.Assumptions);
                    Assert.Equal(JsonSerializer.Serialize(eager, options), JsonSerializer.Serialize(lazy, options));
                    compared++;
                }
            }
            Assert.True(compared >= 25, $"only {compared} requests could be estimated");
        }

        [Fact]
        public void AssumptionsReadAfterTheHardwareChanged_SaySo_AndAChangedRequestDoesNotMatter()
        {
            var hw = TestModels.H100();
            var r = new DeploymentRequest { Model = TestModels.Dense(), Hardware = hw, TensorParallel = 2, Concurrency = 8, InputLength = 512, OutputLength = 128 };
            var kept = DeploymentEstimator.Estimate(r);
            var changed = DeploymentEstimator.Estimate(r);
            r.TensorParallel = 4; // the estimate keeps a copy of the request
            Assert.DoesNotContain(kept.Assumptions, a => a.Name == "inputs_changed");
            Assert.Contains(kept.Assumptions, a => a.Name == "link_bandwidth" && a.Text.Contains("900 GB/s"));
            hw.MemoryBandwidthGBs = 8000; // a different machine now: its assumptions would not explain the figures
            Assert.Equal("inputs_changed", changed.Assumptions[0].Name);
            Assert.Contains("changed after this estimate", changed.Assumptions[0].Text);
        }

        [Fact]
        public void NotesAddedAfterTheEstimate_FollowItsOwn_WithoutStatingThemEarly()
        {
            var e = DeploymentEstimator.Estimate(new DeploymentRequest { Model = TestModels.Dense(), Hardware = TestModels.H100(), BatchSize = 2, InputLength = 1024, OutputLength = 1024 });
            DeploymentDefaults.NoteDefaultLengths(e, inputLengthGiven: false, outputLengthGiven: false);
            var names = e.Assumptions.Select(a => a.Name).ToList();
            Assert.Equal(new[] { "input_length", "output_length" }, names.Skip(names.Count - 2));
            Assert.Contains("memory_efficiency", names);
        }

        /// <summary>The layer-by-layer sum the KV plan always made, written out here as the reference.</summary>
        private static double LayerByLayer(ModelConfiguration m, double context, double kvBytes, int tp, bool dp, double stateBytes)
        {
            double total = 0;
            foreach (var layer in m.GetLayers())
            {
                var at = layer.Attention;
                if (at == null) continue;
                total += at.KvCacheElementsPerTokenPerGpu(tp, dp) * at.CachedTokens(context) * kvBytes;
                if (stateBytes != 0 && at.StateElementsPerSequence > 0) total += at.RecurrentStateBytesPerSequencePerGpu(stateBytes, tp, dp);
            }
            return total;
        }

        [Fact]
        public void GroupedKvSum_IsTheLayerByLayerSum_ToTheBit()
        {
            var contexts = new List<double> { 0, 1, 2, 127, 128, 129, 511, 512, 513, 1023, 1024, 1025, 4095, 4096, 4097, 8191, 8192, 8193, 22858, 131072, 1 << 24, 716.8, 1e9, 3e12, 1e15 };
            var rng = new Random(11);
            for (int i = 0; i < 200; i++) contexts.Add(rng.Next(1, 300000));
            foreach (var id in Models.Concat(new[] { "gemma_2_9b_it", "mistral_7b_instruct_v0.1", "qwen3_30b_a3b" }))
            {
                var m = Library(id);
                foreach (int tp in new[] { 1, 2, 3, 4, 8, 16 })
                    foreach (bool dp in new[] { false, true })
                        foreach (double kv in new[] { 2.0, 1.0, 4.0, (4.0 + 8.0 / 16) / 8 })
                            foreach (double state in new[] { 0.0, 4.0 })
                                foreach (var ctx in contexts)
                                {
                                    double expected = LayerByLayer(m, ctx, kv, tp, dp, state);
                                    double actual = m.KvCacheBytesPerSequence(ctx, kv, tp, dp, state);
                                    Assert.True(BitConverter.DoubleToInt64Bits(expected) == BitConverter.DoubleToInt64Bits(actual),
                                        $"{id} tp {tp} dp {dp} kv {kv} state {state} ctx {ctx}: {expected:R} vs {actual:R}");
                                }
            }
        }

        /// <summary>The bisection MaxContextLength used to run: the largest length below the model's maximum that fits.</summary>
        private static long Bisection(MemoryModel memory, double seqs, long max, double free)
        {
            if (free <= 0) return 0;
            long lo = 0, hi = Math.Max(1L, max);
            if (seqs * memory.KvBytesPerSequencePerGpu(hi) <= free) return hi;
            while (hi - lo > 1)
            {
                long mid = lo + (hi - lo) / 2;
                if (seqs * memory.KvBytesPerSequencePerGpu(mid) <= free) lo = mid; else hi = mid;
            }
            return lo;
        }

        [Fact]
        public void MaxContextLength_IsTheBisectionsAnswer_EvenOnTheBoundary()
        {
            var hw = Hardware.Find("nvidia_h100_sxm_80gb")!;
            var cal = EstimatorCalibration.Default;
            var log = AssumptionLog.Discarded;
            var rng = new Random(5);
            int checkedCases = 0;
            foreach (var id in Models)
            {
                var m = Library(id);
                foreach (int tp in new[] { 1, 4, 8 })
                    foreach (bool dp in m.IsMoe ? new[] { false, true } : new[] { false })
                        foreach (int batch in new[] { 1, 7, 64 })
                            foreach (var kvDtype in new[] { "bf16", "fp8", "fp4" })
                            {
                                var r = new DeploymentRequest { Model = m, Hardware = hw, TensorParallel = tp, DataParallelAttention = dp, BatchSize = batch, KvCachePrecision = kvDtype, InputLength = 1024, OutputLength = 256 };
                                var load = RequestLoad.Resolve(r, log);
                                var layout = ParallelLayout.Create(hw, tp, 1, 1, dp);
                                var memory = new MemoryModel(m, hw, layout, StoragePrecisions.Resolve(r, log), load, cal, null);
                                double seqs = layout.SequencesPerGpu(batch);
                                long max = m.MaxPositionEmbeddings ?? 1L << 24;
                                var frees = new List<double> { -1, 0, 1, 1e3, 1e6, 1e9, 1e10, 5e10, 1e12, 1e15 };
                                // free bytes exactly at the KV of some length: the boundary itself
                                for (int i = 0; i < 6; i++) frees.Add(seqs * memory.KvBytesPerSequencePerGpu(rng.Next(1, (int)Math.Min(max, 500000))));
                                foreach (var free in frees)
                                {
                                    Assert.Equal(Bisection(memory, seqs, max, free), memory.MaxContextLength(free));
                                    checkedCases++;
                                }
                            }
            }
            Assert.True(checkedCases > 1000);
        }

        [Fact]
        public void ModelPlan_FollowsInvalidateLayers()
        {
            var m = TestModels.Dense();
            var r = new DeploymentRequest { Model = m, Hardware = TestModels.H100(), TensorParallel = 1, Concurrency = 4, InputLength = 512, OutputLength = 64 };
            var full = DeploymentEstimator.Estimate(r);
            m.DecoderLayerBlocks.RemoveRange(16, 16);
            m.NumLayers = 16;
            m.InvalidateLayers();
            var half = DeploymentEstimator.Estimate(r);
            Assert.InRange(half.WeightsGB, full.WeightsGB * 0.45, full.WeightsGB * 0.7);
            Assert.True(half.TpotMs < full.TpotMs * 0.7);
            Assert.Equal(JsonSerializer.Serialize(DeploymentEstimator.Estimate(r, record: true)), JsonSerializer.Serialize(half));
        }

        [Fact]
        public void CalibrationRead_WithoutTheSerializer_EqualsTheSerializersRead()
        {
            var json = File.ReadAllText(SharedData.DataDir("calibration", "estimator.json"));
            var read = CalibrationReader.TryRead(json);
            Assert.NotNull(read); // the bundled file never needs the fallback: a field added to it needs a line in CalibrationReader
            var serialized = JsonSerializer.Deserialize<EstimatorCalibration>(json, EstimatorCalibration.JsonOptions)!;
            Assert.Equal(serialized.ToJson(), read!.ToJson());
            var loaded = EstimatorCalibration.FromJson(json);
            Assert.Equal(serialized.ToJson(), loaded.ToJson());
            Assert.NotNull(loaded.Family(TestModels.H100())); // case-insensitive keys, as before
            // what it does not cover goes to the serializer: its errors and its reading of odd values stay
            Assert.Null(CalibrationReader.TryRead("{\"gemmEfficiency16\": \"0.5\"}"));
            Assert.Null(CalibrationReader.TryRead("{\"maxTokensPerStep\": 1.5}"));
            Assert.Null(CalibrationReader.TryRead("{ bad json"));
            Assert.ThrowsAny<JsonException>(() => EstimatorCalibration.FromJson("{\"maxTokensPerStep\": 1.5}"));
            // a field this reader does not know yet: the serializer reads the file (and ignores the field, as it always did)
            Assert.Null(CalibrationReader.TryRead("{\"gemmEfficiency16\": 0.25, \"unknownField\": [1, {}]}"));
            Assert.Equal(0.25, EstimatorCalibration.FromJson("{\"gemmEfficiency16\": 0.25, \"unknownField\": [1, {}]}").GemmEfficiency16);
        }

        [Fact]
        public void EveryThreadSeesOneCalibration()
        {
            var seen = new EstimatorCalibration[8];
            System.Threading.Tasks.Parallel.For(0, seen.Length, i => seen[i] = EstimatorCalibration.Default);
            Assert.All(seen, c => Assert.Same(EstimatorCalibration.Default, c));
        }

        [Fact]
        public void DerivedKeys_FollowRenamedHardwareAndModels()
        {
            var hw = TestModels.H100();
            Assert.Equal("nvidia/hopper", EstimatorCalibration.FamilyOf(hw));
            hw.Vendor = "AMD";
            hw.Name = "Instinct MI300X";
            hw.HardwareId = "amd_mi300x_test";
            Assert.Equal("amd/cdna3", EstimatorCalibration.FamilyOf(hw));
            Assert.Equal("llama-3", EstimatorCalibration.LineageOf("meta-llama/Llama-3.3-70B-Instruct"));
            Assert.Equal("qwen3", EstimatorCalibration.LineageOf(new string("Qwen/Qwen3-32B".ToCharArray())));
            Assert.Equal("", EstimatorCalibration.LineageOf(null));
        }
    }
}
