using System;
using System.Collections;
using System.Collections.Generic;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ModelConfig.Core.Estimation
{
    /// <summary>
    /// Reads calibration JSON into <see cref="EstimatorCalibration"/> by walking a parsed document and setting public
    /// properties by their camelCase names, as the serializer's contract has them (<see cref="EstimatorCalibration.JsonOptions"/>).
    /// The serializer reads the same file through generic converters over double?, int? and bool? that no precompiled
    /// image holds, so a new session's first estimate compiled a few hundred methods for it; the document, reflection and
    /// boxing used here are precompiled. Anything this reader does not cover (an attribute, a type or a value it does not
    /// know) makes it give up, and the serializer reads the file as before, errors and all; a test holds the two equal.
    /// </summary>
    internal static class CalibrationReader
    {
        private sealed class Giveup : Exception
        {
        }

        private static readonly Dictionary<Type, Dictionary<string, PropertyInfo>> Contracts = new Dictionary<Type, Dictionary<string, PropertyInfo>>();

        /// <summary>The calibration <paramref name="json"/> describes, or null when the serializer must read it.</summary>
        public static EstimatorCalibration? TryRead(string json)
        {
            try
            {
                using var doc = JsonDocument.Parse(json);
                return (EstimatorCalibration)ReadObject(doc.RootElement, typeof(EstimatorCalibration));
            }
            catch (Exception)
            {
                // malformed JSON, a wrong value type, an unknown construct: the serializer decides (and words the error)
                return null;
            }
        }

        private static object ReadObject(JsonElement e, Type t)
        {
            if (e.ValueKind != JsonValueKind.Object) throw new Giveup();
            var obj = Activator.CreateInstance(t) ?? throw new Giveup();
            var contract = ContractOf(t);
            foreach (var p in e.EnumerateObject())
            {
                // names match exactly, unknown names are skipped and a repeated name's last value wins: the serializer's defaults
                if (contract.TryGetValue(p.Name, out var property)) property.SetValue(obj, ReadValue(p.Value, property.PropertyType));
            }
            return obj;
        }

        private static object? ReadValue(JsonElement v, Type t)
        {
            var underlying = Nullable.GetUnderlyingType(t);
            if (v.ValueKind == JsonValueKind.Null)
            {
                if (!t.IsValueType || underlying != null) return null;
                throw new Giveup();
            }
            t = underlying ?? t;
            if (t == typeof(double)) return v.ValueKind == JsonValueKind.Number ? v.GetDouble() : throw new Giveup();
            if (t == typeof(int)) return v.ValueKind == JsonValueKind.Number ? v.GetInt32() : throw new Giveup();
            if (t == typeof(long)) return v.ValueKind == JsonValueKind.Number ? v.GetInt64() : throw new Giveup();
            if (t == typeof(bool)) return v.ValueKind == JsonValueKind.True || v.ValueKind == JsonValueKind.False ? v.GetBoolean() : throw new Giveup();
            if (t == typeof(string)) return v.ValueKind == JsonValueKind.String ? v.GetString() : throw new Giveup();
            if (t.IsGenericType && t.GetGenericTypeDefinition() == typeof(List<>))
            {
                if (v.ValueKind != JsonValueKind.Array) throw new Giveup();
                var list = (IList)Activator.CreateInstance(t)!;
                var item = t.GetGenericArguments()[0];
                foreach (var x in v.EnumerateArray()) list.Add(ReadValue(x, item));
                return list;
            }
            if (t.IsGenericType && t.GetGenericTypeDefinition() == typeof(Dictionary<,>) && t.GetGenericArguments()[0] == typeof(string))
            {
                if (v.ValueKind != JsonValueKind.Object) throw new Giveup();
                var dict = (IDictionary)Activator.CreateInstance(t)!;
                var value = t.GetGenericArguments()[1];
                foreach (var p in v.EnumerateObject()) dict[p.Name] = ReadValue(p.Value, value);
                return dict;
            }
            if (t.IsClass && t.Assembly == typeof(CalibrationReader).Assembly && t.GetConstructor(Type.EmptyTypes) != null) return ReadObject(v, t);
            throw new Giveup();
        }

        /// <summary>Settable public properties by JSON name; a type whose contract the serializer would shape otherwise is not read here.</summary>
        private static Dictionary<string, PropertyInfo> ContractOf(Type t)
        {
            lock (Contracts)
            {
                if (Contracts.TryGetValue(t, out var known)) return known;
                if (t.IsDefined(typeof(JsonAttribute), true)) throw new Giveup();
                var contract = new Dictionary<string, PropertyInfo>(StringComparer.Ordinal);
                foreach (var p in t.GetProperties(BindingFlags.Public | BindingFlags.Instance))
                {
                    if (p.IsDefined(typeof(JsonAttribute), true)) throw new Giveup();
                    if (p.GetIndexParameters().Length > 0 || p.SetMethod == null || !p.SetMethod.IsPublic) continue;
                    contract[JsonNamingPolicy.CamelCase.ConvertName(p.Name)] = p;
                }
                Contracts[t] = contract;
                return contract;
            }
        }
    }
}
