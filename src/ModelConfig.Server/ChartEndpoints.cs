using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ModelConfig.Charts;
using ModelConfig.Core.Estimation;

namespace ModelConfig.Server
{
    /// <summary>
    /// GET /charts/{kind}: the charts of Export-DeploymentChart, as SVG (or PNG with format=png), for a simple estimate
    /// request given in the query: model_id, hardware_id (comma list: one series each), tensor_parallel, weight_precision,
    /// batch_size or concurrency, input_length, output_length; sweep and pareto also take sweep (comma list of loads,
    /// default 1,2,4,...,64), load (concurrency or batch) and metric (tpot, ttft, throughput); width and height in pixels.
    /// </summary>
    public static class ChartEndpoints
    {
        private const int MaxSeries = 8, MaxSweep = 32;

        public static void Map(IEndpointRouteBuilder app)
        {
            app.MapGet("/charts/{kind}", (string kind, HttpRequest http, LibraryLookup lookup) =>
            {
                var chart = Kind(kind);
                var q = new Query(http.Query);
                var options = new ChartOptions
                {
                    Width = q.Int("width") ?? 800,
                    Height = q.Int("height") ?? 500,
                    Metric = q.Enum("metric", SweepMetric.Tpot),
                };
                var format = q.Enum("format", ChartFormat.Svg);
                var estimates = Estimates(chart, q, lookup, options);
                byte[] bytes;
                try
                {
                    bytes = DeploymentCharts.Render(chart, estimates, options, format);
                }
                catch (ChartInputException e)
                {
                    throw ProblemCatalog.InvalidField(e.Field, e.Message);
                }
                return Results.Bytes(bytes, format == ChartFormat.Png ? "image/png" : "image/svg+xml");
            });
        }

        private static ChartKind Kind(string kind)
        {
            var k = kind.Replace("_", "").Replace("-", "");
            foreach (ChartKind c in Enum.GetValues(typeof(ChartKind)))
                if (string.Equals(c.ToString(), k, StringComparison.OrdinalIgnoreCase)) return c;
            throw ProblemCatalog.UnknownChart(kind);
        }

        private static List<DeploymentEstimate> Estimates(ChartKind chart, Query q, LibraryLookup lookup, ChartOptions options)
        {
            var model = lookup.Model(q.String("model_id"), "model_id");
            var hardwareIds = (q.String("hardware_id") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (hardwareIds.Length == 0) throw ProblemCatalog.InvalidField("hardware_id", "'hardware_id' is required (a comma list draws one series per hardware).");
            if (hardwareIds.Length > MaxSeries) throw ProblemCatalog.InvalidField("hardware_id", $"At most {MaxSeries} hardware ids per chart.");
            var hardware = hardwareIds.Select(id => lookup.Hardware(id, "hardware_id")).ToList();
            bool sweep = chart == ChartKind.Sweep || chart == ChartKind.Pareto;
            bool batchLoad = string.Equals(q.String("load"), "batch", StringComparison.OrdinalIgnoreCase);
            var loads = sweep ? q.IntList("sweep") ?? new[] { 1, 2, 4, 8, 16, 32, 64 } : new[] { 0 };
            if (loads.Length > MaxSweep) throw ProblemCatalog.InvalidField("sweep", $"At most {MaxSweep} sweep values.");
            var result = new List<DeploymentEstimate>();
            foreach (var hw in hardware)
            {
                foreach (var load in loads)
                {
                    var r = new DeploymentRequest
                    {
                        Model = model, Hardware = hw, TensorParallel = q.Int("tensor_parallel"), WeightPrecision = q.String("weight_precision"),
                        BatchSize = sweep ? (batchLoad ? load : (int?)null) : q.Int("batch_size"),
                        Concurrency = sweep ? (batchLoad ? (int?)null : load) : q.Int("concurrency"),
                        InputLength = q.Int("input_length") ?? 1024, OutputLength = q.Int("output_length") ?? 256,
                        IncludeLayers = chart == ChartKind.Roofline,
                    };
                    result.Add(EstimatorAdapter.Estimate(r, sweep ? new Dictionary<string, string> { [batchLoad ? "batch_size" : "concurrency"] = "sweep" } : null));
                }
                if (chart == ChartKind.Roofline)
                {
                    options.Ceiling = RooflineCeilings.For(hw, result[0].WeightPrecision);
                    break;
                }
            }
            return result;
        }

        /// <summary>Query values, each parse failure a 400 naming the parameter.</summary>
        private sealed class Query
        {
            private readonly IQueryCollection _q;

            public Query(IQueryCollection q) => _q = q;

            public string? String(string name) => _q.TryGetValue(name, out var v) && !string.IsNullOrWhiteSpace(v.ToString()) ? v.ToString() : null;

            public int? Int(string name)
            {
                var s = String(name);
                if (s == null) return null;
                return int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v
                    : throw ProblemCatalog.InvalidField(name, $"'{name}' must be an integer.");
            }

            public int[]? IntList(string name)
            {
                var s = String(name);
                if (s == null) return null;
                return s.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                    .Select(x => int.TryParse(x, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) && v > 0 ? v
                        : throw ProblemCatalog.InvalidField(name, $"'{name}' must be a comma list of positive integers."))
                    .ToArray();
            }

            public T Enum<T>(string name, T fallback) where T : struct
            {
                var s = String(name);
                if (s == null) return fallback;
                return System.Enum.TryParse<T>(s, true, out var v) && System.Enum.IsDefined(typeof(T), v) ? v
                    : throw ProblemCatalog.InvalidField(name, $"'{name}' must be one of {string.Join(", ", System.Enum.GetNames(typeof(T)).Select(n => n.ToLowerInvariant()))}.");
            }
        }
    }
}
