using System;
using ModelConfig.Core.Models;

namespace ModelConfig.Core.Estimation
{
    /// <summary>What the replica is asked to serve: the load mode, its size and the request lengths, checked and defaulted.</summary>
    internal sealed class RequestLoad
    {
        private RequestLoad(LoadMode mode, int batch, int concurrency, int inputLength, int outputLength, int? numRequests)
        {
            Mode = mode;
            Batch = batch;
            Concurrency = concurrency;
            InputLength = inputLength;
            OutputLength = outputLength;
            NumRequests = numRequests;
        }

        public LoadMode Mode { get; }
        /// <summary>Sequences per step: the static batch, or the concurrency (all requests in flight).</summary>
        public int Batch { get; }
        /// <summary>Requests in flight in concurrency mode; 0 for a static batch.</summary>
        public int Concurrency { get; }
        public int InputLength { get; }
        public int OutputLength { get; }
        /// <summary>Concurrency mode: requests of the whole benchmark run, when known (adds the initial burst to TTFT).</summary>
        public int? NumRequests { get; }

        public long ContextLength => (long)InputLength + OutputLength;

        /// <summary>Engine limits, arrivals, speculative decoding and prefix caching (ServingSettings.cs); all off for the classic modes.</summary>
        public ServingSettings Serving { get; private set; } = ServingSettings.None;

        public static RequestLoad Resolve(DeploymentRequest r, AssumptionLog log)
        {
            if (r.InputLength < 1) throw new DeploymentConfigurationException(DeploymentConstraint.InputLength, "InputLength must be at least 1 token.");
            if (r.OutputLength < 1) throw new DeploymentConfigurationException(DeploymentConstraint.OutputLength, "OutputLength must be at least 1 token.");
            DeploymentDefaults.LoadChoiceViolation(r.BatchSize.HasValue, r.Concurrency.HasValue)?.Throw();
            RequestLoad load;
            var serving = ServingSettings.Resolve(r, log);
            if (serving.Mode.HasValue)
            {
                // offline / open loop: the running batch is found by the load model; memory is first checked for one sequence
                load = new RequestLoad(serving.Mode.Value, 1, 0, r.InputLength, r.OutputLength, serving.NumRequests);
            }
            else if (r.Concurrency.HasValue)
            {
                if (r.Concurrency.Value < 1) throw new DeploymentConfigurationException(DeploymentConstraint.Concurrency, "Concurrency must be at least 1.");
                load = new RequestLoad(LoadMode.Concurrency, r.Concurrency.Value, r.Concurrency.Value, r.InputLength, r.OutputLength, r.NumRequests);
            }
            else
            {
                int batch = r.BatchSize ?? DeploymentDefaults.BatchSize;
                if (batch < 1) throw new DeploymentConfigurationException(DeploymentConstraint.BatchSize, "BatchSize must be at least 1.");
                load = new RequestLoad(LoadMode.StaticBatch, batch, 0, r.InputLength, r.OutputLength, r.NumRequests);
                if (!r.BatchSize.HasValue) log.Note("batch_size", DeploymentDefaults.BatchSize, "default", "Batch size 1 (static batch) by default.");
            }
            NoteContextBeyondModel(r.Model, load.ContextLength, log);
            load.Serving = serving;
            return load;
        }

        /// <summary>
        /// This closed-loop load at another concurrency: what <see cref="Resolve"/> returns for the same request with only
        /// Concurrency changed (the serving settings do not depend on it), without resolving the request again.
        /// </summary>
        internal RequestLoad AtConcurrency(int concurrency)
        {
            if (Mode != LoadMode.Concurrency) throw new InvalidOperationException("AtConcurrency needs a concurrency load.");
            if (concurrency < 1) throw new DeploymentConfigurationException(DeploymentConstraint.Concurrency, "Concurrency must be at least 1.");
            return new RequestLoad(LoadMode.Concurrency, concurrency, concurrency, InputLength, OutputLength, NumRequests) { Serving = Serving };
        }

        private static void NoteContextBeyondModel(ModelConfiguration m, long ctxLen, AssumptionLog log)
        {
            if (m.MaxPositionEmbeddings.HasValue && m.MaxPositionEmbeddings.Value > 0 && ctxLen > m.MaxPositionEmbeddings.Value)
                log.Note("context_length", ctxLen, "request",
                    $"Input + output length {ctxLen} exceeds the model's max_position_embeddings {m.MaxPositionEmbeddings.Value}: engines run it (rotary positions extrapolate) but output quality is not guaranteed.");
        }
    }
}
