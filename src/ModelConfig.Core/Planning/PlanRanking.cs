using System;
using System.Collections.Generic;
using System.Globalization;
using ModelConfig.Core.Estimation;

namespace ModelConfig.Core.Planning
{
    /// <summary>Turns the evaluated load points into ranked answers, the Pareto frontier, or the shortfall when nothing qualifies.</summary>
    internal sealed class PlanRanking
    {
        private readonly PlanningRequest _request;
        private readonly List<LayoutOutcome> _outcomes;

        public PlanRanking(PlanningRequest request, List<LayoutOutcome> outcomes)
        {
            _request = request;
            _outcomes = outcomes;
        }

        private struct Scored
        {
            public LayoutOutcome Outcome;
            public int PointIndex;
            /// <summary>Higher is better whatever the objective (costs, energy and latency are negated).</summary>
            public double Score;
            public double Value;
            public LoadPoint Point => Outcome.Points[PointIndex];
        }

        public void Rank(PlanResult result)
        {
            // One answer per layout x precision: its best load level. Lower levels of the same layout are the same machine
            // run less hard, and would crowd the list.
            var best = new List<Scored>();
            foreach (var o in _outcomes)
            {
                Scored? top = null;
                for (int i = 0; i < o.Points.Count; i++)
                {
                    if (!o.Points[i].Verdict.Meets) continue;
                    var s = Score(o, i);
                    if (top == null || Better(s, top.Value)) top = s;
                }
                if (top != null) best.Add(top.Value);
            }
            best.Sort((a, b) => Better(a, b) ? -1 : Better(b, a) ? 1 : 0);
            int n = Math.Min(_request.Top, best.Count);
            for (int r = 0; r < n; r++)
            {
                var p = Materialize(best[r], r + 1);
                p.Why = WhyRanked(best, r, best.Count);
                result.Ranked.Add(p);
            }
        }

        public void Frontier(PlanResult result)
        {
            var byHardware = new Dictionary<string, List<Scored>>(StringComparer.Ordinal);
            var order = new List<string>();
            foreach (var o in _outcomes)
            {
                string hw = o.Candidate.Hardware.HardwareId;
                if (!byHardware.TryGetValue(hw, out var list)) { byHardware[hw] = list = new List<Scored>(); order.Add(hw); }
                for (int i = 0; i < o.Points.Count; i++)
                    if (o.Points[i].Verdict.Meets) list.Add(new Scored { Outcome = o, PointIndex = i, Value = o.Points[i].OutputTokensPerSecondPerGpu });
            }
            foreach (var hw in order)
            {
                // Pareto sweep: by tokens/s per user descending, keep a point only if it beats every faster-per-user point per GPU.
                var list = byHardware[hw];
                list.Sort((a, b) => b.Point.TokensPerSecondPerUser != a.Point.TokensPerSecondPerUser
                    ? b.Point.TokensPerSecondPerUser.CompareTo(a.Point.TokensPerSecondPerUser)
                    : b.Point.OutputTokensPerSecondPerGpu.CompareTo(a.Point.OutputTokensPerSecondPerGpu));
                var front = new List<Scored>();
                double bestPerGpu = double.NegativeInfinity;
                foreach (var s in list)
                {
                    if (s.Point.OutputTokensPerSecondPerGpu <= bestPerGpu) continue;
                    bestPerGpu = s.Point.OutputTokensPerSecondPerGpu;
                    front.Add(s);
                }
                front.Reverse();
                for (int i = 0; i < front.Count; i++)
                {
                    var p = Materialize(front[i], i + 1);
                    p.IsFrontier = true;
                    p.ObjectiveValue = p.OutputTokensPerSecondPerGpu;
                    p.Why = $"Pareto point {i + 1} of {front.Count} on {hw}: no {hw} configuration{(_request.ServiceLevel.IsEmpty ? "" : " meeting the targets")} gives more than {p.OutputTokensPerSecondPerGpu:N0} output tok/s per GPU at {p.TokensPerSecondPerUser:N1} tok/s per user or more.";
                    result.Frontier.Add(p);
                }
            }
        }

        public PlanningShortfall Shortfall()
        {
            var s = new PlanningShortfall { ModelId = _request.Model.ModelId, Binding = SlaConstraint.Memory, NearestRatio = double.PositiveInfinity };
            Scored? nearest = null;
            foreach (var o in _outcomes)
            {
                for (int i = 0; i < o.Points.Count; i++)
                {
                    var p = o.Points[i];
                    if (!p.Fits) continue;
                    CountMisses(s, p);
                    if (p.Verdict.Ratio < s.NearestRatio)
                    {
                        s.NearestRatio = p.Verdict.Ratio;
                        s.Binding = p.Verdict.Constraint;
                        nearest = new Scored { Outcome = o, PointIndex = i };
                    }
                }
            }
            var sla = _request.ServiceLevel;
            if (nearest == null)
            {
                s.Target = sla.Describe(SlaConstraint.Memory);
                s.Message = $"No configuration of {_request.Model.ModelId} fits: no layout up to {_request.MaxGpus} GPUs of the hardware searched holds its weights, the framework reserve and one sequence of {_request.InputLength + _request.OutputLength} tokens. Raise -MaxGpus or try smaller -WeightPrecision.";
                return s;
            }
            s.Target = sla.Describe(s.Binding);
            s.Nearest = Materialize(nearest.Value, 0);
            var n = s.Nearest;
            s.Message = $"No configuration of {_request.Model.ModelId} meets {sla}. The binding constraint is {s.Target}: the nearest configuration, {Describe(nearest.Value)}, reaches {Achieved(nearest.Value.Point, s.Binding)} ({Percent(s.NearestRatio - 1)} past the target){SaturatedNote(s)}.";
            n.Why = s.Message;
            return s;
        }

        /// <summary>Counts each missing point under its worst constraint, so the counts add up to the points that miss.</summary>
        private static void CountMisses(PlanningShortfall s, LoadPoint p)
        {
            var c = p.Verdict.Constraint;
            if (!p.Verdict.Meets) s.MissesByConstraint[c] = (s.MissesByConstraint.TryGetValue(c, out var k) ? k : 0) + 1;
        }

        private Scored Score(LayoutOutcome o, int i)
        {
            var p = o.Points[i];
            double value;
            switch (_request.Objective)
            {
                case PlanningObjective.CostPerMillionTokens:
                    double price = DeploymentEconomics.PriceFor(o.Candidate.Hardware, _request.GpuHourPrices, _request.DefaultGpuHourPrice) ?? double.NaN;
                    value = price * o.Candidate.NumGpus / 3600.0 / p.OutputTokensPerSecond * 1e6;
                    break;
                case PlanningObjective.EnergyPerToken:
                    double u = o.Candidate.BusyFraction(p);
                    value = o.Candidate.NumGpus * (o.Candidate.Hardware.TdpW ?? double.NaN) * (DeploymentEconomics.IdlePowerFraction + (1 - DeploymentEconomics.IdlePowerFraction) * u) / p.OutputTokensPerSecond;
                    break;
                case PlanningObjective.Latency:
                    value = p.EndToEndMs;
                    break;
                default:
                    value = p.OutputTokensPerSecondPerGpu;
                    break;
            }
            bool higherIsBetter = _request.Objective == PlanningObjective.ThroughputPerGpu;
            return new Scored { Outcome = o, PointIndex = i, Value = value, Score = higherIsBetter ? value : -value };
        }

        /// <summary>Objective first; then more tokens/s per GPU, then fewer GPUs, so ties resolve the same way every run.</summary>
        private static bool Better(Scored a, Scored b)
        {
            if (a.Score != b.Score) return a.Score > b.Score;
            if (a.Point.OutputTokensPerSecondPerGpu != b.Point.OutputTokensPerSecondPerGpu) return a.Point.OutputTokensPerSecondPerGpu > b.Point.OutputTokensPerSecondPerGpu;
            return a.Outcome.Candidate.NumGpus < b.Outcome.Candidate.NumGpus;
        }

        private PlannedDeployment Materialize(Scored s, int rank)
        {
            var ev = s.Outcome.Candidate;
            var request = ev.RequestAt(s.Point.Level);
            var estimate = DeploymentEstimator.Estimate(request);
            var p = PlannedDeployment.From(estimate);
            p.Rank = rank;
            p.ObjectiveKind = _request.Objective;
            p.ObjectiveValue = s.Value;
            p.CandidateSource = s.Outcome.Source;
            // Aggregated layouts keep the estimate's own name, so Find-Deployment and Measure-Deployment print the same text.
            if (request.Disaggregation != null) p.Layout = ev.Layout;
            p.Disaggregation = request.Disaggregation;
            p.ServiceLevel = _request.ServiceLevel.ToString();
            p.MeetsServiceLevel = s.Point.Verdict.Meets;
            double? price = DeploymentEconomics.PriceFor(ev.Hardware, _request.GpuHourPrices, _request.DefaultGpuHourPrice);
            DeploymentEconomics.Of(estimate, price, ev.Hardware.TdpW, ev.Hardware.TdpW != null ? ev.BusyFraction(s.Point) : (double?)null).ApplyTo(p);
            // open loop: RequestsPerSecond is the offered rate per replica the percentiles were judged at (never saturated), so
            // the fleet is sized on the request-rate model; closed loop: the rate a replica sustains at that concurrency
            if (_request.TotalRequestRate is double rate && rate > 0 && p.RequestsPerSecond > 0)
            {
                int replicas = (int)Math.Ceiling(rate / p.RequestsPerSecond);
                p.TotalRequestRate = rate;
                p.FleetReplicas = replicas;
                p.FleetGpus = replicas * p.NumGpus;
                p.FleetHeadroom = 1 - rate / (replicas * p.RequestsPerSecond);
            }
            return p;
        }

        private string WhyRanked(List<Scored> best, int r, int qualifying)
        {
            var s = best[r];
            string value = FormatValue(s.Value);
            string qualifier = _request.ServiceLevel.IsEmpty ? "configurations" : "configurations meeting " + _request.ServiceLevel;
            string versus = r == 0
                ? (best.Count > 1 ? $"; {Gap(best[0], best[1])} ahead of #2 ({Describe(best[1])})" : "; the only one")
                : $"; {Gap(best[0], s)} behind #1 ({Describe(best[0])})";
            return $"#{r + 1} of {qualifying} {qualifier}: {value} at {s.Point.Describe()}{LoadLimit(s)}{versus}.";
        }

        /// <summary>Why this load level and not the next: the target the next level missed, or the end of the levels searched.</summary>
        private string LoadLimit(Scored s)
        {
            var o = s.Outcome;
            if (s.PointIndex + 1 < o.Points.Count)
            {
                var next = o.Points[s.PointIndex + 1];
                if (next.Verdict.Constraint == SlaConstraint.Saturated) return $" ({next.Describe()} saturates)";
                if (!next.Verdict.Meets) return $" ({next.Describe()} misses {_request.ServiceLevel.Describe(next.Verdict.Constraint)})";
                return ""; // a higher level met the targets but ranks lower (e.g. a latency objective)
            }
            return o.StoppedBy == SlaConstraint.None && _request.Objective == PlanningObjective.ThroughputPerGpu ? " (the highest level searched)" : "";
        }

        private static string Gap(Scored better, Scored worse)
        {
            double a = Math.Abs(better.Value), b = Math.Abs(worse.Value);
            double gap = Math.Max(a, b) > 0 ? Math.Abs(a - b) / Math.Max(a, b) : 0;
            return Percent(gap);
        }

        private static string Percent(double fraction) => (fraction * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%";

        private static string Describe(Scored s)
            => $"{s.Outcome.Candidate.Hardware.HardwareId} {s.Outcome.Candidate.Layout} {s.Outcome.Candidate.Precision} at {s.Point.Describe()}";

        private string FormatValue(double v)
        {
            switch (_request.Objective)
            {
                case PlanningObjective.CostPerMillionTokens: return "$" + v.ToString("0.####", CultureInfo.InvariantCulture) + " per million output tokens";
                case PlanningObjective.EnergyPerToken: return v.ToString("0.####", CultureInfo.InvariantCulture) + " J per output token";
                case PlanningObjective.Latency: return v.ToString("N0", CultureInfo.InvariantCulture) + " ms end to end";
                default: return v.ToString("N0", CultureInfo.InvariantCulture) + " output tok/s per GPU";
            }
        }

        /// <summary>The judged figure (the mean, or the percentile asked for) of the binding constraint.</summary>
        private string Achieved(LoadPoint p, SlaConstraint c)
        {
            string at = _request.ServiceLevel.Percentile is int q ? "p" + q + " " : "";
            switch (c)
            {
                case SlaConstraint.Ttft: return at + "TTFT " + p.TtftMs.ToString("N0", CultureInfo.InvariantCulture) + " ms";
                case SlaConstraint.Tpot: return at + "TPOT " + p.TpotMs.ToString("0.0", CultureInfo.InvariantCulture) + " ms";
                case SlaConstraint.TokensPerSecondPerUser: return p.TokensPerSecondPerUser.ToString("0.0", CultureInfo.InvariantCulture) + " tokens/s per user";
                case SlaConstraint.Saturated: return "saturation (it serves " + p.RequestsPerSecond.ToString("0.##", CultureInfo.InvariantCulture) + " requests/s)";
                default: return "no fit";
            }
        }

        /// <summary>Saturated open-loop points are never answers; the shortfall says how many there were.</summary>
        private static string SaturatedNote(PlanningShortfall s)
            => s.MissesByConstraint.TryGetValue(SlaConstraint.Saturated, out int n) && n > 0
                ? $"; {n:N0} load point(s) were skipped as saturated (offered rate above what the configuration serves)"
                : "";
    }
}
