using ModelConfig.Core.Estimation;
using ModelConfig.Core.Hardware;

namespace ModelConfig.Core.Planning
{
    /// <summary>One closed-loop load level of one candidate layout, as the search sees it (enough to judge and rank).</summary>
    internal struct LoadPoint
    {
        public int Concurrency;
        public bool Fits;
        public int MaxBatchSize;
        public double TtftMs, TpotMs, EndToEndMs, OutputTokensPerSecond, OutputTokensPerSecondPerGpu, TokensPerSecondPerUser, RequestsPerSecond, PrefillMs;
        public SlaVerdict Verdict;
    }

    /// <summary>
    /// One hardware x layout x precision candidate with everything that does not depend on the load worked out once:
    /// the resolved rates, the step model (block templates grouped), weight bytes and KV bytes per sequence. Each load level
    /// then costs one memory budget and one run of the estimator's own closed-loop load model, so the search ranks on exactly
    /// the numbers Measure-Deployment would print (a test holds the two equal).
    /// </summary>
    internal sealed class LayoutEvaluator
    {
        private readonly DeploymentRequest _request;
        private readonly EstimatorCalibration _cal;
        private readonly StoragePrecisions _precisions;
        private readonly ParallelLayout _layout;
        private readonly ResolvedRatesCache _rates;
        private StepModel? _steps;
        private readonly AssumptionLog _log = new AssumptionLog();
        private readonly DeploymentEstimate _scratch = new DeploymentEstimate();
        private readonly double _kvPerSequence;

        public LayoutEvaluator(DeploymentRequest template, LayoutDegrees degrees, PrecisionPair precision, ResolvedRatesCache rates)
        {
            Degrees = degrees;
            Precision = precision;
            _request = Request(template, degrees, precision, 1);
            _cal = template.Calibration ?? EstimatorCalibration.Default;
            _precisions = StoragePrecisions.Resolve(_request, _log);
            _layout = ParallelLayout.Create(template.Hardware, degrees.TensorParallel, degrees.PipelineParallel, degrees.ExpertParallel, degrees.DataParallelAttention);
            var memory = new MemoryModel(template.Model, template.Hardware, _layout, _precisions, RequestLoad.Resolve(_request, _log), _cal, null);
            WeightsAndReserveFit = memory.WeightBytesPerGpu() + memory.ReservedBytes() <= template.Hardware.MemoryBytes;
            _kvPerSequence = memory.KvBytesPerSequencePerGpu(template.InputLength + template.OutputLength);
            _rates = rates;
            _log.Items.Clear();
        }

        // Built on first use: a layout pruned by memory never resolves rates or groups its blocks.
        private StepModel Steps => _steps ??= new StepModel(_request.Model, _layout, _precisions, _rates.For(_request, _precisions, _cal), _cal);

        public LayoutDegrees Degrees { get; }
        public PrecisionPair Precision { get; }
        public HardwareConfig Hardware => _request.Hardware;
        public int NumGpus => _layout.NumGpus;
        /// <summary>False when weights and the framework reserve alone overflow a GPU: no load level can fit, none is estimated.</summary>
        public bool WeightsAndReserveFit { get; }

        /// <summary>The request Measure-Deployment would run for this candidate at <paramref name="concurrency"/>.</summary>
        public DeploymentRequest RequestAt(int concurrency) => Request(_request, Degrees, Precision, concurrency);

        private static DeploymentRequest Request(DeploymentRequest template, LayoutDegrees degrees, PrecisionPair precision, int concurrency) => new DeploymentRequest
        {
            Model = template.Model, Hardware = template.Hardware, Framework = template.Framework, Calibration = template.Calibration,
            InputLength = template.InputLength, OutputLength = template.OutputLength,
            TensorParallel = degrees.TensorParallel, PipelineParallel = degrees.PipelineParallel, ExpertParallel = degrees.ExpertParallel,
            DataParallelAttention = degrees.DataParallelAttention, WeightPrecision = precision.Weight, KvCachePrecision = precision.KvCache,
            Concurrency = concurrency,
        };

        /// <summary>
        /// The estimate's latency and throughput at one concurrency. Memory and fit are set as DeploymentEstimator does
        /// (Fits, MaxBatchSize), because the load model caps the running batch by them.
        /// </summary>
        public LoadPoint Evaluate(int concurrency)
        {
            _request.Concurrency = concurrency;
            var load = RequestLoad.Resolve(_request, _log);
            var memory = new MemoryModel(_request.Model, _request.Hardware, _layout, _precisions, load, _cal, null);
            var budget = memory.Budget();
            var e = _scratch;
            e.Fits = budget.Fits;
            e.MaxBatchSize = memory.MaxBatchSize(budget.FreeForKvCache, _kvPerSequence);
            LoadModels.For(LoadMode.Concurrency).Predict(e, new LoadContext(load, Steps, memory, budget, _cal, _log, false));
            _log.Items.Clear();
            return new LoadPoint
            {
                Concurrency = concurrency, Fits = e.Fits, MaxBatchSize = e.MaxBatchSize, TtftMs = e.TtftMs, TpotMs = e.TpotMs, EndToEndMs = e.EndToEndLatencyMs,
                OutputTokensPerSecond = e.OutputTokensPerSecond, OutputTokensPerSecondPerGpu = e.OutputTokensPerSecond / _layout.NumGpus,
                TokensPerSecondPerUser = e.TokensPerSecondPerUser, RequestsPerSecond = e.RequestsPerSecond, PrefillMs = e.PrefillMs,
            };
        }

        /// <summary>The utilisation the energy model scales power by, at one evaluated load point.</summary>
        public double BusyFraction(in LoadPoint p)
            => StepUtilisation.BusyShare(Steps, p.Concurrency, p.MaxBatchSize, _request.InputLength, _request.OutputLength);
    }
}
