using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Management.Automation;

namespace ModelConfig.Commands
{
    /// <summary>-GpuHourPrice: one number for every hardware, or a hashtable of hardware id to USD per GPU-hour.</summary>
    internal sealed class GpuHourPriceArgument
    {
        public double? Default { get; private set; }
        public Dictionary<string, double> ById { get; } = new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase);

        /// <summary>The parsed argument; an unusable value stops the command with InvalidGpuHourPrice.</summary>
        public static GpuHourPriceArgument ParseOrStop(Cmdlet cmdlet, object? value)
        {
            var parsed = Parse(value, out var problem);
            if (parsed == null) cmdlet.ThrowTerminatingError(ErrorCatalog.InvalidGpuHourPrice(value, problem!));
            return parsed!;
        }

        /// <summary>Null when the value is neither a non-negative number nor a table of them; <paramref name="problem"/> says why.</summary>
        public static GpuHourPriceArgument? Parse(object? value, out string? problem)
        {
            problem = null;
            var parsed = new GpuHourPriceArgument();
            value = value is PSObject pso ? pso.BaseObject : value;
            if (value == null) return parsed;
            if (value is IDictionary table)
            {
                foreach (DictionaryEntry kv in table)
                {
                    var price = Number(kv.Value);
                    if (price == null) { problem = $"the price of '{Core.Serialization.TextPreview.Of(kv.Key?.ToString())}' is not a non-negative number"; return null; }
                    parsed.ById[kv.Key?.ToString() ?? ""] = price.Value;
                }
                return parsed;
            }
            parsed.Default = Number(value);
            if (parsed.Default == null) { problem = "it is neither a non-negative number nor a hashtable of hardware id = USD per GPU-hour"; return null; }
            return parsed;
        }

        private static double? Number(object? v)
        {
            v = v is PSObject p ? p.BaseObject : v;
            if (v == null || v is bool) return null;
            try
            {
                double d = Convert.ToDouble(v, CultureInfo.InvariantCulture);
                return double.IsNaN(d) || double.IsInfinity(d) || d < 0 ? (double?)null : d;
            }
            catch (Exception e) when (e is FormatException || e is InvalidCastException || e is OverflowException)
            {
                return null;
            }
        }
    }
}
