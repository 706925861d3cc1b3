using System;
using System.Collections.Generic;
using ModelConfig.Core.Models;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using ModelConfig.Core.Estimation;
using ModelConfig.Core.Serialization;

namespace ModelConfig.Core.Calibration
{
    /// <summary>One parameter of a fit: its prior (bundled) value, the fitted value, and whether the data could identify it.</summary>
    public sealed class ParameterFit
    {
        public string Name { get; set; } = "";
        public double Prior { get; set; }
        public double Value { get; set; }
        /// <summary>RMS of d log(prediction) / d log(parameter) over the fitted metrics: 0.1 means a 10% change moves predictions 1%.</summary>
        public double Sensitivity { get; set; }
        public bool Fitted { get; set; }
        /// <summary>Why the parameter was not fitted (no effect on the data, or not separable from a fitted one); null when fitted.</summary>
        public string? Reason { get; set; }

        public override string ToString() => Fitted ? $"{Name}: {Prior:0.####} -> {Value:0.####}" : $"{Name}: not fitted ({Reason})";
    }

    /// <summary>Median absolute % error per metric class (ttft, tpot, e2e, throughput) and 'all', the mean of the classes.</summary>
    public sealed class ProfileErrors
    {
        public double? Ttft { get; set; }
        public double? Tpot { get; set; }
        [JsonPropertyName("e2e")] public double? EndToEnd { get; set; }
        public double? Throughput { get; set; }
        public double? All { get; set; }

        public static ProfileErrors From(IEnumerable<MetricError> errors)
        {
            var rows = EstimateComparisons.Summarize(errors);
            double? Of(string c) => rows.FirstOrDefault(r => r.MetricClass == c) is ComparisonSummary s ? Math.Round(s.MedianAbsolutePercentError, 2) : (double?)null;
            return new ProfileErrors { Ttft = Of(MeasuredMetrics.Ttft), Tpot = Of(MeasuredMetrics.Tpot), EndToEnd = Of(MeasuredMetrics.EndToEnd), Throughput = Of(MeasuredMetrics.Throughput), All = Of(ComparisonSummary.AllClasses) };
        }

        public override string ToString() => $"all {All:0.0}% (TTFT {Ttft:0.0}%, TPOT {Tpot:0.0}%, E2E {EndToEnd:0.0}%, throughput {Throughput:0.0}%)";
    }

    /// <summary>
    /// A calibration fitted to one's own measurements: named parameter overrides of the bundled calibration, where they were
    /// fitted (hardware, engines, models, load mode), how well, and which parameters the data could not identify. Stored as
    /// &lt;name&gt;.json (data/schemas/calibration-profile.schema.json); used through the request's calibration overlay.
    /// </summary>
    public sealed class CalibrationProfile : ICalibrationOverlay
    {
        public int SchemaVersion { get; set; } = 1;
        public string Name { get; set; } = "";
        public string? Description { get; set; }
        public string FittedAtUtc { get; set; } = "";
        /// <summary>The bundled calibration the priors came from (its fit date).</summary>
        public string? BaseCalibration { get; set; }
        public SummaryList<string> Hardware { get; set; } = new SummaryList<string>();
        public SummaryList<string> HardwareFamilies { get; set; } = new SummaryList<string>();
        public SummaryList<string> Frameworks { get; set; } = new SummaryList<string>();
        public SummaryList<string> Models { get; set; } = new SummaryList<string>();
        public string Mode { get; set; } = "concurrency";
        public int Measurements { get; set; }
        public int Points { get; set; }
        /// <summary>The overrides: parameter name (see <see cref="CalibrationParameterSpace"/>) to value.</summary>
        public SummarySortedDictionary<string, double> Parameters { get; set; } = new SummarySortedDictionary<string, double>(StringComparer.Ordinal);
        public SummaryList<ParameterFit> Fit { get; set; } = new SummaryList<ParameterFit>();
        /// <summary>Errors on the fitted measurements with the bundled calibration, with the profile, and left out one at a time.</summary>
        public ProfileErrors PriorErrors { get; set; } = new ProfileErrors();
        public ProfileErrors Residuals { get; set; } = new ProfileErrors();
        public ProfileErrors? LeaveOneOut { get; set; }
        /// <summary>The file it was read from; not stored.</summary>
        [JsonIgnore] public string? SourcePath { get; set; }

        [JsonIgnore] public IEnumerable<string> FittedParameters => new SummaryList<string>(Fit.Where(f => f.Fitted).Select(f => f.Name));
        [JsonIgnore] public IEnumerable<string> NotIdentified => new SummaryList<string>(Fit.Where(f => !f.Fitted).Select(f => f.Name));

        private readonly ConditionalWeakTable<EstimatorCalibration, EstimatorCalibration> _applied = new ConditionalWeakTable<EstimatorCalibration, EstimatorCalibration>();

        /// <summary>The base calibration with this profile's parameters, its hardware families and its residual error band.</summary>
        public EstimatorCalibration Apply(EstimatorCalibration baseCalibration) => _applied.GetValue(baseCalibration, b =>
        {
            var cal = CalibrationParameterSpace.Apply(b, Parameters);
            cal.CalibratedFamilies = HardwareFamilies.ToList();
            var band = LeaveOneOut ?? Residuals;
            double Fraction(double? pct) => Math.Round((pct ?? band.All ?? 50) / 100, 3);
            cal.ErrorBands = new List<ErrorBandEntry> { new ErrorBandEntry { Regime = Mode, Ttft = Fraction(band.Ttft), Tpot = Fraction(band.Tpot ?? band.EndToEnd), Throughput = Fraction(band.Throughput), Points = Points } };
            cal.FittedAtUtc = FittedAtUtc;
            return cal;
        });

        /// <summary>States the profile in the assumptions, and warns when the estimate is outside the hardware or engine it was fitted on.</summary>
        public void Annotate(DeploymentRequest request, DeploymentEstimate estimate)
        {
            estimate.ErrorBand.Source = $"calibration profile '{Name}': {(LeaveOneOut != null ? "leave-one-out" : "in-sample")} median |error| of {Points} points; " + estimate.ErrorBand.Source;
            estimate.Assumptions.Add(new EstimateAssumption { Name = "calibration_profile", Source = "calibration profile", Text = $"Calibration profile '{Name}' ({Parameters.Count} fitted parameters: {string.Join(", ", Parameters.Keys)})." });
            var warning = ScopeWarning(request.Hardware.HardwareId, request.Framework);
            if (warning != null) estimate.Assumptions.Add(new EstimateAssumption { Name = "calibration_scope", Source = "calibration profile", Text = warning });
        }

        /// <summary>Null inside the profile's scope; otherwise the sentence saying it was fitted elsewhere.</summary>
        public string? ScopeWarning(string? hardwareId, string? framework)
        {
            bool hwKnown = hardwareId != null && Hardware.Contains(hardwareId, StringComparer.OrdinalIgnoreCase);
            bool fwKnown = framework != null && Frameworks.Contains(framework, StringComparer.OrdinalIgnoreCase);
            if (hwKnown && fwKnown) return null;
            var outside = new List<string>();
            if (!hwKnown) outside.Add($"hardware '{hardwareId}'");
            if (!fwKnown) outside.Add($"engine '{framework ?? "unspecified"}'");
            return $"Calibration profile '{Name}' was fitted on {string.Join(", ", Hardware)} with {string.Join(", ", Frameworks)}; applied to {string.Join(" and ", outside)} its parameters are an extrapolation.";
        }

        private static readonly JsonSerializerOptions JsonOptions = new JsonSerializerOptions
        {
            WriteIndented = true,
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        };

        public string ToJson() => JsonSerializer.Serialize(this, JsonOptions).Replace("\r\n", "\n") + "\n";

        /// <exception cref="DataFileFormatException">Not JSON, or a required field is missing or wrong, or a parameter name is unknown.</exception>
        public static CalibrationProfile FromJson(string json, string? path)
        {
            CalibrationProfile? p;
            try { p = JsonSerializer.Deserialize<CalibrationProfile>(json, JsonOptions); }
            catch (JsonException e) { throw new DataFileFormatException(path, e.Path, e.Message, e); }
            if (p == null) throw new DataFileFormatException(path, null, "is empty");
            if (p.SchemaVersion != 1) throw new DataFileFormatException(path, "schemaVersion", $"is {p.SchemaVersion}; this version reads 1");
            if (string.IsNullOrWhiteSpace(p.Name)) throw new DataFileFormatException(path, "name", "is missing");
            foreach (var kv in p.Parameters)
            {
                if (double.IsNaN(kv.Value) || kv.Value <= 0) throw new DataFileFormatException(path, "parameters." + kv.Key, $"is {kv.Value}; parameters are positive");
                try { CalibrationParameterSpace.Set(EstimatorCalibration.Default.Clone(), kv.Key, kv.Value); }
                catch (ArgumentException e) { throw new DataFileFormatException(path, "parameters." + kv.Key, e.Message); }
            }
            p.SourcePath = path;
            return p;
        }

        public static CalibrationProfile Load(string path) => FromJson(File.ReadAllText(path), path);

        public CalibrationProfile Copy()
        {
            var c = FromJson(ToJson(), SourcePath);
            return c;
        }

        public override string ToString() => $"{Name}: {Parameters.Count} parameters on {string.Join(", ", Hardware)} / {string.Join(", ", Frameworks)}, error {PriorErrors.All:0.0}% -> {Residuals.All:0.0}% (leave-one-out {LeaveOneOut?.All:0.0}%)";
    }
}
