using System.Collections.Generic;
using System.Globalization;

namespace ModelConfig.Core.Estimation
{
    /// <summary>The assumptions of one estimate, in the order the parts made them (the order users read them in).</summary>
    internal sealed class AssumptionLog
    {
        public List<EstimateAssumption> Items { get; } = new List<EstimateAssumption>();

        public void Note(string name, double? value, string source, string text)
            => Items.Add(new EstimateAssumption { Name = name, Value = value, Source = source, Text = text });

        /// <summary>A number as assumption texts print it: at most three decimals, invariant culture.</summary>
        public static string F(double v) => v.ToString("0.###", CultureInfo.InvariantCulture);
    }
}
