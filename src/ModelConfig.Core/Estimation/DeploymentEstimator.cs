using System;
using System.Collections.Generic;
using ModelConfig.Core.Models;

namespace ModelConfig.Core.Estimation
{
    /// <summary>
    /// Analytical per-layer estimate of memory, latency and throughput of serving a model, with calibrated
    /// efficiencies. See <see cref="Estimate"/> and README.md beside this file for every formula.
    /// </summary>
    public static class DeploymentEstimator
    {
        /// <summary>
        /// Estimates a deployment. Throws <see cref="DeploymentConfigurationException"/> when the configuration
        /// cannot run (indivisible heads or experts, more GPUs than the node holds ...); running out of memory is
        /// reported as Fits = false with a FitReason.
        /// </summary>
        public static DeploymentEstimate Estimate(DeploymentRequest r) => Estimate(r, r?.CalibrationOverlay != null);

        /// <summary>
        /// <paramref name="record"/>: state the assumptions now. Otherwise notes are dropped as they are made and the estimate
        /// states them on first read of Assumptions by running a copy of the request again with them kept. A calibration
        /// overlay annotates the estimate's own list, so its estimates record.
        /// </summary>
        internal static DeploymentEstimate Estimate(DeploymentRequest r, bool record)
        {
            if (r == null) throw new ArgumentNullException(nameof(r));
            if (r.Model == null) throw new DeploymentConfigurationException(DeploymentConstraint.Model, "DeploymentRequest.Model is required.");
            if (r.Hardware == null) throw new DeploymentConfigurationException(DeploymentConstraint.Hardware, "DeploymentRequest.Hardware is required.");
            HardwareCheck.Check(r.Hardware)?.Throw();
            var m = r.Model;
            if (m.DecoderLayerBlocks.Count == 0 || m.Blocks.Count == 0)
                throw new DeploymentConfigurationException(DeploymentConstraint.Model, $"Model '{m.ModelId}' has no decoder layer specs.");
            // serving-modes hook: prefill and decode on separate workers (Serving/DisaggregatedEstimator.cs)
            DeploymentEstimate e;
            if (r.Disaggregation != null) e = DisaggregatedEstimator.Estimate(r, record);
            else
            {
                var replica = Prepare(r, record ? new AssumptionLog() : AssumptionLog.Discarded);
                LoadModels.For(replica.Context.Load.Mode).Predict(replica.Estimate, replica.Context);
                e = Finish(r, replica);
            }
            EstimateWarnings.Add(r, e);
            if (!record) e.DeferAssumptions(r.Snapshot());
            return e;
        }

        /// <summary>The assumptions of an estimate made without them: the same request again, notes kept.</summary>
        internal static List<EstimateAssumption> ReplayAssumptions(DeploymentRequest snapshot, long figures)
        {
            DeploymentEstimate again;
            try { again = Estimate(snapshot, record: true); }
            catch (DeploymentConfigurationException ex)
            {
                return new List<EstimateAssumption> { ChangedSince("Its assumptions cannot be stated again: " + ex.Message) };
            }
            var list = again.Assumptions;
            if (again.Figures() != figures) list.Insert(0, ChangedSince("These assumptions are those of the changed objects, not of the figures shown."));
            return list;
        }

        private static EstimateAssumption ChangedSince(string what) => new EstimateAssumption
        {
            Name = "inputs_changed", Source = "model",
            Text = "The model, hardware or calibration object was changed after this estimate was made. " + what,
        };

        /// <summary>One replica ready for a load model: its layout, memory, step model and the estimate with memory and fit filled in.</summary>
        internal static (DeploymentEstimate Estimate, LoadContext Context) Prepare(DeploymentRequest r, AssumptionLog log)
        {
            var m = r.Model;
            var hw = r.Hardware;
            var cal = r.Calibration ?? EstimatorCalibration.Default;
            if (r.CalibrationOverlay != null) cal = r.CalibrationOverlay.Apply(cal); // calibration-profile hook (issue 11)
            var load = RequestLoad.Resolve(r, log);
            var precisions = StoragePrecisions.Resolve(r, log);
            ParallelLayout.CheckDegrees(m, r.PipelineParallel, r.ExpertParallel)?.Throw();
            var rates = ResolvedRates.Resolve(r, cal, load.Mode, precisions, log);
            int tp = ResolveTensorParallel(r, load, precisions, cal, log);
            var layout = ParallelLayout.Create(hw, tp, r.PipelineParallel, r.ExpertParallel, r.DataParallelAttention);
            layout.NoteLink(hw, log, r.DataParallelAttention && r.ExpertParallel > 1 && m.IsMoe);

            var memory = new MemoryModel(m, hw, layout, precisions, load, cal, r.ReservedMemoryGB);
            var steps = new StepModel(m, layout, precisions, rates, cal);
            // serving-modes hook: speculative decoding / prefix caching change the steps and add draft weights
            var adjustment = ServingStepAdjustment.Attach(r, load.Serving, steps, layout, precisions, rates, cal, load, log);
            var budget = ServingCapacity.WithDraftWeights(memory.Budget(), adjustment, hw);
            var e = DescribeMemory(r, load, precisions, layout, memory, budget, cal, log);
            return (e, new LoadContext(load, steps, memory, budget, cal, log, r.IncludeLayers));
        }

        /// <summary>Per-GPU figures and the error band once the load model has filled in time and throughput.</summary>
        internal static DeploymentEstimate Finish(DeploymentRequest r, (DeploymentEstimate Estimate, LoadContext Context) replica)
        {
            var e = replica.Estimate;
            var c = replica.Context;
            e.OutputTokensPerSecondPerGpu = e.OutputTokensPerSecond / e.NumGpus;
            e.TotalTokensPerSecondPerGpu = e.TotalTokensPerSecond / e.NumGpus;
            ServingCapacity.Describe(e, c.Load.Serving);
            e.ErrorBand = ErrorBands.For(c.Calibration, r.Hardware, r.Framework, c.Load.Mode, c.Log, r.Model.HfModelId ?? r.Model.ModelId);
            r.CalibrationOverlay?.Annotate(r, e); // calibration-profile hook (issue 11)
            return e;
        }

        private static int ResolveTensorParallel(DeploymentRequest r, RequestLoad load, StoragePrecisions precisions, EstimatorCalibration cal, AssumptionLog log)
        {
            if (r.TensorParallel.HasValue)
            {
                int tp = r.TensorParallel.Value;
                if (tp < 1) throw new DeploymentConfigurationException(DeploymentConstraint.TensorParallel, "TensorParallel must be at least 1.");
                ParallelLayout.Check(r.Model, r.Hardware, tp, r.PipelineParallel, r.ExpertParallel, r.DataParallelAttention)?.Throw();
                return tp;
            }
            var choice = TensorParallelSearch.Choose(r, load, precisions, cal);
            log.Note("tensor_parallel", choice.TensorParallel, "default", choice.Reason);
            return choice.TensorParallel;
        }

        /// <summary>The identity, memory and fit part of the estimate; the load model fills in time and throughput.</summary>
        private static DeploymentEstimate DescribeMemory(DeploymentRequest r, RequestLoad load, StoragePrecisions precisions, ParallelLayout layout,
            MemoryModel memory, MemoryBudget mem, EstimatorCalibration cal, AssumptionLog log)
        {
            var hw = r.Hardware;
            int isl = load.InputLength, osl = load.OutputLength;
            var e = new DeploymentEstimate
            {
                ModelId = r.Model.ModelId, HardwareId = hw.HardwareId, Framework = r.Framework, NumGpus = layout.NumGpus, TensorParallel = layout.TensorParallel,
                PipelineParallel = layout.PipelineParallel, ExpertParallel = layout.ExpertParallel, DataParallelAttention = layout.DataParallelAttention,
                WeightPrecision = precisions.WeightDtype, KvCachePrecision = precisions.KvDtype,
                LoadMode = load.Mode, BatchSize = load.Mode == LoadMode.StaticBatch ? load.Batch : (int?)null, Concurrency = load.Mode == LoadMode.Concurrency ? load.Concurrency : (int?)null,
                InputLength = isl, OutputLength = osl,
                WeightsGB = mem.Weights / 1e9, KvCacheGB = mem.KvCache / 1e9, ActivationsGB = mem.Activations / 1e9, ReservedGB = mem.Reserved / 1e9,
                MemoryCapacityGB = hw.MemoryBytes / 1e9,
            };
            if (!log.Discard) e.Assumptions = log.Items;
            e.MemoryPerGpuGB = (mem.Weights + mem.KvCache + mem.Activations + mem.Reserved) / 1e9;
            e.Fits = mem.Fits;
            double free = mem.FreeForKvCache;
            e.MaxBatchSize = memory.MaxBatchSize(free, memory.KvBytesPerSequencePerGpu(ServingCapacity.KvTokensPerSequence(load)));
            e.MaxContextLength = memory.MaxContextLength(free);
            if (!e.Fits)
            {
                e.FitReason = free <= 0
                    ? $"Weights {e.WeightsGB:0.0} GB + activations {e.ActivationsGB:0.0} GB + reserved {e.ReservedGB:0.0} GB per GPU exceed the {hw.MemoryBytes / 1e9:0.0} GB ({hw.MemoryGB:0.#} GiB) of {hw.HardwareId} at TP {layout.TensorParallel} x PP {layout.PipelineParallel}."
                    : $"KV cache {e.KvCacheGB:0.0} GB for {load.Batch} sequences of {isl + osl} tokens does not fit in the {free / 1e9:0.0} GB left per GPU; max batch {e.MaxBatchSize}, max context {e.MaxContextLength} at this batch.";
            }
            log.Note("reserved_memory_gb", mem.Reserved / 1e9, r.ReservedMemoryGB.HasValue ? "request" : "calibration",
                $"Reserved per GPU (framework, CUDA context): {mem.Reserved / 1e9:0.0} GB ({(r.ReservedMemoryGB.HasValue ? "request" : $"max({AssumptionLog.F(cal.ReservedMinGB)} GB, {AssumptionLog.F(cal.ReservedFraction * 100)}% of capacity)")}).");
            log.Note("activations", mem.Activations / 1e9, "default", $"Activations sized for min(batch x input, {cal.MaxTokensPerStep}) tokens per forward pass plus fp32 logits.");
            return e;
        }

        /// <summary>Expected number of distinct experts B·k routed choices touch among E experts (uniform routing).</summary>
        public static double ExpectedDistinctExperts(int numExperts, int topK, double tokens)
        {
            if (numExperts <= 0 || tokens <= 0) return 0;
            double p = Math.Min(1.0, (double)topK / numExperts);
            return numExperts * (1 - Math.Pow(1 - p, tokens));
        }

        /// <summary>Ring all-reduce time, µs: latency + 2(n−1)/n · bytes / per-direction bandwidth.</summary>
        public static double AllReduceTimeUs(double bytes, int participants, double perDirectionGBs, double latencyUs)
        {
            if (participants <= 1) return 0;
            return latencyUs + 2.0 * (participants - 1) / participants * bytes / (perDirectionGBs * 1e9) * 1e6;
        }
    }
}
