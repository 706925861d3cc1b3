using ModelConfig.Core.Estimation;
using ModelConfig.Core.Hardware;

namespace ModelConfig.Core.Planning
{
    /// <summary>
    /// One hardware x layout x precision candidate with everything that does not depend on the load worked out once:
    /// the resolved rates, the step model (block templates grouped), weight bytes and KV bytes per sequence. A closed-loop
    /// level then costs one memory budget and one run of the estimator's own closed-loop load model, so the search ranks on
    /// exactly the numbers Measure-Deployment would print (a test holds the two equal). Open-loop rates and speculative
    /// decoding run the full estimator: they are one level per layout or a minority of searches, and the full path keeps
    /// them equal to Measure-Deployment by construction.
    /// </summary>
    internal sealed class LayoutCandidate : Candidate
    {
        private readonly DeploymentRequest _request;
        private readonly EstimatorCalibration _cal;
        private readonly StoragePrecisions _precisions;
        private readonly ParallelLayout _layout;
        private readonly ResolvedRatesCache _rates;
        private StepModel? _steps;
        // nobody reads a candidate's notes: the returned configurations are re-estimated in full, notes and all
        private readonly AssumptionLog _log = AssumptionLog.Discarded;
        // the load model writes its figures here; the point copies them out at once, so one serves every candidate of a thread
        [System.ThreadStatic] private static DeploymentEstimate? _scratch;
        private readonly RequestLoad _load;
        private readonly double _kvPerSequence;
        private readonly MemoryModel _memory;
        private readonly bool _fastClosedLoop;

        public LayoutCandidate(DeploymentRequest template, LayoutDegrees degrees, PrecisionPair precision, ResolvedRatesCache rates)
        {
            Degrees = degrees;
            _precision = precision;
            _request = Request(template, degrees, precision, LoadLevel.AtConcurrency(1));
            _cal = template.Calibration ?? EstimatorCalibration.Default;
            _precisions = StoragePrecisions.Resolve(_request, _log);
            _layout = ParallelLayout.Create(template.Hardware, degrees.TensorParallel, degrees.PipelineParallel, degrees.ExpertParallel, degrees.DataParallelAttention);
            _load = RequestLoad.Resolve(_request, _log);
            var memory = _memory = new MemoryModel(template.Model, template.Hardware, _layout, _precisions, _load, _cal, null);
            WeightsAndReserveFit = memory.WeightBytesPerGpu() + memory.ReservedBytes() <= template.Hardware.MemoryBytes;
            _kvPerSequence = memory.KvBytesPerSequencePerGpu(template.InputLength + template.OutputLength);
            _rates = rates;
            // speculation changes the steps and the memory (draft weights): only the full estimator knows how
            _fastClosedLoop = template.SpeculativeMethod == SpeculativeMethod.None;
            _log.Items.Clear();
        }

        private readonly PrecisionPair _precision;

        // Built on first use: a layout pruned by memory never resolves rates or groups its blocks.
        private StepModel Steps => _steps ??= new StepModel(_request.Model, _layout, _precisions, _rates.For(_request, _precisions, _cal), _cal);

        public LayoutDegrees Degrees { get; }
        public override PrecisionPair Precision => _precision;
        public override HardwareConfig Hardware => _request.Hardware;
        public override int NumGpus => _layout.NumGpus;
        public override string Layout => Degrees.ToString();
        /// <summary>False when weights and the framework reserve alone overflow a GPU: no load level can fit, none is estimated.</summary>
        public bool WeightsAndReserveFit { get; }
        internal DeploymentRequest Template => _request;

        public override DeploymentRequest RequestAt(LoadLevel level) => Request(_request, Degrees, Precision, level);

        private static DeploymentRequest Request(DeploymentRequest template, LayoutDegrees degrees, PrecisionPair precision, LoadLevel level) => new DeploymentRequest
        {
            Model = template.Model, Hardware = template.Hardware, Framework = template.Framework, Calibration = template.Calibration,
            InputLength = template.InputLength, OutputLength = template.OutputLength,
            TensorParallel = degrees.TensorParallel, PipelineParallel = degrees.PipelineParallel, ExpertParallel = degrees.ExpertParallel,
            DataParallelAttention = degrees.DataParallelAttention, WeightPrecision = precision.Weight, KvCachePrecision = precision.KvCache,
            Concurrency = level.IsRate ? (int?)null : level.Concurrency, RequestRate = level.IsRate ? level.RequestRate : (double?)null,
            SpeculativeMethod = template.SpeculativeMethod, DraftModel = template.DraftModel,
        };

        public override LoadPoint Evaluate(LoadLevel level, int? percentile)
        {
            if (level.IsRate || !_fastClosedLoop) return LoadPoint.From(DeploymentEstimator.Estimate(RequestAt(level)), level, percentile);
            return EvaluateClosedLoop(level);
        }

        /// <summary>
        /// The estimate's latency and throughput at one concurrency. Memory and fit are set as DeploymentEstimator does
        /// (Fits, MaxBatchSize), because the load model caps the running batch by them.
        /// </summary>
        private LoadPoint EvaluateClosedLoop(LoadLevel level)
        {
            var load = _load.AtConcurrency(level.Concurrency);
            var memory = _memory.AtLoad(load);
            var budget = memory.Budget();
            var e = _scratch ??= new DeploymentEstimate();
            e.Fits = budget.Fits;
            e.MaxBatchSize = memory.MaxBatchSize(budget.FreeForKvCache, _kvPerSequence);
            LoadModels.For(LoadMode.Concurrency).Predict(e, new LoadContext(load, Steps, memory, budget, _cal, _log, false));
            _log.Items.Clear();
            return new LoadPoint
            {
                Level = level, Fits = e.Fits, MaxBatchSize = e.MaxBatchSize, Sequences = level.Concurrency, TtftMs = e.TtftMs, TpotMs = e.TpotMs, EndToEndMs = e.EndToEndLatencyMs,
                OutputTokensPerSecond = e.OutputTokensPerSecond, OutputTokensPerSecondPerGpu = e.OutputTokensPerSecond / _layout.NumGpus,
                TokensPerSecondPerUser = e.TokensPerSecondPerUser, RequestsPerSecond = e.RequestsPerSecond, PrefillMs = e.PrefillMs,
            };
        }

        /// <summary>Busy share of a plain decode step at the point's running batch (speculation's verify passes are not modelled here).</summary>
        public override double BusyFraction(in LoadPoint p)
            => StepUtilisation.BusyShare(Steps, p.Sequences, p.MaxBatchSize, _request.InputLength, _request.OutputLength);
    }
}
