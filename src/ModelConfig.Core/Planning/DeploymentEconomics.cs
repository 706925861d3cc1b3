using System;
using System.Collections.Generic;
using ModelConfig.Core.Estimation;
using ModelConfig.Core.Hardware;

namespace ModelConfig.Core.Planning
{
    /// <summary>Cost and energy of an estimate, from a GPU-hour price and the chip's TDP.</summary>
    public sealed class DeploymentEconomics
    {
        /// <summary>Share of TDP a GPU draws while it waits (collectives, launches, host work): power = TDP x (idle + (1 - idle) x utilisation).</summary>
        public const double IdlePowerFraction = 0.3;

        public double? GpuHourPriceUsd { get; private set; }
        public double? ReplicaCostPerHourUsd { get; private set; }
        public double? CostPerMillionInputTokens { get; private set; }
        public double? CostPerMillionOutputTokens { get; private set; }
        /// <summary>The replica's whole bill per million output tokens, prompts included: what the CostPerMillionTokens objective ranks by.</summary>
        public double? CostPerMillionTokensAllIn { get; private set; }
        public double? GpuUtilisation { get; private set; }
        public double? JoulesPerOutputToken { get; private set; }

        /// <summary>The price of one GPU-hour of <paramref name="hw"/>: the given table by id, else the hardware file, else the default.</summary>
        public static double? PriceFor(HardwareConfig hw, IDictionary<string, double>? prices, double? defaultPrice)
        {
            if (prices != null)
            {
                foreach (var kv in prices)
                    if (string.Equals(kv.Key, hw.HardwareId, StringComparison.OrdinalIgnoreCase) || hw.Aliases.Exists(a => string.Equals(a, kv.Key, StringComparison.OrdinalIgnoreCase)))
                        return kv.Value;
            }
            return hw.PriceUsdPerGpuHour ?? defaultPrice;
        }

        /// <summary>
        /// Splits the replica's GPU-time between input and output tokens by phase: a request's prompt holds the replica for
        /// the step that carries it (PrefillMs), its output for the other (osl - 1) x TPOT, so input tokens carry the share
        /// PrefillMs / (PrefillMs + (osl - 1) x TPOT) of the bill and output tokens the rest. Energy is all charged to output
        /// tokens (prompts included), with utilisation the busy share of a decode step.
        /// </summary>
        public static DeploymentEconomics Of(DeploymentEstimate e, double? gpuHourPrice, double? tdpWatts, double? busyFraction)
        {
            var x = new DeploymentEconomics { GpuHourPriceUsd = gpuHourPrice, GpuUtilisation = busyFraction };
            if (gpuHourPrice is double price && e.OutputTokensPerSecond > 0)
            {
                double perSecond = price * e.NumGpus / 3600.0;
                double decodeMs = Math.Max(0, e.OutputLength - 1) * e.TpotMs;
                double inputShare = e.PrefillMs + decodeMs > 0 ? e.PrefillMs / (e.PrefillMs + decodeMs) : 0;
                double inputTokensPerSecond = e.RequestsPerSecond * e.InputLength;
                x.ReplicaCostPerHourUsd = price * e.NumGpus;
                x.CostPerMillionOutputTokens = perSecond * (1 - inputShare) / e.OutputTokensPerSecond * 1e6;
                x.CostPerMillionInputTokens = inputTokensPerSecond > 0 ? perSecond * inputShare / inputTokensPerSecond * 1e6 : 0;
                x.CostPerMillionTokensAllIn = perSecond / e.OutputTokensPerSecond * 1e6;
            }
            if (tdpWatts is double tdp && busyFraction is double u && e.OutputTokensPerSecond > 0)
                x.JoulesPerOutputToken = e.NumGpus * tdp * (IdlePowerFraction + (1 - IdlePowerFraction) * u) / e.OutputTokensPerSecond;
            return x;
        }

        /// <summary>Cost and energy of a Measure-Deployment estimate: the busy share comes from the request's own decode step.</summary>
        public static DeploymentEconomics For(DeploymentRequest r, DeploymentEstimate e, double? gpuHourPrice)
            => Of(e, gpuHourPrice, r.Hardware.TdpW, r.Hardware.TdpW != null ? StepUtilisation.Of(r, e) : (double?)null);

        internal void ApplyTo(PlannedDeployment p)
        {
            p.GpuHourPriceUsd = GpuHourPriceUsd;
            p.ReplicaCostPerHourUsd = ReplicaCostPerHourUsd;
            p.CostPerMillionInputTokens = CostPerMillionInputTokens;
            p.CostPerMillionOutputTokens = CostPerMillionOutputTokens;
            p.GpuUtilisation = GpuUtilisation;
            p.JoulesPerOutputToken = JoulesPerOutputToken;
        }
    }

    /// <summary>The busy share of one decode step for any estimate (static batch or closed loop), from the estimator's step model.</summary>
    internal static class StepUtilisation
    {
        public static double Of(DeploymentRequest r, DeploymentEstimate e)
        {
            var log = new AssumptionLog();
            var cal = r.Calibration ?? EstimatorCalibration.Default;
            var probe = new DeploymentRequest
            {
                Model = r.Model, Hardware = r.Hardware, Framework = r.Framework, Calibration = r.Calibration, WeightPrecision = e.WeightPrecision,
                KvCachePrecision = e.KvCachePrecision, ComputeEfficiency = r.ComputeEfficiency, MemoryEfficiency = r.MemoryEfficiency,
                CommunicationEfficiency = r.CommunicationEfficiency, StepOverheadMs = r.StepOverheadMs, LayerOverheadUs = r.LayerOverheadUs,
            };
            var precisions = StoragePrecisions.Resolve(probe, log);
            var rates = ResolvedRates.Resolve(probe, cal, e.LoadMode, precisions, log);
            var layout = ParallelLayout.Create(r.Hardware, e.TensorParallel, e.PipelineParallel, e.ExpertParallel, e.DataParallelAttention);
            return BusyShare(new StepModel(r.Model, layout, precisions, rates, cal), e.Concurrency ?? e.BatchSize ?? 1, e.MaxBatchSize, e.InputLength, e.OutputLength);
        }

        /// <summary>
        /// Share of a decode step at the running batch (the load, capped by what the KV cache holds) in which compute or
        /// memory pipes are busy; the rest is collectives and fixed overheads.
        /// </summary>
        public static double BusyShare(StepModel steps, int sequences, int maxBatchSize, int inputLength, int outputLength)
        {
            int running = maxBatchSize >= 1 && maxBatchSize < sequences ? maxBatchSize : sequences;
            var s = steps.Step(StepLoad.Decode(running, inputLength + outputLength / 2.0), StepPhase.Decode, false);
            return s.TimeMs > 0 ? (s.ComputeMs + s.MemoryMs) / s.TimeMs : 0;
        }
    }
}
