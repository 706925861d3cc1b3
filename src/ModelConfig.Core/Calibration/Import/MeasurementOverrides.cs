namespace ModelConfig.Core.Calibration
{
    /// <summary>
    /// What the user states about a run that its result file may not hold (hardware, layout, precision, engine, model), given
    /// as a <see cref="ServingMeasurement"/> whose set fields win over the file's: the user knows what was deployed, a file
    /// often names only the served checkpoint. Its metrics are ignored.
    /// </summary>
    internal static class MeasurementOverrides
    {
        public static void Apply(ServingMeasurement stated, ServingMeasurement m)
        {
            if (stated.ModelId != null) { m.ModelId = stated.ModelId; m.HfModelId = null; }
            m.HardwareId = stated.HardwareId ?? m.HardwareId;
            m.Framework = stated.Framework ?? m.Framework;
            m.TensorParallel = stated.TensorParallel ?? m.TensorParallel;
            m.PipelineParallel = stated.PipelineParallel ?? m.PipelineParallel;
            m.ExpertParallel = stated.ExpertParallel ?? m.ExpertParallel;
            m.DataParallelAttention = stated.DataParallelAttention ?? m.DataParallelAttention;
            m.WeightPrecision = stated.WeightPrecision ?? m.WeightPrecision;
            m.KvCachePrecision = stated.KvCachePrecision ?? m.KvCachePrecision;
            if (stated.Concurrency.HasValue) { m.Concurrency = stated.Concurrency; m.Mode = "concurrency"; }
            m.NumRequests = stated.NumRequests ?? m.NumRequests;
        }
    }
}
