using System;

namespace ModelConfig.Core.Estimation
{
    /// <summary>
    /// The decode step time as a function of the running batch, sampled on a geometric grid (ratio √2) from 1 to the running
    /// capacity and interpolated linearly between the samples. A chord from batch 1 to full capacity is not enough: on MoE
    /// models the expert weights a step reads grow as E·(1−(1−k/E)^b) and saturate within a few dozen sequences, so the
    /// step time is concave in the batch and a chord under-predicts every batch in between (gpt-oss-120b on GB200 TP4: the
    /// chord gave 2.9 ms at batch 128 where the step, and the measurement, are 4.8 ms).
    /// </summary>
    internal sealed class DecodeStepCurve
    {
        private readonly double[] _b;
        private readonly double[] _t;

        public DecodeStepCurve(StepModel steps, double cap, double context)
        {
            cap = Math.Max(1, cap);
            int n = 2 + (int)Math.Ceiling(2 * Math.Log(cap) / Math.Log(2));
            _b = new double[n];
            _t = new double[n];
            int count = 0;
            for (double b = 1; ; b *= Math.Sqrt(2))
            {
                double x = Math.Min(b, cap);
                _b[count] = x;
                _t[count] = steps.Step(StepLoad.Decode(x, context), StepPhase.Decode, false).TimeMs;
                count++;
                if (x >= cap || count == n) break;
            }
            Count = count;
        }

        private int Count { get; }

        /// <summary>Step at batch 1 and at the running capacity.</summary>
        public double First => _t[0];
        public double Last => _t[Count - 1];
        public double Capacity => _b[Count - 1];

        /// <summary>Step time at batch <paramref name="batch"/> (clamped to [1, capacity]).</summary>
        public double At(double batch)
        {
            if (batch <= _b[0] || Count == 1) return _t[0];
            for (int i = 1; i < Count; i++)
                if (batch <= _b[i]) return _t[i - 1] + (_t[i] - _t[i - 1]) * (batch - _b[i - 1]) / (_b[i] - _b[i - 1]);
            return Last;
        }

        /// <summary>
        /// The self-consistent step when requests leave the decode pool at rate <paramref name="perMs"/> per worker, each running
        /// <paramref name="steps"/> steps: the batch is b = rate x steps x t(b) (Little's law), solved on the piecewise-linear
        /// curve segment by segment; t(1) below one sequence, t(capacity) when the pool is full.
        /// </summary>
        public double Solve(double perMs, double steps)
        {
            double k = perMs * steps;
            if (k <= 0 || _b[0] - k * _t[0] >= 0) return _t[0];
            for (int i = 1; i < Count; i++)
            {
                if (_b[i] - k * _t[i] < 0) continue;
                // on [b(i-1), b(i)]: t = t0 + s (b - b0) and b = k t
                double s = (_t[i] - _t[i - 1]) / (_b[i] - _b[i - 1]);
                double den = 1 - k * s;
                double b = den > 0 ? k * (_t[i - 1] - s * _b[i - 1]) / den : _b[i];
                return At(Math.Max(_b[i - 1], Math.Min(_b[i], b)));
            }
            return Last;
        }
    }
}
