using System.Globalization;

namespace ModelConfig.Core.Models
{
    public static class ParameterCount
    {
        /// <summary>Human form for display only (1.10B, 70.55B, 671.03B); objects keep the exact long.</summary>
        public static string Format(long count)
        {
            double v = count;
            if (v >= 1e12) return (v / 1e12).ToString("0.00", CultureInfo.InvariantCulture) + "T";
            if (v >= 1e9) return (v / 1e9).ToString("0.00", CultureInfo.InvariantCulture) + "B";
            if (v >= 1e6) return (v / 1e6).ToString("0.00", CultureInfo.InvariantCulture) + "M";
            if (v >= 1e3) return (v / 1e3).ToString("0.00", CultureInfo.InvariantCulture) + "K";
            return count.ToString(CultureInfo.InvariantCulture);
        }
    }
}
