using System;
using System.Collections.Generic;

namespace ModelConfig.Core.Estimation
{
    /// <summary>What one forward step processes (per replica).</summary>
    internal struct StepLoad
    {
        /// <summary>Sequences generating one token, each attending to DecodeContext tokens.</summary>
        public double DecodeSeqs;
        public double DecodeContext;
        /// <summary>Sequences (possibly fractional: chunked share per step) whose whole prompt of PrefillLength tokens is processed.</summary>
        public double PrefillSeqs;
        public double PrefillLength;

        public double Tokens => DecodeSeqs + PrefillSeqs * PrefillLength;
        public double Sequences => DecodeSeqs + PrefillSeqs;

        public StepLoad Scale(double f) => new StepLoad { DecodeSeqs = DecodeSeqs * f, DecodeContext = DecodeContext, PrefillSeqs = PrefillSeqs * f, PrefillLength = PrefillLength };

        public static StepLoad Decode(double seqs, double context) => new StepLoad { DecodeSeqs = seqs, DecodeContext = context };

        public static StepLoad Prefill(double seqs, double length) => new StepLoad { PrefillSeqs = seqs, PrefillLength = length };
    }

    /// <summary>Which phase a step belongs to: it sets how pipeline stages overlap and labels the roofline rows.</summary>
    internal enum StepPhase
    {
        Prefill,
        Decode,
    }

    /// <summary>The time of one forward step, split by what limits it, with the roofline rows when asked for (a value: steps are many, and short-lived).</summary>
    internal struct StepResult
    {
        public double TimeMs;
        public double ComputeMs;
        public double MemoryMs;
        public double CommMs;
        public double OverheadMs;
        public List<LayerEstimate>? Layers;
        public List<CommunicationEstimate>? Comms;

        public readonly string Bottleneck
        {
            get
            {
                double m = Math.Max(Math.Max(ComputeMs, MemoryMs), Math.Max(CommMs, OverheadMs));
                if (m == ComputeMs) return Bottlenecks.Compute;
                if (m == MemoryMs) return Bottlenecks.Memory;
                if (m == CommMs) return Bottlenecks.Communication;
                return Bottlenecks.Overhead;
            }
        }
    }
}
