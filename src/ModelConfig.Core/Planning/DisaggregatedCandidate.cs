using System.Collections.Generic;
using ModelConfig.Core.Estimation;
using ModelConfig.Core.Hardware;

namespace ModelConfig.Core.Planning
{
    /// <summary>
    /// Prefill workers of one layout and decode workers of another, same chip and precision. Every point runs the
    /// estimator's disaggregated model in full, so the figures are Measure-Deployment's for -PrefillWorkers ... -Decode*.
    /// </summary>
    internal sealed class DisaggregatedCandidate : Candidate
    {
        private readonly LayoutCandidate _prefill, _decode;
        private readonly DisaggregatedPools _pools;

        public DisaggregatedCandidate(LayoutCandidate prefill, int prefillWorkers, LayoutCandidate decode, int decodeWorkers)
        {
            _prefill = prefill;
            _decode = decode;
            _pools = new DisaggregatedPools
            {
                PrefillWorkers = prefillWorkers, PrefillTensorParallel = prefill.Degrees.TensorParallel, PrefillExpertParallel = prefill.Degrees.ExpertParallel,
                PrefillDataParallelAttention = prefill.Degrees.DataParallelAttention,
                DecodeWorkers = decodeWorkers, DecodeTensorParallel = decode.Degrees.TensorParallel, DecodeExpertParallel = decode.Degrees.ExpertParallel,
                DecodeDataParallelAttention = decode.Degrees.DataParallelAttention,
            };
        }

        public override HardwareConfig Hardware => _decode.Hardware;
        public override PrecisionPair Precision => _decode.Precision;
        public override int NumGpus => _pools.PrefillGpus + _pools.DecodeGpus;
        public override string Layout => $"prefill {_pools.PrefillWorkers}x {_prefill.Degrees} + decode {_pools.DecodeWorkers}x {_decode.Degrees}";

        public override DeploymentRequest RequestAt(LoadLevel level)
        {
            var r = _decode.RequestAt(level);
            r.TensorParallel = null;
            r.ExpertParallel = 1;
            r.DataParallelAttention = false;
            r.Disaggregation = _pools;
            return r;
        }

        public override LoadPoint Evaluate(LoadLevel level, int? percentile) => LoadPoint.From(DeploymentEstimator.Estimate(RequestAt(level)), level, percentile);

        /// <summary>The decode pool's busy share: it holds most of the GPUs and all of the output tokens.</summary>
        public override double BusyFraction(in LoadPoint p) => _decode.BusyFraction(p);

        /// <summary>
        /// Every pair of pool layouts (tensor, expert parallel and DP attention; pipeline parallel 1, as disaggregated workers
        /// run) that each fit their weights, with every worker count whose GPUs add up to at most <paramref name="maxGpus"/>.
        /// A pair with a pool that cannot hold its weights and framework reserve is counted in <paramref name="prunedByMemory"/>, never estimated (not even by -Exhaustive: no load can make it fit).
        /// </summary>
        public static List<Candidate> Pairs(IReadOnlyList<LayoutCandidate> layouts, int maxGpus, out int prunedByMemory)
        {
            var pairs = new List<Candidate>();
            prunedByMemory = 0;
            foreach (var pre in layouts)
            {
                if (pre.Degrees.PipelineParallel != 1) continue;
                foreach (var dec in layouts)
                {
                    if (dec.Degrees.PipelineParallel != 1) continue;
                    bool fit = pre.WeightsAndReserveFit && dec.WeightsAndReserveFit;
                    for (int np = 1; np * pre.NumGpus + dec.NumGpus <= maxGpus; np++)
                        for (int nd = 1; np * pre.NumGpus + nd * dec.NumGpus <= maxGpus; nd++)
                        {
                            if (fit) pairs.Add(new DisaggregatedCandidate(pre, np, dec, nd));
                            else prunedByMemory++;
                        }
                }
            }
            return pairs;
        }
    }
}
