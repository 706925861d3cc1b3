namespace ModelConfig.Core.Estimation
{
    /// <summary>
    /// One way requests reach a replica (a static batch, a closed loop of N users ...): turns step times of the
    /// <see cref="StepModel"/> into TTFT, TPOT, end-to-end latency and throughput. A new load mode is a new implementation
    /// plus its <see cref="LoadMode"/> entry in <see cref="LoadModels.For"/>.
    /// </summary>
    internal interface ILoadModel
    {
        /// <summary>Fills the latency and throughput fields of <paramref name="e"/> (memory and fit are already set) and states its assumptions.</summary>
        void Predict(DeploymentEstimate e, LoadContext c);
    }

    /// <summary>What a load model works from: the resolved load, the step and memory models of the layout, calibration and the assumption log.</summary>
    internal sealed class LoadContext
    {
        public LoadContext(RequestLoad load, StepModel steps, MemoryModel memory, MemoryBudget budget, EstimatorCalibration calibration,
            AssumptionLog log, bool includeLayers)
        {
            Load = load;
            Steps = steps;
            Memory = memory;
            Budget = budget;
            Calibration = calibration;
            Log = log;
            IncludeLayers = includeLayers;
        }

        public RequestLoad Load { get; }
        public StepModel Steps { get; }
        public MemoryModel Memory { get; }
        public MemoryBudget Budget { get; }
        public EstimatorCalibration Calibration { get; }
        public AssumptionLog Log { get; }
        /// <summary>Add the per-layer roofline rows and the collectives of the representative steps.</summary>
        public bool IncludeLayers { get; }
    }

    internal static class LoadModels
    {
        private static readonly ILoadModel StaticBatch = new StaticBatchLoad();
        private static readonly ILoadModel Concurrency = new ClosedLoopConcurrencyLoad();

        private static readonly ILoadModel Offline = new OfflineLoad();
        private static readonly ILoadModel RequestRate = new OpenLoopRequestRateLoad();

        public static ILoadModel For(LoadMode mode) => mode == LoadMode.StaticBatch ? StaticBatch
            : mode == LoadMode.Offline ? Offline : mode == LoadMode.RequestRate ? RequestRate : Concurrency;
    }
}
