using System.Collections.Generic;
using System.Linq;

namespace ModelConfig.Core.Estimation
{
    /// <summary>
    /// The choices a caller may leave open and the rules that tie request fields together, in one place so every
    /// front end (cmdlet, accuracy tool, tests) applies the same ones.
    /// </summary>
    public static class DeploymentDefaults
    {
        /// <summary>Prompt tokens when the caller gives none: a typical chat turn with some context.</summary>
        public const int InputLength = 1024;
        /// <summary>Generated tokens when the caller gives none.</summary>
        public const int OutputLength = 256;
        /// <summary>Static batch size when neither BatchSize nor Concurrency is given.</summary>
        public const int BatchSize = 1;
        /// <summary>Requests of an offline or open-loop run when the caller gives none.</summary>
        public const int NumRequests = 1000;
        /// <summary>Running-batch limit per replica when the caller gives none: TensorRT-LLM's default max_batch_size (BuildConfig / LLM API).</summary>
        public const int MaxBatchSize = 2048;

        /// <summary>
        /// The serving engines the calibration has entries for; offered for completion. trtllm-engine is TensorRT-LLM's
        /// TensorRT-engine backend (C++ executor, eager kernel launches), trtllm its PyTorch backend.
        /// </summary>
        public static IReadOnlyList<string> Engines { get; } = new[] { "vllm", "trtllm", "sglang", "trtllm-engine" };

        /// <summary>A static batch and a closed loop are different experiments: a request names one, never both.</summary>
        public static ConfigurationViolation? LoadChoiceViolation(bool batchSizeGiven, bool concurrencyGiven)
            => batchSizeGiven && concurrencyGiven
                ? new ConfigurationViolation(DeploymentConstraint.BatchOrConcurrency, "Give BatchSize (static batch) or Concurrency (continuous batching), not both.")
                : null;

        /// <summary>
        /// The loads a sweep runs: each concurrency, else each batch size, else one request that leaves both open so the
        /// estimator applies <see cref="BatchSize"/> and states it in Assumptions.
        /// </summary>
        public static (int? BatchSize, int? Concurrency)[] Loads(IEnumerable<int>? batchSizes, IEnumerable<int>? concurrencies)
        {
            LoadChoiceViolation(batchSizes != null, concurrencies != null)?.Throw();
            // loops into an array, not LINQ: a query over nullable-int tuples is compiled at run time in a new session's first estimate
            var given = concurrencies ?? batchSizes;
            if (given == null) return new[] { ((int?)null, (int?)null) };
            int n = 0;
            foreach (var _ in given) n++;
            var loads = new (int? BatchSize, int? Concurrency)[n];
            n = 0;
            foreach (var x in given) loads[n++] = concurrencies != null ? ((int?)null, (int?)x) : ((int?)x, (int?)null);
            return loads;
        }

        /// <summary>States the request lengths the caller left to <see cref="InputLength"/> and <see cref="OutputLength"/>.</summary>
        public static void NoteDefaultLengths(DeploymentEstimate e, bool inputLengthGiven, bool outputLengthGiven)
        {
            if (!inputLengthGiven)
                e.AppendAssumption(new EstimateAssumption { Name = "input_length", Value = e.InputLength, Source = "default", Text = $"Input length {e.InputLength} tokens by default." });
            if (!outputLengthGiven)
                e.AppendAssumption(new EstimateAssumption { Name = "output_length", Value = e.OutputLength, Source = "default", Text = $"Output length {e.OutputLength} tokens by default." });
        }
    }
}
