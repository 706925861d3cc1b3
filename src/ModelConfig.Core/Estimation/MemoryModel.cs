using System;
using ModelConfig.Core.Hardware;
using ModelConfig.Core.Models;

namespace ModelConfig.Core.Estimation
{
    /// <summary>Bytes per GPU of one layout at one load: what is held, and whether it fits.</summary>
    internal readonly struct MemoryBudget
    {
        public MemoryBudget(double weights, double kvCache, double activations, double reserved, double capacity)
        {
            Weights = weights;
            KvCache = kvCache;
            Activations = activations;
            Reserved = reserved;
            Fits = weights + kvCache + activations + reserved <= capacity;
            FreeForKvCache = capacity - weights - activations - reserved;
        }

        public double Weights { get; }
        public double KvCache { get; }
        public double Activations { get; }
        public double Reserved { get; }
        public bool Fits { get; }
        /// <summary>Capacity left once weights, activations and the reserve are placed; negative when even those do not fit.</summary>
        public double FreeForKvCache { get; }
    }

    /// <summary>Memory per GPU: weights, KV cache and recurrent state, activations, the framework reserve; max batch and context.</summary>
    internal sealed class MemoryModel
    {
        private readonly ModelConfiguration _m;
        private readonly HardwareConfig _hw;
        private readonly ParallelLayout _layout;
        private readonly StoragePrecisions _precisions;
        private readonly RequestLoad _load;
        private readonly EstimatorCalibration _cal;
        private readonly double? _reservedGB;

        public MemoryModel(ModelConfiguration m, HardwareConfig hw, ParallelLayout layout, StoragePrecisions precisions, RequestLoad load,
            EstimatorCalibration cal, double? reservedGB)
        {
            _m = m;
            _hw = hw;
            _layout = layout;
            _precisions = precisions;
            _load = load;
            _cal = cal;
            _reservedGB = reservedGB;
        }

        public ParallelLayout Layout => _layout;

        // weight bytes do not depend on the load: worked out once per layout, carried over by AtLoad (the planner's levels)
        private double? _weightBytes;

        /// <summary>The same layout, precisions and reserve at another load; the weight bytes are carried over, not recomputed.</summary>
        internal MemoryModel AtLoad(RequestLoad load)
            => new MemoryModel(_m, _hw, _layout, _precisions, load, _cal, _reservedGB) { _weightBytes = _weightBytes ?? WeightBytesPerGpuUncached() };

        public double WeightBytesPerGpu() => _weightBytes ??= WeightBytesPerGpuUncached();

        /// <summary>KV (and recurrent state) bytes one sequence of <paramref name="length"/> tokens keeps on one GPU of one pipeline stage.</summary>
        public double KvBytesPerSequencePerGpu(double length)
            => _m.KvCacheBytesPerSequence(length, _precisions.KvBytes, _layout.TensorParallel, _layout.DataParallelAttention, StoragePrecisions.RecurrentStateBytes)
               / _layout.PipelineParallel;

        private double WeightBytesPerGpuUncached()
        {
            int tp = _layout.TensorParallel, pp = _layout.PipelineParallel;
            double dense = _precisions.DenseWeightBytes, expert = _precisions.ExpertWeightBytes;
            double layers = 0;
            foreach (var b in _m.GetLayers())
            {
                if (b.LayerKind != LayerKind.Decoder) continue;
                layers += (b.Attention?.Params ?? 0) * dense / _layout.AttentionShards;
                layers += b.NormParams * 2;
                var f = b.Ffn;
                if (f == null) continue;
                if (f.IsMoe)
                {
                    long routed = f.Params - f.SharedExpertParams - f.RouterParams;
                    layers += routed * expert / tp + f.SharedExpertParams * dense / tp + f.RouterParams * 2;
                }
                else layers += f.Params * dense / tp;
            }
            // embeddings and lm_head are vocabulary-parallel and stay 16-bit; with PP they sit on different stages
            double embed = _m.Embedding.Params * 2.0 / tp, head = _m.LmHead.Params * 2.0 / tp;
            double ends = (pp == 1 ? embed + head : Math.Max(embed, head)) + (_m.FinalNorm?.Params ?? 0) * 2.0;
            return layers / pp + ends + (_m.Vision?.Params ?? 0) * 2.0 / tp;
        }

        private double ActivationBytesPerGpu()
        {
            int batch = _load.Batch, tp = _layout.TensorParallel;
            double tokens = Math.Min((double)batch * _load.InputLength, _cal.MaxTokensPerStep);
            tokens = Math.Max(tokens, batch);
            double inter = 0, qkv = 0;
            foreach (var b in _m.Blocks.Values)
            {
                if (b.Ffn != null) inter = Math.Max(inter, b.Ffn.IsMoe ? b.Ffn.IntermediateSize * b.Ffn.TopK + b.Ffn.SharedIntermediateSize : b.Ffn.IntermediateSize);
                if (b.Attention != null) qkv = Math.Max(qkv, (double)(b.Attention.NumHeads + 2 * b.Attention.NumKvHeads) * Math.Max(1, b.Attention.HeadDim));
            }
            double perToken = (4.0 * _m.HiddenSize + 3.0 * inter / tp + qkv / _layout.AttentionShards) * StoragePrecisions.ActivationBytes;
            double logits = batch * (double)_m.VocabSize / tp * 4;
            return tokens * perToken + logits;
        }

        public double ReservedBytes()
        {
            if (_reservedGB.HasValue) return _reservedGB.Value * 1e9;
            return Math.Max(_cal.ReservedMinGB * 1e9, _cal.ReservedFraction * _hw.MemoryBytes);
        }

        public MemoryBudget Budget()
        {
            double w = WeightBytesPerGpu();
            double kv = _layout.SequencesPerGpu(_load.Batch) * KvBytesPerSequencePerGpu((double)_load.InputLength + _load.OutputLength);
            double act = ActivationBytesPerGpu();
            double res = ReservedBytes();
            return new MemoryBudget(w, kv, act, res, _hw.MemoryBytes);
        }

        /// <summary>Largest batch (sequences per replica) whose KV cache at input+output length fits in <paramref name="free"/> bytes per GPU.</summary>
        public int MaxBatchSize(double free, double perSequence)
            => free <= 0 ? 0 : (int)Math.Min(int.MaxValue, Math.Floor(free / Math.Max(perSequence, 1)) * (_layout.DataParallelAttention ? _layout.TensorParallel : 1));

        /// <summary>Longest sequence whose KV cache fits in <paramref name="free"/> bytes per GPU at the requested batch (bisection).</summary>
        public long MaxContextLength(double free)
        {
            if (free <= 0) return 0;
            double seqs = _layout.SequencesPerGpu(_load.Batch);
            long lo = 0, hi = Math.Max(1L, _m.MaxPositionEmbeddings ?? 1L << 24);
            if (seqs * KvBytesPerSequencePerGpu(hi) <= free) return hi;
            while (hi - lo > 1)
            {
                long mid = lo + (hi - lo) / 2;
                if (seqs * KvBytesPerSequencePerGpu(mid) <= free) lo = mid; else hi = mid;
            }
            return lo;
        }
    }
}
