using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace ModelConfig.Core.Models
{
    /// <summary>
    /// A list whose <see cref="ToString"/> reads as its items. PowerShell's Export-Csv and ConvertTo-Csv write each
    /// property's ToString(), which for a plain List is its .NET type name; ConvertTo-Json still sees a list.
    /// </summary>
    public class SummaryList<T> : List<T>
    {
        public SummaryList() { }
        public SummaryList(IEnumerable<T> items) : base(items) { }

        public override string ToString() => Summaries.Join(this.Select(x => Summaries.Text(x)));
    }

    /// <summary>A dictionary whose <see cref="ToString"/> reads "key: value; ..." (see <see cref="SummaryList{T}"/>).</summary>
    public class SummaryDictionary<TKey, TValue> : Dictionary<TKey, TValue>
    {
        public SummaryDictionary() { }
        public SummaryDictionary(IEqualityComparer<TKey> comparer) : base(comparer) { }
        public SummaryDictionary(IDictionary<TKey, TValue> items, IEqualityComparer<TKey>? comparer = null) : base(items, comparer) { }

        public override string ToString() => Summaries.Join(this.Select(kv => Summaries.Text(kv.Key) + ": " + Summaries.Text(kv.Value)));
    }

    /// <summary>A sorted dictionary whose <see cref="ToString"/> reads "key: value; ..." (see <see cref="SummaryList{T}"/>).</summary>
    public class SummarySortedDictionary<TKey, TValue> : SortedDictionary<TKey, TValue>
    {
        public SummarySortedDictionary() { }
        public SummarySortedDictionary(IComparer<TKey> comparer) : base(comparer) { }

        public override string ToString() => Summaries.Join(this.Select(kv => Summaries.Text(kv.Key) + ": " + Summaries.Text(kv.Value)));
    }

    internal static class Summaries
    {
        /// <summary>Items a summary lists before it says how many more there are: a CSV cell stays readable.</summary>
        private const int MaxItems = 12;

        public static string Text(object? value) => value switch
        {
            null => "",
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString() ?? "",
        };

        /// <summary>Joins with "; ", runs of equal items as "item x80" (80 decoder layers of one block).</summary>
        public static string Join(IEnumerable<string> items)
        {
            var runs = new List<string>();
            string? current = null;
            int count = 0;
            foreach (var item in items)
            {
                if (count > 0 && string.Equals(item, current, StringComparison.Ordinal)) { count++; continue; }
                if (count > 0) runs.Add(Run(current!, count));
                current = item;
                count = 1;
            }
            if (count > 0) runs.Add(Run(current!, count));
            if (runs.Count <= MaxItems) return string.Join("; ", runs);
            return string.Join("; ", runs.Take(MaxItems)) + $"; ... ({runs.Count - MaxItems} more)";
        }

        private static string Run(string item, int count) => count == 1 ? item : item + " x" + count.ToString(CultureInfo.InvariantCulture);
    }
}
