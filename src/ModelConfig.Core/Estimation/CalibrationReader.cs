using System;
using System.Collections.Generic;
using System.Text.Json;

namespace ModelConfig.Core.Estimation
{
    /// <summary>
    /// Reads calibration JSON (the camelCase contract of <see cref="EstimatorCalibration.JsonOptions"/>) without the
    /// serializer. A new session's first estimate reads the embedded calibration: the serializer's generic converters over
    /// double?, int? and bool? are in no precompiled image and were compiled then, and reflection over the properties was
    /// almost as slow, together a third of that estimate. This reader is plain code, precompiled with the assembly.
    /// It knows every field by name: a field it does not know (one added to the calibration and not here yet), a value of
    /// another type, a repeated key or malformed JSON make it give up, and the serializer reads the text as before, errors
    /// and all. A test holds the two readings equal on the bundled file and requires this reader to read it.
    /// </summary>
    internal static class CalibrationReader
    {
        private sealed class Giveup : Exception
        {
        }

        /// <summary>The calibration <paramref name="json"/> describes, or null when the serializer must read it.</summary>
        public static EstimatorCalibration? TryRead(string json)
        {
            try
            {
                using var doc = JsonDocument.Parse(json);
                return Calibration(doc.RootElement);
            }
            catch (Exception)
            {
                return null;
            }
        }

        private static EstimatorCalibration Calibration(JsonElement e)
        {
            var c = new EstimatorCalibration();
            foreach (var p in Object(e))
            {
                var v = p.Value;
                switch (p.Name)
                {
                    case "version": c.Version = String(v)!; break;
                    case "provenance": c.Provenance = String(v)!; break;
                    case "fittedAtUtc": c.FittedAtUtc = String(v); break;
                    case "fitMacroMedianApe": c.FitMacroMedianApe = NullableDouble(v); break;
                    case "holdoutMacroMedianApe": c.HoldoutMacroMedianApe = NullableDouble(v); break;
                    case "extrapolationFactor": c.ExtrapolationFactor = Double(v); break;
                    case "calibratedFamilies": c.CalibratedFamilies = Strings(v); break;
                    case "calibratedModelFamilies": c.CalibratedModelFamilies = Strings(v); break;
                    case "calibratedEngines": c.CalibratedEngines = Strings(v); break;
                    case "holdoutMacroBySplit": c.HoldoutMacroBySplit = Doubles(v); break;
                    case "gemmEfficiency16": c.GemmEfficiency16 = Double(v); break;
                    case "gemmEfficiency8": c.GemmEfficiency8 = Double(v); break;
                    case "gemmEfficiency4": c.GemmEfficiency4 = Double(v); break;
                    case "dequantGemmFactor": c.DequantGemmFactor = Double(v); break;
                    case "gemmHalfEfficiencyTokens": c.GemmHalfEfficiencyTokens = Double(v); break;
                    case "attentionEfficiency": c.AttentionEfficiency = Double(v); break;
                    case "memoryEfficiency": c.MemoryEfficiency = Double(v); break;
                    case "layerOverheadUs": c.LayerOverheadUs = Double(v); break;
                    case "kernelOverheadUs": c.KernelOverheadUs = NullableDouble(v); break;
                    case "groupedGemmHalfEfficiencyRows": c.GroupedGemmHalfEfficiencyRows = NullableDouble(v); break;
                    case "groupedGemmMemoryFactor": c.GroupedGemmMemoryFactor = Double(v); break;
                    case "decodeAttentionEfficiency": c.DecodeAttentionEfficiency = NullableDouble(v); break;
                    case "attentionTileTokens": c.AttentionTileTokens = Int(v); break;
                    case "ringHopLatencyUs": c.RingHopLatencyUs = Double(v); break;
                    case "stepOverheadMs": c.StepOverheadMs = Double(v); break;
                    case "collectiveLatencyUs": c.CollectiveLatencyUs = Double(v); break;
                    case "communicationEfficiency": c.CommunicationEfficiency = Double(v); break;
                    case "pcieCommunicationEfficiency": c.PcieCommunicationEfficiency = Double(v); break;
                    case "queueSteps": c.QueueSteps = Double(v); break;
                    case "arrivalSpread": c.ArrivalSpread = Double(v); break;
                    case "servingOverheadMs": c.ServingOverheadMs = Double(v); break;
                    case "servingOverheadPerInputTokenUs": c.ServingOverheadPerInputTokenUs = Double(v); break;
                    case "reservedFraction": c.ReservedFraction = Double(v); break;
                    case "reservedMinGB": c.ReservedMinGB = Double(v); break;
                    case "maxTokensPerStep": c.MaxTokensPerStep = Int(v); break;
                    case "families":
                        var families = new Dictionary<string, FamilyCalibration>();
                        foreach (var f in Object(v)) Add(families, f.Name, Family(f.Value));
                        c.Families = families;
                        break;
                    case "frameworks":
                        var frameworks = new Dictionary<string, FrameworkCalibration>();
                        foreach (var f in Object(v)) Add(frameworks, f.Name, Framework(f.Value));
                        c.Frameworks = frameworks;
                        break;
                    case "errorBands":
                        var bands = new List<ErrorBandEntry>();
                        foreach (var b in Array(v)) bands.Add(Band(b));
                        c.ErrorBands = bands;
                        break;
                    default: throw new Giveup();
                }
            }
            return c;
        }

        private static FamilyCalibration Family(JsonElement e)
        {
            var f = new FamilyCalibration();
            foreach (var p in Object(e))
            {
                var v = p.Value;
                switch (p.Name)
                {
                    case "computeScale": f.ComputeScale = NullableDouble(v); break;
                    case "gemmEfficiency16": f.GemmEfficiency16 = NullableDouble(v); break;
                    case "gemmEfficiency8": f.GemmEfficiency8 = NullableDouble(v); break;
                    case "gemmEfficiency4": f.GemmEfficiency4 = NullableDouble(v); break;
                    case "memoryEfficiency": f.MemoryEfficiency = NullableDouble(v); break;
                    case "layerOverheadUs": f.LayerOverheadUs = NullableDouble(v); break;
                    case "kernelOverheadScale": f.KernelOverheadScale = NullableDouble(v); break;
                    case "collectiveLatencyUs": f.CollectiveLatencyUs = NullableDouble(v); break;
                    case "source": f.Source = String(v); break;
                    case "note": f.Note = String(v); break;
                    default: throw new Giveup();
                }
            }
            return f;
        }

        private static FrameworkCalibration Framework(JsonElement e)
        {
            var f = new FrameworkCalibration();
            foreach (var p in Object(e))
            {
                var v = p.Value;
                switch (p.Name)
                {
                    case "stepOverheadMs": f.StepOverheadMs = NullableDouble(v); break;
                    case "layerOverheadUs": f.LayerOverheadUs = NullableDouble(v); break;
                    case "collectiveLatencyUs": f.CollectiveLatencyUs = NullableDouble(v); break;
                    case "kernelOverheadUs": f.KernelOverheadUs = NullableDouble(v); break;
                    case "cudaGraphs": f.CudaGraphs = NullableBool(v); break;
                    case "servingOverheadMs": f.ServingOverheadMs = NullableDouble(v); break;
                    case "maxTokensPerStep": f.MaxTokensPerStep = NullableInt(v); break;
                    case "offlineHostPerSequenceUs": f.OfflineHostPerSequenceUs = NullableDouble(v); break;
                    case "kvTransferGBsPerGpu": f.KvTransferGBsPerGpu = NullableDouble(v); break;
                    case "kvTransferSetupMs": f.KvTransferSetupMs = NullableDouble(v); break;
                    case "note": f.Note = String(v); break;
                    default: throw new Giveup();
                }
            }
            return f;
        }

        private static ErrorBandEntry Band(JsonElement e)
        {
            var b = new ErrorBandEntry();
            foreach (var p in Object(e))
            {
                var v = p.Value;
                switch (p.Name)
                {
                    case "regime": b.Regime = String(v)!; break;
                    case "holdout": b.Holdout = String(v); break;
                    case "ttft": b.Ttft = Double(v); break;
                    case "tpot": b.Tpot = Double(v); break;
                    case "throughput": b.Throughput = Double(v); break;
                    case "points": b.Points = Int(v); break;
                    default: throw new Giveup();
                }
            }
            return b;
        }

        private static JsonElement.ObjectEnumerator Object(JsonElement e) => e.ValueKind == JsonValueKind.Object ? e.EnumerateObject() : throw new Giveup();

        private static JsonElement.ArrayEnumerator Array(JsonElement e) => e.ValueKind == JsonValueKind.Array ? e.EnumerateArray() : throw new Giveup();

        private static double Double(JsonElement v) => v.ValueKind == JsonValueKind.Number ? v.GetDouble() : throw new Giveup();

        private static double? NullableDouble(JsonElement v) => v.ValueKind == JsonValueKind.Null ? (double?)null : Double(v);

        private static int Int(JsonElement v) => v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var i) ? i : throw new Giveup();

        private static int? NullableInt(JsonElement v) => v.ValueKind == JsonValueKind.Null ? (int?)null : Int(v);

        private static bool? NullableBool(JsonElement v) => v.ValueKind == JsonValueKind.True ? true : v.ValueKind == JsonValueKind.False ? false
            : v.ValueKind == JsonValueKind.Null ? (bool?)null : throw new Giveup();

        private static string? String(JsonElement v) => v.ValueKind == JsonValueKind.String ? v.GetString() : v.ValueKind == JsonValueKind.Null ? null : throw new Giveup();

        private static List<string> Strings(JsonElement v)
        {
            var list = new List<string>();
            foreach (var x in Array(v)) list.Add(String(x) ?? throw new Giveup());
            return list;
        }

        private static Dictionary<string, double> Doubles(JsonElement v)
        {
            var d = new Dictionary<string, double>();
            foreach (var p in Object(v))
            {
                if (d.ContainsKey(p.Name)) throw new Giveup();
                d[p.Name] = Double(p.Value);
            }
            return d;
        }

        private static void Add<T>(Dictionary<string, T> d, string key, T value) where T : class
        {
            if (d.ContainsKey(key)) throw new Giveup();
            d[key] = value;
        }
    }
}
