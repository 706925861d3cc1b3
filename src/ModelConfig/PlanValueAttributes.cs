using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;

namespace ModelConfig.Commands
{
    /// <summary>
    /// Turns a plan-file cell (Import-Csv gives strings: "32", "1,2,4", "") into numbers and checks their range. An empty cell
    /// means "not given" (null), which ValidateRange would refuse, so the range check lives here for parameters bound by property name.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class PlanNumberAttribute : ArgumentTransformationAttribute
    {
        // Constructor arguments, not settable properties: PowerShell reads attributes by reflection, which compiles a setter
        // stub for a property set more than once, in a new session's first call of the cmdlet.
        public PlanNumberAttribute(double min, double max, bool integer = true, bool array = false)
        {
            Min = min;
            Max = max;
            Integer = integer;
            Array = array;
        }

        public double Min { get; }
        public double Max { get; }
        /// <summary>Whole numbers (int parameters); false for rates and fractions.</summary>
        public bool Integer { get; }
        /// <summary>
        /// The parameter is an array: return int[] even for one value. Returning the parameter's exact type matters: PowerShell binds
        /// the properties of one pipeline object that need no coercion first, and may leave others (ModelId) unbound after a coerced one.
        /// </summary>
        public bool Array { get; }

        public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
        {
            var values = new List<object>();
            foreach (var item in PlanCells.Items(inputData))
            {
                if (item is string s)
                {
                    foreach (var part in s.Split(new[] { ',', ';' }, StringSplitOptions.RemoveEmptyEntries))
                        if (part.Trim().Length > 0) values.Add(Parse(part.Trim()));
                }
                else values.Add(Check(LanguagePrimitives.ConvertTo<double>(item), item));
            }
            if (values.Count == 0) return null;
            if (Array) return Integer ? ToArray<int>(values) : (object)ToArray<double>(values);
            if (values.Count > 1) throw new ArgumentException("takes one value, not a list.");
            return values[0];
        }

        // a loop, not Cast<T>().ToArray(): LINQ over value types is compiled at run time in a new session's first call
        private static T[] ToArray<T>(List<object> values)
        {
            var array = new T[values.Count];
            for (int i = 0; i < array.Length; i++) array[i] = (T)values[i];
            return array;
        }

        private object Parse(string text)
        {
            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v))
                throw new ArgumentException($"'{Core.Serialization.TextPreview.Of(text)}' is not a number.");
            return Check(v, text);
        }

        private object Check(double v, object shown)
        {
            if (double.IsNaN(v) || v < Min || v > Max)
                throw new ArgumentException($"{Core.Serialization.TextPreview.Of(shown.ToString())} is outside the range {Min.ToString(CultureInfo.InvariantCulture)} to {Max.ToString(CultureInfo.InvariantCulture)}.");
            if (!Integer) return v;
            if (v != Math.Floor(v)) throw new ArgumentException($"{Core.Serialization.TextPreview.Of(shown.ToString())} is not a whole number.");
            return (int)v;
        }
    }

    /// <summary>An empty plan-file cell is "not given": null, so the cmdlet applies its default.</summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class PlanTextAttribute : ArgumentTransformationAttribute
    {
        /// <param name="array">The parameter is an array: return string[] even for one value (see <see cref="PlanNumberAttribute.Array"/>).</param>
        public PlanTextAttribute(bool array = false) { Array = array; }

        /// <summary>The parameter is an array: return string[] even for one value (see <see cref="PlanNumberAttribute.Array"/>).</summary>
        public bool Array { get; }

        public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
        {
            var values = new List<string>();
            foreach (var item in PlanCells.Items(inputData))
            {
                var s = item as string ?? (item is PSObject || item is ValueType ? item.ToString() : null);
                if (s == null) return inputData; // objects (hardware configs) bind as they are
                foreach (var part in s.Split(new[] { ',', ';' }, StringSplitOptions.RemoveEmptyEntries))
                    if (part.Trim().Length > 0) values.Add(part.Trim());
            }
            if (values.Count == 0) return null;
            if (Array) return values.ToArray();
            if (values.Count > 1) throw new ArgumentException("takes one value, not a list.");
            return values[0];
        }
    }

    /// <summary>A plan-file switch: true/false, yes/no, 1/0, empty (false). Without it PowerShell reads any non-empty string, "false" too, as $true.</summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class PlanSwitchAttribute : ArgumentTransformationAttribute
    {
        public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
        {
            var value = inputData is PSObject pso ? pso.BaseObject : inputData;
            if (!(value is string s)) return inputData;
            switch (s.Trim().ToLowerInvariant())
            {
                case "": case "false": case "no": case "0": case "off": return new SwitchParameter(false);
                case "true": case "yes": case "1": case "on": return new SwitchParameter(true);
                default: throw new ArgumentException($"'{Core.Serialization.TextPreview.Of(s)}' is not true or false.");
            }
        }
    }

    internal static class PlanCells
    {
        /// <summary>The elements of an argument (one value or an array), PSObject wrappers removed.</summary>
        public static IEnumerable<object> Items(object? inputData)
        {
            var value = inputData is PSObject pso ? pso.BaseObject : inputData;
            if (value == null) yield break;
            if (value is IEnumerable list && !(value is string))
            {
                foreach (var item in list)
                {
                    var v = item is PSObject p ? p.BaseObject : item;
                    if (v != null) yield return v;
                }
            }
            else yield return value;
        }
    }
}
