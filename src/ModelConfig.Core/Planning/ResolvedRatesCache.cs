using System.Collections.Generic;
using ModelConfig.Core.Estimation;

namespace ModelConfig.Core.Planning
{
    /// <summary>
    /// Rates depend on the hardware, the precisions, the engine and the load mode, not on the layout: one resolution serves
    /// every layout of a hardware x precision pair.
    /// </summary>
    internal sealed class ResolvedRatesCache
    {
        private readonly Dictionary<string, ResolvedRates> _byKey = new Dictionary<string, ResolvedRates>();
        private readonly AssumptionLog _discarded = new AssumptionLog { Discard = true };

        public ResolvedRates For(DeploymentRequest r, StoragePrecisions precisions, EstimatorCalibration cal)
        {
            string key = r.Hardware.HardwareId + "|" + precisions.WeightDtype + "|" + precisions.KvDtype + "|" + precisions.ExpertsOnly;
            if (!_byKey.TryGetValue(key, out var rates))
            {
                rates = ResolvedRates.Resolve(r, cal, LoadMode.Concurrency, precisions, _discarded);
                _discarded.Items.Clear();
                _byKey[key] = rates;
            }
            return rates;
        }
    }
}
