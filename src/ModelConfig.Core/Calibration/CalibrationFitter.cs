using System;
using System.Collections.Generic;
using ModelConfig.Core.Models;
using System.Globalization;
using System.Linq;
using ModelConfig.Core.Estimation;

namespace ModelConfig.Core.Calibration
{
    /// <summary>How strongly the fit trusts the bundled calibration, and when a parameter counts as identified.</summary>
    public sealed class CalibrationFitOptions
    {
        /// <summary>Prior: the bundled value is right within this factor (one standard deviation of log value).</summary>
        public double PriorSpreadFactor { get; set; } = 1.5;
        /// <summary>Expected relative scatter of one measured metric (run-to-run noise plus model error).</summary>
        public double MeasurementScatter { get; set; } = 0.10;
        /// <summary>A parameter must move the predictions by at least this much per unit log change (RMS) to be fitted.</summary>
        public double MinSensitivity { get; set; } = 0.02;
        /// <summary>Share of a parameter's effect that must be unlike the effects of the parameters fitted before it.</summary>
        public double MinDistinctShare { get; set; } = 0.25;
        public int MaxIterations { get; set; } = 20;
        public bool LeaveOneOut { get; set; } = true;
    }

    /// <summary>
    /// Fits a <see cref="CalibrationProfile"/> to measurements: maximum a-posteriori in log parameter space (Levenberg-Marquardt)
    /// of the class-balanced squared log errors plus a log-prior pull to the bundled values. Only identifiable parameters move:
    /// one whose effect on the predictions is negligible, or (nearly) a multiple of the effect of a more influential one, keeps
    /// its bundled value and is reported with the reason.
    /// </summary>
    public sealed class CalibrationFitter
    {
        private readonly EstimatorCalibration _base;
        private readonly CalibrationFitOptions _options;
        private readonly FitCases _data;
        private readonly IReadOnlyDictionary<string, double> _candidates;
        /// <summary>Engine entries the data's engines do not have yet: always written with their fallback values, so creating them changes nothing unfitted.</summary>
        private readonly Dictionary<string, double> _newEntryValues;

        public CalibrationFitter(IEnumerable<ServingMeasurement> measurements, MeasurementCatalog catalog, EstimatorCalibration? baseCalibration = null, CalibrationFitOptions? options = null)
        {
            _base = baseCalibration ?? EstimatorCalibration.Default;
            _options = options ?? new CalibrationFitOptions();
            _data = new FitCases(measurements, catalog, _base);
            var engines = _data.Cases.Where(c => c.Measurement.Framework != null).Select(c => (c.Measurement.Framework!, c.Measurement.Mode));
            _candidates = CalibrationParameterSpace.Candidates(_base, engines);
            var existing = CalibrationParameterSpace.Values(_base);
            _newEntryValues = _candidates.Where(kv => !existing.ContainsKey(kv.Key)).ToDictionary(kv => kv.Key, kv => kv.Value);
        }

        public IReadOnlyList<string> Skipped => _data.Skipped;

        public CalibrationProfile Fit(string name)
        {
            if (_data.Cases.Count == 0) throw new InvalidOperationException("None of the measurements can be estimated: " + string.Join("; ", _data.Skipped));
            var fits = Identify(_data.Cases);
            var fitted = _options.LeaveOneOut && _data.Cases.Count >= 3
                ? SelectByLeaveOneOut(fits)
                : fits.Where(f => f.Fitted).Select(f => f.Name).ToList();
            var theta = Solve(_data.Cases, fitted, fitted.ToDictionary(n => n, n => Math.Log(_candidates[n])));
            foreach (var f in fits) f.Value = f.Fitted ? Round4(Math.Exp(theta[f.Name])) : f.Prior;

            var profile = new CalibrationProfile
            {
                Name = name,
                FittedAtUtc = DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
                BaseCalibration = _base.FittedAtUtc,
                Hardware = Distinct(c => c.Request.Hardware.HardwareId),
                HardwareFamilies = Distinct(c => EstimatorCalibration.FamilyOf(c.Request.Hardware)),
                Frameworks = Distinct(c => c.Measurement.Framework),
                Models = Distinct(c => c.Request.Model.ModelId),
                Mode = _data.Cases.GroupBy(c => c.Measurement.Mode).OrderByDescending(g => g.Count()).First().Key,
                Measurements = _data.Cases.Count,
                Points = _data.PointCount,
                Fit = new SummaryList<ParameterFit>(fits.OrderByDescending(f => f.Fitted).ThenByDescending(f => f.Sensitivity)),
            };
            foreach (var kv in _newEntryValues) profile.Parameters[kv.Key] = kv.Value;
            foreach (var f in fits.Where(f => f.Fitted)) profile.Parameters[f.Name] = f.Value;
            profile.PriorErrors = ProfileErrors.From(FitCases.Errors(_data.Cases, Calibration(new Dictionary<string, double>())));
            profile.Residuals = ProfileErrors.From(FitCases.Errors(_data.Cases, Calibration(theta)));
            if (_options.LeaveOneOut && _data.Cases.Count >= 3) profile.LeaveOneOut = ProfileErrors.From(LeaveOneOutErrors(fitted, theta));
            profile.Description = $"Fitted on {profile.Measurements} measurements ({profile.Points} metrics); fitted: {string.Join(", ", fitted)}; not identified: {fits.Count(f => !f.Fitted)} parameters.";
            return profile;
        }

        private SummaryList<string> Distinct(Func<FitCases.Case, string?> select) =>
            new SummaryList<string>(_data.Cases.Select(select).Where(s => !string.IsNullOrEmpty(s)).Select(s => s!).Distinct(StringComparer.OrdinalIgnoreCase).OrderBy(s => s, StringComparer.Ordinal));

        /// <summary>The base calibration with the new engine entries and the given log-parameters applied.</summary>
        private EstimatorCalibration Calibration(IReadOnlyDictionary<string, double> logTheta)
        {
            var values = new Dictionary<string, double>(_newEntryValues);
            foreach (var kv in logTheta) values[kv.Key] = Math.Exp(kv.Value);
            return CalibrationParameterSpace.Apply(_base, values);
        }

        /// <summary>
        /// Sensitivity of every candidate (class-weighted RMS of d log prediction / d log parameter) at the priors, then a greedy
        /// Gram-Schmidt in order of sensitivity: a parameter is fitted only if enough of its effect is unlike those already taken.
        /// </summary>
        private List<ParameterFit> Identify(List<FitCases.Case> cases)
        {
            var weights = cases.SelectMany(c => c.Weights).ToArray();
            var baseErrors = FitCases.LogErrors(cases, Calibration(new Dictionary<string, double>()));
            var columns = new Dictionary<string, double[]>();
            var fits = new List<ParameterFit>();
            foreach (var kv in _candidates)
            {
                var fit = new ParameterFit { Name = kv.Key, Prior = kv.Value, Value = kv.Value };
                fits.Add(fit);
                if (kv.Value <= 0) { fit.Reason = "its value is zero: a log-space fit cannot move it"; continue; }
                var col = Derivative(cases, kv.Key, Math.Log(kv.Value), baseErrors);
                columns[kv.Key] = col;
                fit.Sensitivity = Math.Round(Math.Sqrt(Dot(col, col, weights)), 4);
            }
            var accepted = new List<(string name, double[] unit)>();
            foreach (var fit in fits.Where(f => columns.ContainsKey(f.Name)).OrderByDescending(f => f.Sensitivity))
            {
                if (fit.Sensitivity < _options.MinSensitivity)
                {
                    fit.Reason = fit.Sensitivity == 0 ? "no effect on these measurements (unused in this mode or shadowed by a more specific entry)"
                        : $"too little effect on these measurements (sensitivity {fit.Sensitivity:0.####} < {_options.MinSensitivity})";
                    continue;
                }
                var residual = (double[])columns[fit.Name].Clone();
                string closest = ""; double closestCos = 0;
                foreach (var (name, unit) in accepted)
                {
                    double proj = Dot(residual, unit, weights);
                    double cos = Math.Abs(Dot(columns[fit.Name], unit, weights)) / fit.Sensitivity;
                    if (cos > closestCos) { closestCos = cos; closest = name; }
                    for (int i = 0; i < residual.Length; i++) residual[i] -= proj * unit[i];
                }
                double distinct = Math.Sqrt(Dot(residual, residual, weights)) / fit.Sensitivity;
                if (distinct < _options.MinDistinctShare)
                {
                    fit.Reason = $"not separable from {closest} on these measurements (only {distinct:P0} of its effect differs); measure more load levels or lengths";
                    continue;
                }
                double norm = Math.Sqrt(Dot(residual, residual, weights));
                accepted.Add((fit.Name, residual.Select(x => x / norm).ToArray()));
                fit.Fitted = true;
            }
            return fits;
        }

        private double[] Derivative(List<FitCases.Case> cases, string name, double logValue, double[] baseErrors)
        {
            const double h = 0.05;
            var shifted = FitCases.LogErrors(cases, Calibration(new Dictionary<string, double> { [name] = logValue + h }));
            return shifted.Select((v, i) => (v - baseErrors[i]) / h).ToArray();
        }

        private static double Dot(double[] a, double[] b, double[] w)
        {
            double s = 0;
            for (int i = 0; i < a.Length; i++) s += w[i] * a[i] * b[i];
            return s;
        }

        private static double Round4(double v) => v == 0 ? 0 : Math.Round(v, Math.Max(0, 3 - (int)Math.Floor(Math.Log10(Math.Abs(v)))));

        /// <summary>
        /// Forward selection in order of sensitivity: an identifiable parameter is kept only if fitting it lowers the
        /// leave-one-out error. A handful of points can always be fitted more closely by moving more parameters, which then
        /// predict the next measurement worse than the bundled values did; the held-out error is the honest judge.
        /// </summary>
        private List<string> SelectByLeaveOneOut(List<ParameterFit> fits)
        {
            const double minGain = 0.02; // relative: below this a parameter is noise, not signal
            var selected = new List<string>();
            double best = ProfileErrors.From(LeaveOneOutErrors(selected, new Dictionary<string, double>())).All ?? double.MaxValue;
            foreach (var fit in fits.Where(f => f.Fitted).OrderByDescending(f => f.Sensitivity).ToList())
            {
                var trial = selected.Concat(new[] { fit.Name }).ToList();
                var theta = Solve(_data.Cases, trial, trial.ToDictionary(n => n, n => Math.Log(_candidates[n])));
                double loo = ProfileErrors.From(LeaveOneOutErrors(trial, theta)).All ?? double.MaxValue;
                if (loo < best * (1 - minGain)) { selected = trial; best = loo; continue; }
                fit.Fitted = false;
                fit.Reason = $"fitting it did not lower the leave-one-out error ({loo:0.0}% with it, {best:0.0}% without): kept at the bundled value";
            }
            return selected;
        }

        private List<MetricError> LeaveOneOutErrors(List<string> fitted, Dictionary<string, double> theta)
        {
            var errors = new List<MetricError>();
            for (int k = 0; k < _data.Cases.Count; k++)
            {
                var train = _data.Cases.Where((_, i) => i != k).ToList();
                var t = Solve(train, fitted, new Dictionary<string, double>(theta), Math.Min(8, _options.MaxIterations));
                errors.AddRange(FitCases.Errors(new[] { _data.Cases[k] }, Calibration(t)));
            }
            return errors;
        }

        /// <summary>Levenberg-Marquardt on the weighted log errors plus the prior residuals, from <paramref name="start"/>.</summary>
        private Dictionary<string, double> Solve(List<FitCases.Case> cases, List<string> names, Dictionary<string, double> start, int? maxIterations = null)
        {
            var theta = new Dictionary<string, double>(start);
            if (names.Count == 0) return theta;
            // each case's class-balanced weights renormalised over the cases at hand, so N cases carry N units of evidence
            double total = cases.Sum(c => c.Weights.Sum()), priorScale = 1 / Math.Log(_options.PriorSpreadFactor);
            var scale = cases.SelectMany(c => c.Weights).Select(w => Math.Sqrt(w / total * cases.Count) / _options.MeasurementScatter).ToArray();
            double[] Residuals(Dictionary<string, double> t)
            {
                var r = FitCases.LogErrors(cases, Calibration(t)).Select((v, i) => v * scale[i]).ToList();
                r.AddRange(names.Select(n => (t[n] - Math.Log(_candidates[n])) * priorScale));
                return r.ToArray();
            }
            double Cost(double[] r) => r.Sum(x => x * x);
            var res = Residuals(theta);
            double cost = Cost(res), mu = 1e-2;
            for (int iter = 0; iter < (maxIterations ?? _options.MaxIterations); iter++)
            {
                var jac = names.Select(n =>
                {
                    var t = new Dictionary<string, double>(theta) { [n] = theta[n] + 0.02 };
                    var rs = Residuals(t);
                    return rs.Select((v, i) => (v - res[i]) / 0.02).ToArray();
                }).ToArray();
                int p = names.Count;
                var h = new double[p, p]; var g = new double[p];
                for (int a = 0; a < p; a++)
                {
                    for (int i = 0; i < res.Length; i++) g[a] += jac[a][i] * res[i];
                    for (int b = 0; b < p; b++) for (int i = 0; i < res.Length; i++) h[a, b] += jac[a][i] * jac[b][i];
                }
                bool stepped = false;
                while (mu < 1e6)
                {
                    var step = LinearSolve(h, g, mu);
                    var trial = new Dictionary<string, double>(theta);
                    for (int a = 0; a < p; a++) trial[names[a]] = Clamp(names[a], theta[names[a]] - step[a]);
                    var trialRes = Residuals(trial);
                    double trialCost = Cost(trialRes);
                    if (trialCost < cost)
                    {
                        stepped = Math.Abs(cost - trialCost) > 1e-6 * cost;
                        theta = trial; res = trialRes; cost = trialCost; mu = Math.Max(1e-6, mu / 3);
                        break;
                    }
                    mu *= 4;
                }
                if (!stepped) break;
            }
            return theta;
        }

        /// <summary>Fractions of a peak stay at most 1, and no parameter moves more than 10x from its bundled value.</summary>
        private double Clamp(string name, double logValue)
        {
            double prior = Math.Log(_candidates[name]);
            double v = Math.Max(prior - Math.Log(10), Math.Min(prior + Math.Log(10), logValue));
            return CalibrationParameterSpace.IsFraction(name) ? Math.Min(0, v) : v;
        }

        /// <summary>(H + mu diag(H)) x = g by Gaussian elimination with partial pivoting; p is a handful of parameters.</summary>
        private static double[] LinearSolve(double[,] h, double[] g, double mu)
        {
            int n = g.Length;
            var a = new double[n, n + 1];
            for (int i = 0; i < n; i++)
            {
                for (int j = 0; j < n; j++) a[i, j] = h[i, j] + (i == j ? mu * Math.Max(h[i, i], 1e-9) : 0);
                a[i, n] = g[i];
            }
            for (int c = 0; c < n; c++)
            {
                int pivot = c;
                for (int r = c + 1; r < n; r++) if (Math.Abs(a[r, c]) > Math.Abs(a[pivot, c])) pivot = r;
                for (int j = 0; j <= n; j++) { var tmp = a[c, j]; a[c, j] = a[pivot, j]; a[pivot, j] = tmp; }
                if (Math.Abs(a[c, c]) < 1e-15) continue;
                for (int r = 0; r < n; r++)
                {
                    if (r == c) continue;
                    double f = a[r, c] / a[c, c];
                    for (int j = c; j <= n; j++) a[r, j] -= f * a[c, j];
                }
            }
            var x = new double[n];
            for (int i = 0; i < n; i++) x[i] = Math.Abs(a[i, i]) < 1e-15 ? 0 : a[i, n] / a[i, i];
            return x;
        }
    }
}
