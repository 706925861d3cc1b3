using System;
using System.Linq;
using static ModelConfig.Core.Estimation.AssumptionLog;

namespace ModelConfig.Core.Estimation
{
    /// <summary>
    /// Prefill/decode disaggregation (Dynamo, SGLang PD): prompts run on prefill workers, the KV cache moves to a decode
    /// worker, which generates the rest. Each pool is a replica layout checked for memory; the deployment serves the rate
    /// the slower pool allows, and latencies add the prefill queue, the KV hand-off and the decode steps.
    /// </summary>
    internal static class DisaggregatedEstimator
    {
        public static DeploymentEstimate Estimate(DeploymentRequest r, bool record)
        {
            var pools = r.Disaggregation!;
            if (pools.PrefillWorkers < 1 || pools.DecodeWorkers < 1) throw new DeploymentConfigurationException(DeploymentConstraint.ServingMode, "PrefillWorkers and DecodeWorkers must be at least 1.");
            var log = record ? new AssumptionLog() : AssumptionLog.Discarded;
            var topLog = record ? new AssumptionLog() : AssumptionLog.Discarded;
            var top = RequestLoad.Resolve(r, topLog); // checks the mode choice and states the run-level defaults
            var preRequest = r.ForPool(pools.PrefillTensorParallel, pools.PrefillExpertParallel, pools.PrefillDataParallelAttention);
            // context-only servers run without the overlap scheduler (TensorRT-LLM disaggregated serving requires
            // disable_overlap_scheduler on context servers; Dynamo's performance-sweep configs set it): the host schedules
            // between steps, the per-step cost of the engine's static-batch (non-overlapping) executor
            if (!preRequest.StepOverheadMs.HasValue && (r.Calibration ?? EstimatorCalibration.Default) is { } calib
                && calib.Frameworks.TryGetValue((r.Framework ?? "*") + "/static_batch", out var eager) && eager.StepOverheadMs.HasValue)
                preRequest.StepOverheadMs = eager.StepOverheadMs;
            var pre = DeploymentEstimator.Prepare(preRequest, AssumptionLog.Discarded);
            var dec = DeploymentEstimator.Prepare(r.ForPool(pools.DecodeTensorParallel, pools.DecodeExpertParallel, pools.DecodeDataParallelAttention), log);
            var e = dec.Estimate;
            var c = dec.Context;
            var serving = top.Serving;
            if (record) foreach (var item in topLog.Items.Where(i => !log.Items.Any(x => x.Name == i.Name))) log.Items.Add(item);
            int isl = r.InputLength, osl = r.OutputLength, pg = pools.PrefillGpus, dg = pools.DecodeGpus;
            e.LoadMode = top.Mode;
            e.Concurrency = r.Concurrency;
            e.NumGpus = pg + dg;
            e.PrefillGpus = pg;
            e.DecodeGpus = dg;
            if (!pre.Estimate.Fits || !e.Fits)
            {
                e.Fits = false;
                e.FitReason = !pre.Estimate.Fits ? "Prefill pool: " + pre.Estimate.FitReason : "Decode pool: " + e.FitReason;
            }
            double budget = ServingCapacity.TokenBudget(c);
            double cap = ServingCapacity.RunningCapacity(e, c);
            if (!e.Fits || cap < 1) return Finish(r, dec, e, top);

            double L = Math.Max(1, isl * (1 - serving.PrefixHitRate)), o1 = Math.Max(0, osl - 1), ctx = isl + osl / 2.0;
            // prefill pool: whole steps of the token budget; capacity in prompts per ms over all prefill workers
            double perStep = budget / L;
            var preFull = pre.Context.Steps.Step(StepLoad.Prefill(perStep, isl), StepPhase.Prefill, false);
            var preOne = pre.Context.Steps.Step(StepLoad.Prefill(1, isl), StepPhase.Prefill, false);
            // the calibrated per-prompt-token cost (fitted on aggregated TTFTs, where it shows in TTFT only) is paid where the
            // prompt is processed; context-only servers run without the overlap scheduler, so on a prefill worker it adds to
            // every step instead of hiding behind GPU work, and bounds the pool's rate as well as the one-prompt prefill
            double perTokenUs = c.Calibration.ServingOverheadPerInputTokenUs;
            preFull.TimeMs += perStep * L * perTokenUs / 1e3;
            preOne.TimeMs += L * perTokenUs / 1e3;
            log.Note("prefill_per_token_us", perTokenUs, "calibration",
                $"Prefill workers pay the {F(perTokenUs)} µs per prompt token of input handling inside their steps (context-only servers do not overlap host work with GPU work): {F(L * perTokenUs / 1e3)} ms per prompt, counted in the prefill pool's capacity and in TTFT once.");
            double muP = pools.PrefillWorkers * perStep / preFull.TimeMs;
            // decode pool: the step time over the batch of a worker, up to its running capacity (concave on MoE models)
            var steps = c.Steps;
            var curve = new DecodeStepCurve(steps, cap, ctx);
            double tCap = curve.Last;
            double muD = o1 > 0 ? pools.DecodeWorkers * cap / (o1 * tCap) : double.MaxValue;
            double xMax = Math.Min(muP, muD);
            double kvMs = KvTransferMs(r, pre.Context, pools, c.Calibration, steps.Rates, log);
            // the serving path (HTTP ingestion, tokenisation, response stream) is paid once, at the disaggregation frontend (Dynamo's
            // frontend, SGLang's router, vLLM's proxy); it forwards the tokenised request to a prefill worker and then to a decode
            // worker over its internal request plane, whose hops are small next to the HTTP path. The engine's own calibrated value;
            // its per-prompt-token part is in the prefill steps above.
            double overhead = top.Mode == LoadMode.Offline ? 0 : steps.Rates.ServingOverheadMs;

            // decode TPOT at throughput x (requests per ms): b = x (o-1) TPOT / workers, TPOT = t(b)
            double Tpot(double x) => curve.Solve(x / pools.DecodeWorkers, o1);
            double Batch(double x) => Math.Min(cap, x * o1 * Tpot(x) / pools.DecodeWorkers);
            bool lag = DecodeOverlapLag(r.Framework);
            log.Note("decode_response_lag", lag ? 1 : 0, "engine", lag
                ? "Decode workers run TensorRT-LLM's overlap scheduler (on by default; only context servers disable it): a step's tokens are handed back after the next step is launched, so the first token leaves one decode iteration later."
                : "Decode workers answer a step as it ends (no overlap-scheduler lag assumed for this engine).");
            double Ttft(double x, double wait) => overhead + wait + preOne.TimeMs + DecodeAdmissionMs(Tpot(x), kvMs, lag);
            double ca2 = top.Mode == LoadMode.RequestRate ? serving.ArrivalCv2 : 1;
            // a prefill worker batches every prompt waiting into its next step (up to the token budget): bulk service. At
            // utilisation rho its steps grow to t = t1/(1-rho) (t1 = the one-prompt step); a prompt finds a step running with
            // probability rho, waits half of it and runs in a step of size t: wait rho t/2 + t - t1 beyond its one-prompt prefill.
            // Closed loop: never more than half of the other clients' prompts ahead.
            int clients = r.Concurrency ?? 0;
            double BulkWait(double x)
            {
                double rho = Math.Min(x / muP, 0.95), t = preOne.TimeMs / (1 - rho);
                return Math.Min(rho * t / 2 + t - preOne.TimeMs, 0.5 * Math.Max(0, clients - 1) / muP);
            }
            (double pw, double wq) PrefillWait(double x)
            {
                var open = OpenLoopQueueing.Wait(x / muP, ca2, 0, pools.PrefillWorkers, pools.PrefillWorkers / muP);
                if (top.Mode != LoadMode.Concurrency || clients < 1) return open;
                double bulk = BulkWait(x);
                return bulk > open.MeanWaitMs ? (Math.Max(open.PWait, Math.Min(1, x / muP)), bulk) : open;
            }

            double X;
            double extraWait = 0;
            if (top.Mode == LoadMode.Concurrency)
            {
                int conc = r.Concurrency!.Value;
                double Life(double x) => Ttft(x, Math.Min(PrefillWait(x).wq, 0.5 * (conc - 1) / muP)) + o1 * Tpot(x);
                double lo = 0, hi = xMax * 0.999;
                if (hi * Life(hi) <= conc) { X = hi; extraWait = conc / hi - Life(hi); } // more clients than the pools serve: they queue
                else
                {
                    for (int i = 0; i < 50; i++) { double mid = (lo + hi) / 2; if (mid * Life(mid) < conc) lo = mid; else hi = mid; }
                    X = (lo + hi) / 2;
                }
            }
            else if (top.Mode == LoadMode.RequestRate) X = Math.Min(serving.RequestRate / 1e3, xMax * 0.999);
            else X = xMax;

            var (pw, wq) = top.Mode == LoadMode.Offline ? (0.0, 0.0) : PrefillWait(X);
            if (top.Mode == LoadMode.Concurrency) wq = Math.Min(wq, 0.5 * (r.Concurrency!.Value - 1) / muP); // one client never waits behind another
            if (top.Mode != LoadMode.Offline)
                log.Note("prefill_queue_ms", wq, "model", $"Prefill pool at utilisation {X / muP:0.00}: a prompt waits {wq:0.0} ms (batched prefill steps grow with the queue; G/G/c over the prefill workers when longer).");
            e.TpotMs = e.TpotFirstMs = e.TpotLastMs = e.DecodeStepMs = Tpot(X);
            e.TtftMs = e.TtftMedianMs = Ttft(X, wq) + extraWait;
            if (top.Mode == LoadMode.Concurrency && r.NumRequests.HasValue && r.NumRequests.Value > 0)
            {
                // initial burst, as on a single node: the first N requests reach the prefill pool together and drain at its
                // capacity (request i waits i / muP); the burst is N of the run's requests, so it moves the mean, not the median
                double n = r.Concurrency!.Value, runs = Math.Max(n, r.NumRequests.Value);
                double burstMean = overhead + n / (2 * muP) + preOne.TimeMs + DecodeAdmissionMs(Tpot(X), kvMs, lag);
                e.TtftMs = (n * burstMean + (runs - n) * e.TtftMedianMs) / runs;
                log.Note("initial_burst", burstMean, "request", $"{r.NumRequests.Value} requests: the first {n:0} arrive together at the prefill pool; their mean TTFT {burstMean:0.#} ms is included in the mean.");
            }
            e.KvTransferMs = kvMs;
            e.RunningBatch = Batch(X);
            ServingCapacity.HoldRunningBatch(e, c, e.RunningBatch.Value);
            double uP = X / muP, uD = o1 > 0 ? X / muD : 0;
            e.LimitingPool = uP >= uD ? "Prefill" : "Decode";
            if (top.Mode == LoadMode.Offline) OfflineRunTime(e, top, X, isl, osl, preOne.TimeMs + kvMs, tCap, log);
            else
            {
                if (top.Mode == LoadMode.RequestRate) Percentiles(e, serving, top, X, xMax, pw, wq, o1, curve, pools.DecodeWorkers, Ttft(X, 0));
                e.EndToEndLatencyMs = e.TtftMs + o1 * e.TpotMs;
                e.RequestsPerSecond = X * 1e3;
            }
            e.OutputTokensPerSecond = e.RequestsPerSecond * osl;
            e.TotalTokensPerSecond = e.RequestsPerSecond * (isl + osl);
            e.TokensPerSecondPerUser = 1000.0 / Math.Max(1e-9, e.TpotMs);
            e.PrefillMs = preOne.TimeMs;
            e.PrefillBottleneck = preOne.Bottleneck;
            e.DecodeBottleneck = steps.Step(StepLoad.Decode(Math.Max(1, e.RunningBatch.Value), ctx), StepPhase.Decode, false).Bottleneck;
            log.Note("mode", null, "request",
                $"Disaggregated: {pools.PrefillWorkers} prefill worker(s) of TP {pools.PrefillTensorParallel} (capacity {muP * 1e3:0.##} prompts/s) and {pools.DecodeWorkers} decode worker(s) of TP {pools.DecodeTensorParallel} " +
                $"(capacity {muD * 1e3:0.##} requests/s at {cap:0} sequences each); served {X * 1e3:0.##} requests/s, utilisation prefill {uP:0.00} / decode {uD:0.00}: the {e.LimitingPool.ToLowerInvariant()} pool limits. " +
                "TTFT = serving path (per-request part; the per-prompt-token part runs in the prefill steps) + prefill queue (G/G/c over the prefill workers) + prefill + decode admission (half a step to the boundary, the iteration the KV transfer overlaps, the first decode iteration" + (lag ? ", one more for the overlap scheduler's response lag" : "") + "); TPOT = decode step at the decode workers' batch.");
            return Finish(r, dec, e, top);
        }

        private static DeploymentEstimate Finish(DeploymentRequest r, (DeploymentEstimate Estimate, LoadContext Context) dec, DeploymentEstimate e, RequestLoad top)
        {
            DeploymentEstimator.Finish(r, dec);
            e.LoadMode = top.Mode;
            e.NumRequests = top.Serving.Mode.HasValue ? top.NumRequests : r.NumRequests;
            e.RequestRate = top.Mode == LoadMode.RequestRate ? top.Serving.RequestRate : (double?)null;
            e.OutputTokensPerSecondPerDecodeGpu = e.OutputTokensPerSecond / Math.Max(1, e.DecodeGpus ?? 1);
            return e;
        }

        /// <summary>
        /// From the KV hand-off to the first streamed token on the decode worker. TensorRT-LLM's executor admits a generation-only
        /// request at an iteration boundary (half a step on average), posts the KV read in that iteration and checks its completion
        /// at the next boundary (the transfer overlaps the running iteration, so it counts only where it is longer), and the token
        /// is streamed after the iteration the request first runs in (TensorRT-LLM disaggregated-serving docs: requests move
        /// DISAGG_GENERATION_INIT -> TRANS_IN_PROGRESS -> TRANS_COMPLETE before they are scheduled).
        /// </summary>
        /// <param name="overlapLag">
        /// true where the decode worker runs an overlap scheduler (TensorRT-LLM's PyTorch backend by default; Dynamo's decode configs keep
        /// it, only the context servers disable it): the host handles a step's outputs after it has launched the next step, so the first
        /// token leaves one iteration after the one that produced it.
        /// </param>
        internal static double DecodeAdmissionMs(double stepMs, double kvMs, bool overlapLag = false)
            => stepMs / 2 + Math.Max(stepMs, kvMs) + stepMs + (overlapLag ? stepMs : 0);

        /// <summary>Decode workers whose engine answers a step one iteration late (overlap scheduler on by default): TensorRT-LLM's PyTorch backend.</summary>
        internal static bool DecodeOverlapLag(string? framework) => framework == "trtllm";

        /// <summary>
        /// The prompt's KV cache from prefill to decode GPUs: each GPU sends its shard in parallel over scale-up when both pools
        /// share the domain, else over scale-out, at the slower of the link and the engine's cache transceiver, after the
        /// transceiver's per-request preparation.
        /// </summary>
        private static double KvTransferMs(DeploymentRequest r, LoadContext prefill, DisaggregatedPools pools, EstimatorCalibration cal, ResolvedRates rates, AssumptionLog log)
        {
            var hw = r.Hardware;
            int total = pools.PrefillGpus + pools.DecodeGpus;
            bool scaleUp = hw.ScaleUpDomainSize >= total && hw.ScaleUpBandwidthGBs > 0;
            double gbs = scaleUp ? hw.ScaleUpBandwidthGBs / 2 : hw.ScaleOutBandwidthGBs ?? 0;
            if (gbs <= 0) gbs = 12.5;
            double link = gbs * cal.CommunicationEfficiency;
            double rate = rates.KvTransferGBsPerGpu is double engine && engine < link ? engine : link;
            double bytes = prefill.Memory.KvBytesPerSequencePerGpu(r.InputLength * (1 - prefill.Load.Serving.PrefixHitRate));
            double ms = rates.KvTransferSetupMs + (cal.CollectiveLatencyUs + bytes / (rate * 1e9) * 1e6) / 1e3;
            string path = scaleUp ? $"the scale-up fabric ({hw.ScaleUpLink ?? "scale-up"}, {total} GPUs within a domain of {hw.ScaleUpDomainSize})" : "scale-out";
            string how = rate < link
                ? $"through the engine's cache transceiver at {F(rate)} GB/s per sending GPU (block-by-block transfers; the link over {path} would allow {F(link)}) after {F(rates.KvTransferSetupMs)} ms of per-request preparation"
                : $"over {path} at {F(gbs)} GB/s per GPU per direction x {F(cal.CommunicationEfficiency)} efficiency";
            log.Note("kv_transfer_ms", ms, rate < link ? "calibration" : "hardware", $"KV cache of one prompt ({F(bytes / 1e6)} MB per prefill GPU) moves {how}: {ms:0.###} ms.");
            return ms;
        }

        private static void OfflineRunTime(DeploymentEstimate e, RequestLoad top, double x, int isl, int osl, double firstTokenMs, double decodeStepMs, AssumptionLog log)
        {
            int n = top.NumRequests ?? DeploymentDefaults.NumRequests;
            // steady rate of the slower pool, plus the first prompt's path (ramp) and the last batch's decode (drain)
            double totalMs = n / x + firstTokenMs + Math.Max(0, osl - 1) * decodeStepMs / 2;
            e.RequestsPerSecond = n / totalMs * 1e3;
            e.TtftMs = firstTokenMs + n / x / 2;
            e.EndToEndLatencyMs = e.TtftMs + Math.Max(0, osl - 1) * e.TpotMs;
            log.Note("offline_run_ms", totalMs, "model", $"Offline: {n} requests at {x * 1e3:0.##} requests/s plus ramp and drain: {totalMs / 1e3:0.##} s.");
        }

        private static void Percentiles(DeploymentEstimate e, ServingSettings s, RequestLoad top, double x, double xMax, double pw, double wq, double o1,
            DecodeStepCurve curve, int decodeWorkers, double ttftNoWait)
        {
            double rate = s.RequestRate / 1e3;
            int n = top.NumRequests ?? DeploymentDefaults.NumRequests;
            double backlog = rate >= xMax ? (1 / xMax - 1 / rate) * (n - 1) : 0;
            if (backlog > 0)
            {
                e.Saturated = true;
                e.FitReason = $"Saturated: {F(s.RequestRate)} requests/s offered, the deployment serves at most {xMax * 1e3:0.##} ({e.LimitingPool} pool full); the queue grows through the {n} requests of the run.";
            }
            e.TtftMs += backlog / 2;
            double m = x * o1 * e.TpotMs / decodeWorkers;
            double TpotAt(double k) => Math.Min(curve.At(k), e.TpotMs * 10);
            var ttft = OpenLoopQueueing.Levels.Select(l => ttftNoWait + OpenLoopQueueing.WaitQuantile(pw, wq, l) + backlog * l).ToArray();
            var tpot = OpenLoopQueueing.NormalZ.Select(z => Math.Max(e.TpotMs, TpotAt(OpenLoopQueueing.CountQuantile(m, s.ArrivalCv2, z)))).ToArray();
            tpot[0] = e.TpotMs;
            e.TtftP50Ms = ttft[0]; e.TtftP90Ms = ttft[1]; e.TtftP99Ms = ttft[2];
            e.TpotP50Ms = tpot[0]; e.TpotP90Ms = tpot[1]; e.TpotP99Ms = tpot[2];
            e.EndToEndLatencyP50Ms = ttft[0] + o1 * tpot[0]; e.EndToEndLatencyP90Ms = ttft[1] + o1 * tpot[1]; e.EndToEndLatencyP99Ms = ttft[2] + o1 * tpot[2];
        }
    }
}
