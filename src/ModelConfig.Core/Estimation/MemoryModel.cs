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
            => new MemoryModel(_m, _hw, _layout, _precisions, load, _cal, _reservedGB) { _weightBytes = _weightBytes ?? WeightBytesPerGpuUncached(), _plan = Plan };

        private ModelPlan? _plan;
        private ModelPlan Plan => _plan ??= ModelPlan.Of(_m);

        public double WeightBytesPerGpu() => _weightBytes ??= WeightBytesPerGpuUncached();

        // one estimate asks for the KV bytes at input + output length several times (budget, max batch, capped batch)
        private double _kvLength = double.NaN, _kvBytes;

        /// <summary>KV (and recurrent state) bytes one sequence of <paramref name="length"/> tokens keeps on one GPU of one pipeline stage.</summary>
        public double KvBytesPerSequencePerGpu(double length)
        {
            if (length.Equals(_kvLength)) return _kvBytes;
            double bytes = _m.KvCacheBytesPerSequence(length, _precisions.KvBytes, _layout.TensorParallel, _layout.DataParallelAttention, StoragePrecisions.RecurrentStateBytes)
               / _layout.PipelineParallel;
            _kvLength = length;
            _kvBytes = bytes;
            return bytes;
        }

        private double WeightBytesPerGpuUncached()
        {
            int tp = _layout.TensorParallel, pp = _layout.PipelineParallel;
            double dense = _precisions.DenseWeightBytes, expert = _precisions.ExpertWeightBytes;
            double layers = Plan.DecoderWeightBytes(tp, _layout.AttentionShards, dense, expert);
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
            double inter = Plan.WidestFfn, qkv = Plan.WidestQkv;
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

        /// <summary>
        /// Longest sequence whose KV cache fits in <paramref name="free"/> bytes per GPU at the requested batch: the model's
        /// maximum when that fits, else the longest shorter length that fits (0 when none does).
        /// </summary>
        /// <remarks>
        /// The KV bytes grow with the length and are linear in it between the windows that cap some layers (and so is their
        /// floating-point sum, which never decreases), so "fits" holds up to one length and fails beyond it. A secant through
        /// the last two lengths tried lands on that length (or next to it) in a step or two where a bisection took about 25;
        /// every guess is checked with the same test and narrows the same bracket, so the answer is the bisection's exactly.
        /// A guess that does not narrow the bracket quickly hands over to bisection.
        /// </remarks>
        public long MaxContextLength(double free)
        {
            if (free <= 0) return 0;
            double seqs = _layout.SequencesPerGpu(_load.Batch);
            long lo = 0, hi = Math.Max(1L, _m.MaxPositionEmbeddings ?? 1L << 24);
            double fHi = seqs * KvBytesPerSequencePerGpu(hi);
            if (fHi <= free) return hi;
            // lo = 0 is never tested (the bisection returned 0 when nothing fits); the first guess aims as if a sequence of
            // no tokens held nothing (recurrent state does: the next guess corrects for it)
            double x0 = hi, f0 = fHi, x1 = 0, f1 = 0;
            for (int guesses = 0; hi - lo > 1; guesses++)
            {
                long mid = lo + (hi - lo) / 2;
                if (guesses < 8 && f1 != f0)
                {
                    double x = x1 + (free - f1) * (x1 - x0) / (f1 - f0);
                    if (!double.IsNaN(x)) mid = x < lo + 1 ? lo + 1 : x >= hi ? hi - 1 : (long)Math.Floor(x);
                }
                double f = seqs * KvBytesPerSequencePerGpu(mid);
                if (f <= free) lo = mid; else hi = mid;
                x0 = x1; f0 = f1; x1 = mid; f1 = f;
            }
            return lo;
        }
    }
}
