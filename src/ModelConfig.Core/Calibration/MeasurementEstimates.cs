using System;
using ModelConfig.Core.Estimation;

namespace ModelConfig.Core.Calibration
{
    /// <summary>The deployment request that reproduces a measurement, and whether the estimator can model it at all.</summary>
    public static class MeasurementEstimates
    {
        /// <summary>Null when the estimator has a load model for the measurement; otherwise why not.</summary>
        public static string? NotEstimable(ServingMeasurement m)
        {
            if (m.Disaggregated) return "prefill/decode-disaggregated serving is not modelled by the estimator";
            if (m.SpeculativeDecoding != null) return $"speculative decoding ({m.SpeculativeDecoding}) is not modelled by the estimator";
            if (m.Mode != "concurrency" && m.Mode != "static_batch") return $"load mode '{Serialization.TextPreview.Of(m.Mode)}' is not modelled by the estimator (concurrency and static_batch are)";
            return null;
        }

        /// <summary>The request for a measurement whose model and hardware <paramref name="catalog"/> resolves.</summary>
        /// <exception cref="InvalidOperationException">The model or hardware is not in the library, or the mode cannot be estimated.</exception>
        public static DeploymentRequest Request(ServingMeasurement m, MeasurementCatalog catalog)
        {
            var why = NotEstimable(m);
            if (why != null) throw new InvalidOperationException(why);
            var model = catalog.Model(m.ModelId ?? m.HfModelId ?? "") ?? throw new InvalidOperationException($"model '{m.ModelId ?? m.HfModelId}' is not in the library");
            var hw = catalog.Hardware(m.HardwareId ?? "") ?? throw new InvalidOperationException($"hardware '{Serialization.TextPreview.Of(m.HardwareId)}' is not in the library");
            var r = new DeploymentRequest
            {
                Model = model,
                Hardware = hw,
                TensorParallel = m.TensorParallel,
                PipelineParallel = Math.Max(1, m.PipelineParallel ?? 1),
                ExpertParallel = Math.Max(1, m.ExpertParallel ?? 1),
                DataParallelAttention = m.DataParallelAttention ?? false,
                WeightPrecision = m.WeightPrecision,
                KvCachePrecision = m.KvCachePrecision,
                Framework = m.Framework,
                InputLength = Math.Max(1, (int)Math.Round(m.InputLength ?? 1)),
                OutputLength = Math.Max(1, (int)Math.Round(m.OutputLength ?? 1)),
            };
            if (m.Mode == "concurrency") { r.Concurrency = m.Concurrency; r.NumRequests = m.NumRequests; }
            else r.BatchSize = m.BatchSize;
            return r;
        }
    }
}
