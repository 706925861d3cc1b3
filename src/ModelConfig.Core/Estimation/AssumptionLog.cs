using System;
using System.Collections.Generic;
using ModelConfig.Core.Models;
using System.Globalization;
using System.Runtime.CompilerServices;

namespace ModelConfig.Core.Estimation
{
    /// <summary>The assumptions of one estimate, in the order the parts made them (the order users read them in).</summary>
    internal sealed class AssumptionLog
    {
        public SummaryList<EstimateAssumption> Items { get; } = new SummaryList<EstimateAssumption>();

        /// <summary>A log that keeps nothing, shared by every estimate made without its assumptions (it never changes).</summary>
        public static AssumptionLog Discarded { get; } = new AssumptionLog(discard: true);

        public AssumptionLog()
        {
        }

        private AssumptionLog(bool discard)
        {
            _discard = discard;
            _shared = discard;
        }

        private readonly bool _shared;

        /// <summary>
        /// True for scratch logs whose notes nobody reads (the planner's per-candidate evaluation): notes are not kept and an
        /// interpolated text is neither evaluated nor formatted.
        /// </summary>
        public bool Discard
        {
            get => _discard;
            set
            {
                if (_shared) throw new InvalidOperationException("The shared discarding log cannot be switched to keep notes.");
                _discard = value;
            }
        }

        private bool _discard;

        public void Note(string name, double? value, string source, string text)
        {
            if (!Discard) Items.Add(new EstimateAssumption { Name = name, Value = value, Source = source, Text = text });
        }

        /// <summary>
        /// The overload every <c>$"..."</c> text binds to: the arguments are stored and the text formatted on first read of
        /// <see cref="EstimateAssumption.Text"/>, because most estimates (sweeps, the planner) never print their assumptions
        /// and formatting numbers was the larger part of an estimate's time.
        /// </summary>
        public void Note(string name, double? value, string source, [InterpolatedStringHandlerArgument("")] ref AssumptionText text)
        {
            if (!Discard) Items.Add(new EstimateAssumption(name, value, source, text.Deferred));
        }

        /// <summary>A number as assumption texts print it: at most three decimals, invariant culture.</summary>
        public static string F(double v) => v.ToString("0.###", CultureInfo.InvariantCulture);
    }

    /// <summary>Collects the literal parts and the arguments of an interpolated assumption text without formatting them.</summary>
    [InterpolatedStringHandler]
    internal ref struct AssumptionText
    {
        public AssumptionText(int literalLength, int formattedCount, AssumptionLog log, out bool shouldAppend)
        {
            shouldAppend = !log.Discard;
            Deferred = shouldAppend ? new DeferredText(formattedCount) : null!;
        }

        public DeferredText Deferred { get; }

        public void AppendLiteral(string s) => Deferred.Add(s, null, 0, literal: true);
        public void AppendFormatted<T>(T value) => Deferred.Add(value, null, 0, literal: false);
        public void AppendFormatted<T>(T value, string? format) => Deferred.Add(value, format, 0, literal: false);
        public void AppendFormatted<T>(T value, int alignment) => Deferred.Add(value, null, alignment, literal: false);
        public void AppendFormatted<T>(T value, int alignment, string? format) => Deferred.Add(value, format, alignment, literal: false);
    }

    /// <summary>
    /// An interpolated text kept as its parts. <see cref="Format"/> applies string.Format's rules (IFormattable with the
    /// current culture, else ToString; alignment pads with spaces), so the text is the one the eager <c>$"..."</c> built.
    /// Arguments are captured when the note is made (values boxed, strings by reference), so later changes cannot leak in.
    /// </summary>
    internal sealed class DeferredText
    {
        private struct Part
        {
            public object? Value;
            public string? Format;
            public int Alignment;
            public bool Literal;
        }

        private Part[] _parts;
        private int _count;

        public DeferredText(int formattedCount)
        {
            _parts = new Part[2 * formattedCount + 1];
        }

        public void Add(object? value, string? format, int alignment, bool literal)
        {
            if (_count == _parts.Length) System.Array.Resize(ref _parts, _parts.Length * 2);
            _parts[_count++] = new Part { Value = value, Format = format, Alignment = alignment, Literal = literal };
        }

        public string Format()
        {
            var sb = new System.Text.StringBuilder();
            for (int i = 0; i < _count; i++)
            {
                var p = _parts[i];
                if (p.Literal) { sb.Append((string?)p.Value); continue; }
                string s = p.Value is System.IFormattable f ? f.ToString(p.Format, null) : p.Value?.ToString() ?? "";
                int pad = System.Math.Abs(p.Alignment) - s.Length;
                if (pad > 0 && p.Alignment > 0) sb.Append(' ', pad);
                sb.Append(s);
                if (pad > 0 && p.Alignment < 0) sb.Append(' ', pad);
            }
            return sb.ToString();
        }
    }
}

namespace System.Runtime.CompilerServices
{
    // netstandard2.0 lacks the attributes the C# 10 compiler looks for by name; internal copies enable custom handlers.
    [AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, AllowMultiple = false, Inherited = false)]
    internal sealed class InterpolatedStringHandlerAttribute : Attribute
    {
    }

    [AttributeUsage(AttributeTargets.Parameter, AllowMultiple = false, Inherited = false)]
    internal sealed class InterpolatedStringHandlerArgumentAttribute : Attribute
    {
        public InterpolatedStringHandlerArgumentAttribute(string argument) => Arguments = new[] { argument };
        public InterpolatedStringHandlerArgumentAttribute(params string[] arguments) => Arguments = arguments;
        public string[] Arguments { get; }
    }
}
