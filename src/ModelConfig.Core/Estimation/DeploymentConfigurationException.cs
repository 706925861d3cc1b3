using System;
using System.Text;

namespace ModelConfig.Core.Estimation
{
    /// <summary>Which rule of a deployment request is broken; callers branch on this, never on the message.</summary>
    public enum DeploymentConstraint
    {
        Model,
        Hardware,
        InputLength,
        OutputLength,
        BatchOrConcurrency,
        BatchSize,
        Concurrency,
        PipelineParallel,
        ExpertParallel,
        TensorParallel,
        GpuCount,
        AttentionHeads,
        KvHeads,
        WeightPrecision,
        KvCachePrecision,
        /// <summary>Offline, request-rate, disaggregated, speculative or prefix-cache settings that contradict each other.</summary>
        ServingMode,
        /// <summary>A dense MLP, routed-expert or shared-expert width that the TP (or TP/EP) split does not divide.</summary>
        MlpWidth,
    }

    /// <summary>One broken rule of a deployment, found before anything is estimated.</summary>
    public sealed class ConfigurationViolation
    {
        public ConfigurationViolation(DeploymentConstraint code, string message)
        {
            Code = code;
            Message = message;
        }

        public DeploymentConstraint Code { get; }
        public string Message { get; }

        public DeploymentConfigurationException ToException() => new DeploymentConfigurationException(Code, Message);

        public void Throw() => throw ToException();

        public override string ToString() => DeploymentConfigurationException.SnakeCase(Code) + ": " + Message;
    }

    /// <summary>A deployment that cannot run at all (a constraint of the parallel layout or request is violated).</summary>
    public sealed class DeploymentConfigurationException : Exception
    {
        public DeploymentConfigurationException(DeploymentConstraint code, string message) : base(message)
        {
            Code = code;
        }

        public DeploymentConstraint Code { get; }

        /// <summary>The code as the data files and reports spell constraint names: attention_heads, gpu_count ...</summary>
        public string Constraint => SnakeCase(Code);

        internal static string SnakeCase(DeploymentConstraint code)
        {
            var name = code.ToString();
            var sb = new StringBuilder(name.Length + 4);
            for (int i = 0; i < name.Length; i++)
            {
                if (char.IsUpper(name[i]) && i > 0) sb.Append('_');
                sb.Append(char.ToLowerInvariant(name[i]));
            }
            return sb.ToString();
        }
    }
}
