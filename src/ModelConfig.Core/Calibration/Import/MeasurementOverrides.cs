namespace ModelConfig.Core.Calibration
{
    /// <summary>
    /// What the user states about a run that its result file may not hold (hardware, layout, precision, engine, model).
    /// A value given here wins over the file's: the user knows what was deployed, a file often names only the served checkpoint.
    /// </summary>
    public sealed class MeasurementOverrides
    {
        public string? ModelId { get; set; }
        public string? HardwareId { get; set; }
        public string? Framework { get; set; }
        public int? TensorParallel { get; set; }
        public int? PipelineParallel { get; set; }
        public int? ExpertParallel { get; set; }
        public bool? DataParallelAttention { get; set; }
        public string? WeightPrecision { get; set; }
        public string? KvCachePrecision { get; set; }
        public int? Concurrency { get; set; }
        public int? NumRequests { get; set; }

        internal void ApplyTo(ServingMeasurement m)
        {
            if (ModelId != null) { m.ModelId = ModelId; m.HfModelId = null; }
            m.HardwareId = HardwareId ?? m.HardwareId;
            m.Framework = Framework ?? m.Framework;
            m.TensorParallel = TensorParallel ?? m.TensorParallel;
            m.PipelineParallel = PipelineParallel ?? m.PipelineParallel;
            m.ExpertParallel = ExpertParallel ?? m.ExpertParallel;
            m.DataParallelAttention = DataParallelAttention ?? m.DataParallelAttention;
            m.WeightPrecision = WeightPrecision ?? m.WeightPrecision;
            m.KvCachePrecision = KvCachePrecision ?? m.KvCachePrecision;
            if (Concurrency.HasValue) { m.Concurrency = Concurrency; m.Mode = "concurrency"; }
            m.NumRequests = NumRequests ?? m.NumRequests;
        }
    }
}
