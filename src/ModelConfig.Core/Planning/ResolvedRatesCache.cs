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
        private sealed class Entry
        {
            public Hardware.HardwareConfig Hardware = null!;
            public string Weight = "", Kv = "";
            public bool ExpertsOnly;
            public ResolvedRates Rates = null!;
        }

        private readonly List<Entry> _known = new List<Entry>();
        private readonly AssumptionLog _discarded = AssumptionLog.Discarded;

        public ResolvedRates For(DeploymentRequest r, StoragePrecisions precisions, EstimatorCalibration cal)
        {
            foreach (var k in _known)
                if (ReferenceEquals(k.Hardware, r.Hardware) && k.Weight == precisions.WeightDtype && k.Kv == precisions.KvDtype && k.ExpertsOnly == precisions.ExpertsOnly)
                    return k.Rates;
            var rates = ResolvedRates.Resolve(r, cal, LoadMode.Concurrency, precisions, _discarded);
            _known.Add(new Entry { Hardware = r.Hardware, Weight = precisions.WeightDtype, Kv = precisions.KvDtype, ExpertsOnly = precisions.ExpertsOnly, Rates = rates });
            return rates;
        }
    }
}
