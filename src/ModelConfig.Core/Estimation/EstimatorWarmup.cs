using System;
using System.Collections.Generic;
using System.Threading;
using ModelConfig.Core.Hardware;
using ModelConfig.Core.Models;

namespace ModelConfig.Core.Estimation
{
    /// <summary>
    /// Readies the estimator for a new session's first estimate on a pool thread, while the session imports the module,
    /// binds its first command and reads model and hardware files: reads the embedded calibration and runs one estimate of
    /// a small model built here (the first run of each code path costs more than every later run: type loading, binding
    /// precompiled code, reflection). Nothing it builds is shared with callers except the calibration, which every estimate
    /// reads anyway; a warm-up that fails changes nothing (the first estimate then does the work, and reports any error).
    /// </summary>
    public static class EstimatorWarmup
    {
        private static int _started;

        /// <summary>Starts the warm-up once per process, then runs <paramref name="then"/> on the same thread; later calls do nothing.</summary>
        public static void Start(Action? then = null)
        {
            if (Interlocked.Exchange(ref _started, 1) != 0) return;
            ThreadPool.QueueUserWorkItem(_ =>
            {
                Run();
                try { then?.Invoke(); }
                catch (Exception) { /* nothing depends on the warm-up */ }
            });
        }

        internal static void Run()
        {
            try
            {
                _ = EstimatorCalibration.Default;
                var request = new DeploymentRequest { Model = SmallModel(), Hardware = SmallChip(), TensorParallel = 1, Concurrency = 2, InputLength = 64, OutputLength = 16, Framework = "vllm" };
                DeploymentEstimator.Estimate(request);
            }
            catch (Exception)
            {
                // nothing depends on the warm-up
            }
        }

        private static ModelConfiguration SmallModel()
        {
            const int hidden = 256, heads = 4, layers = 2, inter = 512, vocab = 1024, hd = hidden / heads;
            var block = new DecoderBlockSpec
            {
                Name = "dense",
                Attention = new AttentionSpec { Form = AttentionForms.Gqa, NumHeads = heads, NumKvHeads = 2, HeadDim = hd, VHeadDim = hd, Params = 2L * hidden * hidden + 2L * hidden * 2 * hd },
                Ffn = new FeedForwardSpec { Form = "dense", IntermediateSize = inter, Params = 3L * hidden * inter },
                Norms = new List<NormSpec> { new NormSpec { Name = "input_layernorm", Size = hidden }, new NormSpec { Name = "post_attention_layernorm", Size = hidden } },
            };
            var m = new ModelConfiguration
            {
                ModelId = "warmup", HiddenSize = hidden, NumLayers = layers, VocabSize = vocab, NumAttentionHeads = heads, NumKeyValueHeads = 2, HeadDim = hd,
                IntermediateSize = inter, MaxPositionEmbeddings = 4096,
                Embedding = new EmbeddingSpec { VocabSize = vocab, HiddenSize = hidden, Params = (long)vocab * hidden },
                LmHead = new LmHeadSpec { Params = (long)vocab * hidden },
                FinalNorm = new NormSpec { Name = "norm", Size = hidden },
            };
            m.Blocks[block.Name] = block;
            for (int i = 0; i < layers; i++) m.DecoderLayerBlocks.Add(block.Name);
            return m;
        }

        private static HardwareConfig SmallChip() => new HardwareConfig
        {
            HardwareId = "warmup_chip", Vendor = "NVIDIA", Name = "H100 warm-up", Kind = "chip", Chips = 1, MemoryGB = 80, MemoryBandwidthGBs = 3350,
            DenseTflops = new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase) { ["bf16"] = 989, ["fp8"] = 1979 },
            ScaleUpBandwidthGBs = 900, ScaleUpDomainSize = 8, ScaleOutBandwidthGBs = 50,
        };
    }
}
