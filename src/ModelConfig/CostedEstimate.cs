using System.Management.Automation;
using ModelConfig.Core.Estimation;
using ModelConfig.Core.Planning;

namespace ModelConfig.Commands
{
    /// <summary>
    /// Measure-Deployment -GpuHourPrice: the estimate with the planner's cost and energy properties as note properties, so
    /// the output type (and its table view) stays DeploymentEstimate.
    /// </summary>
    internal static class CostedEstimate
    {
        public static PSObject With(DeploymentRequest request, DeploymentEstimate estimate, GpuHourPriceArgument prices)
        {
            double? price = DeploymentEconomics.PriceFor(request.Hardware, prices.ById, prices.Default);
            var x = DeploymentEconomics.For(request, estimate, price);
            var o = PSObject.AsPSObject(estimate);
            o.Properties.Add(new PSNoteProperty(nameof(x.GpuHourPriceUsd), x.GpuHourPriceUsd));
            o.Properties.Add(new PSNoteProperty(nameof(x.ReplicaCostPerHourUsd), x.ReplicaCostPerHourUsd));
            o.Properties.Add(new PSNoteProperty(nameof(x.CostPerMillionInputTokens), x.CostPerMillionInputTokens));
            o.Properties.Add(new PSNoteProperty(nameof(x.CostPerMillionOutputTokens), x.CostPerMillionOutputTokens));
            o.Properties.Add(new PSNoteProperty(nameof(x.GpuUtilisation), x.GpuUtilisation));
            o.Properties.Add(new PSNoteProperty(nameof(x.JoulesPerOutputToken), x.JoulesPerOutputToken));
            return o;
        }
    }
}
