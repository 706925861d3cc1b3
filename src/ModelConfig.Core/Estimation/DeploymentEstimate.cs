using System;
using System.Collections.Generic;
using ModelConfig.Core.Models;

namespace ModelConfig.Core.Estimation
{
    public enum LoadMode
    {
        StaticBatch,
        Concurrency,
        /// <summary>Every request queued at t=0; the engine picks the running batch (OfflineLoad.cs).</summary>
        Offline,
        /// <summary>Open-loop arrivals at a rate (OpenLoopRequestRateLoad.cs).</summary>
        RequestRate,
    }

    public static class Bottlenecks
    {
        public const string Compute = "compute";
        public const string Memory = "memory";
        public const string Communication = "communication";
        public const string Overhead = "overhead";
    }

    /// <summary>One efficiency, overhead or default the estimate used, and where it comes from.</summary>
    public sealed class EstimateAssumption
    {
        private string? _text = "";
        private DeferredText? _deferred;

        public EstimateAssumption()
        {
        }

        /// <summary>A note whose text is formatted on first read (AssumptionLog.Note with an interpolated text).</summary>
        internal EstimateAssumption(string name, double? value, string source, DeferredText text)
        {
            Name = name;
            Value = value;
            Source = source;
            _deferred = text;
            _text = null;
        }

        public string Name { get; set; } = "";
        /// <summary>The number used, when the assumption is a number.</summary>
        public double? Value { get; set; }
        /// <summary>default, request, hardware, calibration, model.</summary>
        public string Source { get; set; } = "";

        public string Text
        {
            // the parts stay after formatting: two threads reading at once both format the same text, neither sees null
            get => _text ??= _deferred!.Format();
            set
            {
                _text = value;
                _deferred = null;
            }
        }

        public override string ToString() => Text;
    }

    /// <summary>± relative error of a metric class in a regime, from calibration residuals.</summary>
    public sealed class ErrorBand
    {
        public string Regime { get; set; } = "";
        public double Ttft { get; set; }
        public double Tpot { get; set; }
        public double Throughput { get; set; }
        /// <summary>Where the figures come from (file, fit date, rows). Formatted on first read when the estimator made the band.</summary>
        public string Source
        {
            get
            {
                if (_source == null && _deferredSource != null) _source = _deferredSource.Format();
                return _source!;
            }
            set
            {
                _source = value;
                _deferredSource = null;
            }
        }

        private string? _source = "";
        private ErrorBands.ErrorBandSource? _deferredSource;

        internal void DeferSource(ErrorBands.ErrorBandSource source)
        {
            _deferredSource = source;
            _source = null;
        }
        /// <summary>
        /// Which out-of-sample residuals the band comes from: "calibrated" (model family, hardware generation and engine all
        /// in the calibration set) or "outside calibration: ..." naming the unseen dimensions.
        /// </summary>
        public string Scope { get; set; } = "";

        public override string ToString() => $"TTFT ±{Ttft:P0}, TPOT ±{Tpot:P0}, throughput ±{Throughput:P0} ({Regime})";
    }

    /// <summary>One operator of one layer in one phase (per GPU).</summary>
    public sealed class LayerEstimate
    {
        /// <summary>prefill or decode.</summary>
        public string Phase { get; set; } = "";
        /// <summary>layers.i for decoder layers, lm_head for the head.</summary>
        public string Layer { get; set; } = "";
        /// <summary>The block template of a decoder layer.</summary>
        public string? Block { get; set; }
        /// <summary>attention_projections, attention_decode, attention_prefill, recurrent_state, mlp, router, experts, shared_experts, lm_head.</summary>
        public string Operation { get; set; } = "";
        public double Flops { get; set; }
        public double BytesMoved { get; set; }
        public double ArithmeticIntensity => BytesMoved > 0 ? Flops / BytesMoved : 0;
        public string Bound { get; set; } = "";
        public double TimeMs { get; set; }

        public override string ToString() => $"{Phase} {Layer} {Operation}: {TimeMs:0.####} ms ({Bound})";
    }

    /// <summary>One collective per step (summed over the layers that issue it).</summary>
    public sealed class CommunicationEstimate
    {
        public string Phase { get; set; } = "";
        /// <summary>all_reduce, all_to_all, all_gather, p2p.</summary>
        public string Collective { get; set; } = "";
        public string Link { get; set; } = "";
        public int Participants { get; set; }
        public int CountPerStep { get; set; }
        public double BytesPerCall { get; set; }
        public double TimePerCallUs { get; set; }
        public double TimePerStepMs { get; set; }

        public override string ToString() => string.Format(System.Globalization.CultureInfo.InvariantCulture, "{0} {1} over {2} x{3}: {4:0.###} ms/step", Phase, Collective, Link, Participants, TimePerStepMs);
    }

    /// <summary>The result of <see cref="DeploymentEstimator.Estimate"/>: memory, fit, latency and throughput per GPU and per replica. Not sealed: the planner's ranked result (Planning.PlannedDeployment) is an estimate with its rank, cost and fleet size added.</summary>
    public partial class DeploymentEstimate
    {
        public string ModelId { get; set; } = "";
        public string HardwareId { get; set; } = "";
        public string? Framework { get; set; }
        public int NumGpus { get; set; }
        public int TensorParallel { get; set; }
        public int PipelineParallel { get; set; }
        public int ExpertParallel { get; set; }
        public bool DataParallelAttention { get; set; }

        /// <summary>
        /// The layout in one word: "TP4PP2EP8DPA" from the degrees (narrow enough for the 80-column tables), or the planner's name for a disaggregated
        /// pair ("prefill 2x TP2 + decode 1x TP4"). A C# property, not a view script, so a PlannedDeployment's own
        /// layout is what Sort-Object, Where-Object and exports see.
        /// </summary>
        public string Layout
        {
            get => _layout ?? ParallelLayout.Name(TensorParallel, PipelineParallel, ExpertParallel, DataParallelAttention, "");
            set => _layout = value;
        }
        private string? _layout;

        public string WeightPrecision { get; set; } = "";
        public string KvCachePrecision { get; set; } = "";
        /// <summary>
        /// The <see cref="Estimation.LoadMode"/> by name. A string because PowerShell's ConvertTo-Json writes an enum
        /// property as a number (Mode: 1); the typed value is <see cref="LoadMode"/>.
        /// </summary>
        public string Mode => LoadMode.ToString();
        internal LoadMode LoadMode { get; set; }
        public int? BatchSize { get; set; }
        public int? Concurrency { get; set; }
        public int InputLength { get; set; }
        public int OutputLength { get; set; }

        public bool Fits { get; set; }
        public string? FitReason { get; set; }
        public double WeightsGB { get; set; }
        public double KvCacheGB { get; set; }
        public double ActivationsGB { get; set; }
        public double ReservedGB { get; set; }
        public double MemoryPerGpuGB { get; set; }
        /// <summary>Capacity of one GPU in decimal GB like the other memory figures: the hardware's memory_gb counts GiB, so an "80 GB" H100 is 85.9 GB.</summary>
        public double MemoryCapacityGB { get; set; }
        /// <summary>Largest batch (sequences per replica) whose KV cache at input+output length fits.</summary>
        public int MaxBatchSize { get; set; }
        /// <summary>Longest sequence (input+output tokens) that fits at the requested batch.</summary>
        public long MaxContextLength { get; set; }

        public double TtftMs { get; set; }
        /// <summary>
        /// Median TTFT: the steady-state request's. A run's initial burst (all clients starting together) is a minority of
        /// its requests, so it moves the mean (<see cref="TtftMs"/>) but not the median. Equals TtftMs when a load model sets none.
        /// </summary>
        public double TtftMedianMs { get => _ttftMedianMs ?? TtftMs; set => _ttftMedianMs = value; }
        private double? _ttftMedianMs;
        /// <summary>Mean time per output token excluding the first (integrated over the growing KV cache).</summary>
        public double TpotMs { get; set; }
        public double TpotFirstMs { get; set; }
        public double TpotLastMs { get; set; }
        public double EndToEndLatencyMs { get; set; }
        public double OutputTokensPerSecond { get; set; }
        public double OutputTokensPerSecondPerGpu { get; set; }
        public double TotalTokensPerSecond { get; set; }
        public double TotalTokensPerSecondPerGpu { get; set; }
        public double TokensPerSecondPerUser { get; set; }
        public double RequestsPerSecond { get; set; }
        public string PrefillBottleneck { get; set; } = "";
        public string DecodeBottleneck { get; set; } = "";
        /// <summary>Prefill time of one step, ms, and decode step time at the mean context, ms.</summary>
        public double PrefillMs { get; set; }
        public double DecodeStepMs { get; set; }

        /// <summary>Why a fitting estimate may still mislead (queueing, context past the model's maximum, extrapolation ...); empty when none.</summary>
        public SummaryList<string> Warnings
        {
            // most estimates warn of nothing: the list is made when first asked for
            get => _warnings ??= new SummaryList<string>();
            set => _warnings = value;
        }

        private SummaryList<string>? _warnings;
        public ErrorBand ErrorBand
        {
            get => _errorBand ??= new ErrorBand();
            set => _errorBand = value;
        }

        private ErrorBand? _errorBand;
        /// <summary>
        /// Every efficiency, overhead and default the estimate used. Stated on first read: the estimator keeps a copy of the
        /// request and runs it once more with its notes kept (sweeps and the planner never read them, and stating them was
        /// most of an estimate's time and memory). Should the model, hardware or calibration object have changed in between,
        /// the list opens with a note saying so.
        /// </summary>
        public SummaryList<EstimateAssumption> Assumptions
        {
            get
            {
                var list = _assumptions;
                if (list != null) return list;
                list = new SummaryList<EstimateAssumption>(_replay != null ? DeploymentEstimator.ReplayAssumptions(_replay, _figures) : new List<EstimateAssumption>());
                if (_appended != null) list.AddRange(_appended);
                list = System.Threading.Interlocked.CompareExchange(ref _assumptions, list, null) ?? list;
                _replay = null;
                _appended = null;
                return list;
            }
            set
            {
                _assumptions = value;
                _replay = null;
                _appended = null;
            }
        }

        private SummaryList<EstimateAssumption>? _assumptions;
        private DeploymentRequest? _replay;
        private List<EstimateAssumption>? _appended;
        private long _figures;

        /// <summary>Leaves the assumptions to be stated on first read, from <paramref name="snapshot"/> (a copy of the request).</summary>
        internal void DeferAssumptions(DeploymentRequest snapshot)
        {
            _assumptions = null;
            _appended = null;
            _replay = snapshot;
            _figures = Figures();
        }

        /// <summary>Gives <paramref name="other"/> these assumptions: the same list once stated, else the same request to state them from.</summary>
        internal void CopyAssumptionsTo(DeploymentEstimate other)
        {
            if (_assumptions != null || _replay == null)
            {
                other.Assumptions = Assumptions;
                return;
            }
            other._assumptions = null;
            other._replay = _replay;
            other._figures = _figures;
            other._appended = _appended == null ? null : new List<EstimateAssumption>(_appended);
        }

        /// <summary>Adds a note after the estimator's own, without stating those before anyone reads them.</summary>
        internal void AppendAssumption(EstimateAssumption a)
        {
            if (_assumptions == null && _replay != null) (_appended ??= new List<EstimateAssumption>()).Add(a);
            else Assumptions.Add(a);
        }

        /// <summary>A fingerprint of the headline figures: a replay of the same inputs reproduces it bit for bit.</summary>
        internal long Figures()
            => Mix(Mix(Mix(Mix(Mix(Mix(Mix(MaxBatchSize, WeightsGB), KvCacheGB), MemoryPerGpuGB), TtftMs), TpotMs), EndToEndLatencyMs), OutputTokensPerSecond);

        private static long Mix(long h, double v) => unchecked(h * 1000003 ^ System.BitConverter.DoubleToInt64Bits(v));

        public SummaryList<LayerEstimate>? Layers { get; set; }
        public SummaryList<CommunicationEstimate>? Communications { get; set; }

        public override string ToString() =>
            $"{ModelId} on {NumGpus}x {HardwareId}: {(Fits ? "fits" : "does not fit")}, TTFT {TtftMs:0.#} ms, TPOT {TpotMs:0.##} ms, {OutputTokensPerSecondPerGpu:0} out tok/s/GPU";
    }
}
