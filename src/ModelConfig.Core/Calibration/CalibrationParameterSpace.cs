using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using ModelConfig.Core.Estimation;

namespace ModelConfig.Core.Calibration
{
    /// <summary>
    /// The named numeric parameters of an <see cref="EstimatorCalibration"/>, found by reflection so that renamed or new
    /// parameters need no change here: every double property is a parameter named by its JSON (camelCase) name, and every
    /// double property of an entry of a dictionary section is "section.key.name" (e.g. frameworks.vllm/concurrency.stepOverheadMs).
    /// </summary>
    public static class CalibrationParameterSpace
    {
        // bookkeeping of the bundled fit, not physics: changing them changes no estimate
        private static readonly HashSet<string> NotParameters = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
            { "fitMacroMedianApe", "holdoutMacroMedianApe", "extrapolationFactor" };

        private static IEnumerable<PropertyInfo> DoubleProperties(Type t) =>
            t.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => p.CanRead && p.CanWrite && (p.PropertyType == typeof(double) || p.PropertyType == typeof(double?)));

        private static IEnumerable<PropertyInfo> Sections() =>
            typeof(EstimatorCalibration).GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => p.PropertyType.IsGenericType && p.PropertyType.GetGenericTypeDefinition() == typeof(Dictionary<,>)
                            && p.PropertyType.GetGenericArguments()[0] == typeof(string));

        public static string JsonName(string propertyName) => char.ToLowerInvariant(propertyName[0]) + propertyName.Substring(1);

        /// <summary>Every parameter that has a value in <paramref name="cal"/>, with that value.</summary>
        public static IReadOnlyDictionary<string, double> Values(EstimatorCalibration cal)
        {
            var values = new SortedDictionary<string, double>(StringComparer.Ordinal);
            foreach (var p in DoubleProperties(typeof(EstimatorCalibration)))
                if (!NotParameters.Contains(JsonName(p.Name)) && p.GetValue(cal) is double v) values[JsonName(p.Name)] = v;
            foreach (var section in Sections())
            {
                if (!(section.GetValue(cal) is IDictionary dict)) continue;
                foreach (DictionaryEntry entry in dict)
                    foreach (var p in DoubleProperties(entry.Value!.GetType()))
                        if (p.GetValue(entry.Value) is double v) values[$"{JsonName(section.Name)}.{entry.Key}.{JsonName(p.Name)}"] = v;
            }
            return values;
        }

        public static double? Get(EstimatorCalibration cal, string name) => Values(cal).TryGetValue(name, out var v) ? v : (double?)null;

        /// <summary>A copy of <paramref name="baseCalibration"/> with the named parameters set (dictionary entries are created when missing).</summary>
        public static EstimatorCalibration Apply(EstimatorCalibration baseCalibration, IEnumerable<KeyValuePair<string, double>> parameters)
        {
            var cal = baseCalibration.Clone();
            foreach (var kv in parameters) Set(cal, kv.Key, kv.Value);
            return cal;
        }

        /// <summary>Sets one parameter; throws <see cref="ArgumentException"/> for a name this calibration does not have.</summary>
        public static void Set(EstimatorCalibration cal, string name, double value)
        {
            int first = name.IndexOf('.'), last = name.LastIndexOf('.');
            if (first < 0)
            {
                var p = DoubleProperties(typeof(EstimatorCalibration)).FirstOrDefault(x => JsonName(x.Name) == name && !NotParameters.Contains(name))
                    ?? throw new ArgumentException($"'{Serialization.TextPreview.Of(name)}' is not a parameter of the estimator calibration.", nameof(name));
                p.SetValue(cal, value);
                return;
            }
            string sectionName = name.Substring(0, first), key = name.Substring(first + 1, last - first - 1), field = name.Substring(last + 1);
            var section = Sections().FirstOrDefault(s => JsonName(s.Name) == sectionName)
                ?? throw new ArgumentException($"'{Serialization.TextPreview.Of(sectionName)}' in '{Serialization.TextPreview.Of(name)}' is not a section of the estimator calibration.", nameof(name));
            var dict = (IDictionary)section.GetValue(cal)!;
            var entryType = section.PropertyType.GetGenericArguments()[1];
            var entry = dict.Contains(key) ? dict[key] : null;
            if (entry == null) { entry = Activator.CreateInstance(entryType); dict[key] = entry; }
            var prop = DoubleProperties(entryType).FirstOrDefault(x => JsonName(x.Name) == field)
                ?? throw new ArgumentException($"'{Serialization.TextPreview.Of(field)}' in '{Serialization.TextPreview.Of(name)}' is not a parameter of a {sectionName} entry.", nameof(name));
            prop.SetValue(entry, value);
        }

        /// <summary>
        /// The parameters a fit on these engines may move, with their current (prior) values: every parameter of the
        /// calibration, plus an engine-specific entry for each engine/mode of the data that has none yet, its values
        /// those the engine falls back to today, so a fit on one engine never moves the overheads of the others.
        /// </summary>
        public static IReadOnlyDictionary<string, double> Candidates(EstimatorCalibration cal, IEnumerable<(string framework, string mode)> engines)
        {
            var top = Values(cal);
            var values = top.ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
            foreach (var (framework, mode) in engines.Distinct())
            {
                string key = framework + "/" + mode;
                if (cal.Frameworks.ContainsKey(key)) continue;
                var fallback = cal.Framework(framework, mode);
                foreach (var p in DoubleProperties(typeof(FrameworkCalibration)))
                {
                    string field = JsonName(p.Name);
                    double? prior = (fallback != null ? p.GetValue(fallback) as double? : null) ?? (top.TryGetValue(field, out var t) ? t : (double?)null);
                    if (prior.HasValue) values[$"frameworks.{key}.{field}"] = prior.Value;
                }
            }
            return values;
        }

        /// <summary>Fractions of a peak can not exceed 1: the names say which parameters are fractions.</summary>
        public static bool IsFraction(string name) => name.EndsWith("fficiency", StringComparison.Ordinal) || name.EndsWith("Factor", StringComparison.Ordinal);
    }
}
