using System;
using System.Collections.Generic;
using ModelConfig.Core.Estimation;

namespace ModelConfig.Server
{
    /// <summary>
    /// The one place the server calls the estimator: when the estimator's entry point changes, only this file follows.
    /// A deployment that cannot run becomes a 400 naming the request field at fault.
    /// </summary>
    public static class EstimatorAdapter
    {
        /// <summary>Layout constraints the estimator names after what is violated, as the request field a client changes.</summary>
        private static readonly IReadOnlyDictionary<string, string> RequestFields = new Dictionary<string, string>
        {
            ["attention_heads"] = "tensor_parallel", ["kv_heads"] = "tensor_parallel", ["gpu_count"] = "tensor_parallel",
            ["batch_or_concurrency"] = "concurrency", ["model"] = "model_id", ["hardware"] = "hardware_id",
        };

        /// <param name="fieldNames">The estimator's constraint names mapped to the caller's field names (e.g. input_length to input_seq).</param>
        public static DeploymentEstimate Estimate(DeploymentRequest request, IReadOnlyDictionary<string, string>? fieldNames = null)
        {
            try
            {
                return DeploymentEstimator.Estimate(request);
            }
            catch (DeploymentConfigurationException e)
            {
                var field = RequestFields.TryGetValue(e.Constraint, out var f) ? f : e.Constraint;
                if (fieldNames != null && fieldNames.TryGetValue(e.Constraint, out var renamed)) field = renamed;
                else if (fieldNames != null && fieldNames.TryGetValue(field, out renamed)) field = renamed;
                throw ProblemCatalog.InvalidDeployment(field, e.Message);
            }
            catch (ArgumentException e)
            {
                throw ProblemCatalog.InvalidDeployment(e.ParamName ?? "body", e.Message);
            }
        }
    }
}
