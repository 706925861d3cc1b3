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
            if (m.Disaggregated && m.Disaggregation == null) return "a prefill/decode-disaggregated run whose source does not state the prefill and decode layouts";
            if (m.SpeculativeDecoding != null && SpeculativeMethodOf(m.SpeculativeDecoding) == null)
                return $"speculative decoding '{Serialization.TextPreview.Of(m.SpeculativeDecoding)}' is not a method the estimator models (mtp, eagle)";
            switch (m.Mode)
            {
                case "concurrency": case "static_batch": case "offline": return null;
                case "request_rate": return m.RequestRate is double rate && rate > 0 && !double.IsInfinity(rate) ? null : "a request_rate run without a finite request rate";
                default: return $"load mode '{Serialization.TextPreview.Of(m.Mode)}' is not modelled by the estimator (concurrency, static_batch, offline and request_rate are)";
            }
        }

        /// <summary>The request for a measurement whose model and hardware <paramref name="catalog"/> resolves.</summary>
        /// <exception cref="InvalidOperationException">The model or hardware is not in the library, or the mode cannot be estimated.</exception>
        public static DeploymentRequest Request(ServingMeasurement m, MeasurementCatalog catalog)
        {
            var why = NotEstimable(m);
            if (why != null) throw new InvalidOperationException(why);
            var model = catalog.Model(m.ModelId ?? m.HfModelId ?? "") ?? throw new InvalidOperationException($"model '{m.ModelId ?? m.HfModelId}' is not in the library");
            var hw = catalog.Hardware(m.HardwareId ?? "") ?? throw new InvalidOperationException($"hardware '{Serialization.TextPreview.Of(m.HardwareId)}' is not in the library");
            bool dpAttention = m.DataParallelAttention ?? false;
            var r = new DeploymentRequest
            {
                Model = model,
                Hardware = hw,
                TensorParallel = m.TensorParallel,
                PipelineParallel = Math.Max(1, m.PipelineParallel ?? 1),
                ExpertParallel = Math.Max(1, m.ExpertParallel ?? CalibrationRowConventions.UnstatedExpertParallel(model.IsMoe, dpAttention, m.TensorParallel ?? 1)),
                DataParallelAttention = dpAttention,
                WeightPrecision = m.WeightPrecision,
                KvCachePrecision = m.KvCachePrecision,
                Framework = m.Framework,
                InputLength = Math.Max(1, (int)Math.Round(m.InputLength ?? 1)),
                OutputLength = Math.Max(1, (int)Math.Round(m.OutputLength ?? 1)),
                NumRequests = m.NumRequests,
                MaxBatchSize = m.MaxBatchSize,
                MaxNumTokens = m.MaxNumTokens,
                Disaggregation = m.Disaggregation?.Copy(),
            };
            switch (m.Mode)
            {
                case "static_batch": r.BatchSize = m.BatchSize; r.NumRequests = null; break;
                case "concurrency": r.Concurrency = m.Concurrency; break;
                case "offline": r.Offline = true; break;
                case "request_rate":
                    r.RequestRate = m.RequestRate;
                    r.ArrivalProcess = string.Equals(m.ArrivalProcess, "Constant", StringComparison.OrdinalIgnoreCase) ? ArrivalProcess.Constant : ArrivalProcess.Poisson;
                    r.Burstiness = m.Burstiness;
                    break;
            }
            if (m.SpeculativeDecoding != null)
            {
                r.SpeculativeMethod = SpeculativeMethodOf(m.SpeculativeDecoding)!.Value;
                r.SpeculativeTokens = m.SpeculativeTokens;
            }
            return r;
        }

        /// <summary>The estimator's method for a source's name of it: MTP (DeepSeek next-n layers) and EAGLE (any version); a draft model needs its id, which no source records.</summary>
        private static SpeculativeMethod? SpeculativeMethodOf(string name)
        {
            var n = name.Trim().ToLowerInvariant();
            if (n == "mtp") return SpeculativeMethod.Mtp;
            if (n.StartsWith("eagle", StringComparison.Ordinal)) return SpeculativeMethod.Eagle;
            return null;
        }
    }
}
