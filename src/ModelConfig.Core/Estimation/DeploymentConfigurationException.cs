using System;

namespace ModelConfig.Core.Estimation
{
    /// <summary>A deployment that cannot run at all (a constraint of the parallel layout or request is violated).</summary>
    public sealed class DeploymentConfigurationException : Exception
    {
        public string Constraint { get; }

        public DeploymentConfigurationException(string constraint, string message) : base(message)
        {
            Constraint = constraint;
        }
    }
}
