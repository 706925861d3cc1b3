using System;
using System.Globalization;
using ScottPlot;
using ScottPlot.TickGenerators;

namespace ModelConfig.Charts
{
    /// <summary>ScottPlot draws log axes by plotting log10 of the data and labelling ticks with the powers again.</summary>
    internal static class LogAxes
    {
        public static double[] Log10(double[] values)
        {
            var r = new double[values.Length];
            for (int i = 0; i < values.Length; i++) r[i] = Math.Log10(Math.Max(values[i], 1e-12));
            return r;
        }

        public static void Apply(IAxis axis)
        {
            axis.TickGenerator = new NumericAutomatic
            {
                MinorTickGenerator = new LogMinorTickGenerator(),
                IntegerTicksOnly = true,
                LabelFormatter = Label,
            };
        }

        private static string Label(double exponent)
        {
            double v = Math.Pow(10, exponent);
            return v >= 1e4 || v < 1e-2 ? v.ToString("0e0", CultureInfo.InvariantCulture) : v.ToString("0.##", CultureInfo.InvariantCulture);
        }
    }
}
