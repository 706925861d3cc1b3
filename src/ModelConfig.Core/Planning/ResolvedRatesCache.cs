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
        // a handful of entries (one per precision pair of a hardware): a scan, no key text per candidate
        private readonly List<(Hardware.HardwareConfig Hardware, string Weight, string Kv, bool ExpertsOnly, ResolvedRates Rates)> _known =
            new List<(Hardware.HardwareConfig, string, string, bool, ResolvedRates)>();
        private readonly AssumptionLog _discarded = AssumptionLog.Discarded;

        public ResolvedRates For(DeploymentRequest r, StoragePrecisions precisions, EstimatorCalibration cal)
        {
            foreach (var k in _known)
                if (ReferenceEquals(k.Hardware, r.Hardware) && k.Weight == precisions.WeightDtype && k.Kv == precisions.KvDtype && k.ExpertsOnly == precisions.ExpertsOnly)
                    return k.Rates;
            var rates = ResolvedRates.Resolve(r, cal, LoadMode.Concurrency, precisions, _discarded);
            _known.Add((r.Hardware, precisions.WeightDtype, precisions.KvDtype, precisions.ExpertsOnly, rates));
            return rates;
        }
    }
}
