using System;
using System.Runtime.CompilerServices;
using ModelConfig.Core.Hardware;

namespace ModelConfig.Core.Estimation
{
    /// <summary>
    /// The lookup keys an estimate derives from names: a hardware object's family (EstimatorCalibration.FamilyOf), a model
    /// id's lineage (LineageOf) and an engine's calibration keys ("vllm/concurrency"). Each is a pure function of strings,
    /// worked out once per string (or hardware object) and reused while the strings are the same objects, so estimates
    /// stop lower-casing and concatenating names. A changed name is a new string, which misses and is worked out afresh.
    /// </summary>
    internal static class DerivedKeys
    {
        internal sealed class FamilyMemo
        {
            public FamilyMemo(string? vendor, string? name, string? id, string family)
            {
                Vendor = vendor;
                Name = name;
                Id = id;
                Family = family;
                int slash = family.IndexOf('/');
                VendorWildcard = (slash >= 0 ? family.Substring(0, slash) : family) + "/*";
            }

            public readonly string? Vendor, Name, Id;
            public readonly string Family, VendorWildcard;
        }

        private sealed class Holder<T> where T : class
        {
            public T? Value;
        }

        private static readonly ConditionalWeakTable<HardwareConfig, Holder<FamilyMemo>> Families = new ConditionalWeakTable<HardwareConfig, Holder<FamilyMemo>>();
        private static readonly ConditionalWeakTable<string, string> Lineages = new ConditionalWeakTable<string, string>();
        private static readonly ConditionalWeakTable<string, string[]> EngineKeys = new ConditionalWeakTable<string, string[]>();

        /// <summary>vendor/generation of <paramref name="hw"/>, and vendor/* for the calibration's vendor-wide entries.</summary>
        public static FamilyMemo Family(HardwareConfig hw, Func<HardwareConfig, string> compute)
        {
            var holder = Families.GetValue(hw, _ => new Holder<FamilyMemo>());
            var memo = holder.Value;
            if (memo == null || !ReferenceEquals(memo.Vendor, hw.Vendor) || !ReferenceEquals(memo.Name, hw.Name) || !ReferenceEquals(memo.Id, hw.HardwareId))
            {
                // read the names before computing: the memo must describe the strings the family was computed from
                string? vendor = hw.Vendor, name = hw.Name, id = hw.HardwareId;
                holder.Value = memo = new FamilyMemo(vendor, name, id, compute(hw));
            }
            return memo;
        }

        public static string Lineage(string id, ConditionalWeakTable<string, string>.CreateValueCallback compute) => Lineages.GetValue(id, compute);

        private static readonly object Yes = true, No = false;
        private static readonly ConditionalWeakTable<string, object> PcieLinks = new ConditionalWeakTable<string, object>();

        /// <summary>True when a scale-up link name says PCIe and not NVLink (collectives then reach the PCIe efficiency).</summary>
        public static bool IsPcieOnly(string? link)
            => (bool)PcieLinks.GetValue(link ?? "", l => l.IndexOf("pcie", StringComparison.OrdinalIgnoreCase) >= 0
                && (l.IndexOf("nvlink", StringComparison.OrdinalIgnoreCase) < 0 || l.IndexOf("no nvlink", StringComparison.OrdinalIgnoreCase) >= 0) ? Yes : No);

        /// <summary>"framework/mode" for the two calibration modes, one string each per framework name.</summary>
        public static string EngineKey(string framework, string mode)
        {
            var keys = EngineKeys.GetValue(framework, f => new[] { f + "/" + EstimatorCalibration.ModeKey(LoadMode.StaticBatch), f + "/" + EstimatorCalibration.ModeKey(LoadMode.Concurrency) });
            return string.Equals(mode, EstimatorCalibration.ModeKey(LoadMode.StaticBatch), StringComparison.Ordinal) ? keys[0]
                : string.Equals(mode, EstimatorCalibration.ModeKey(LoadMode.Concurrency), StringComparison.Ordinal) ? keys[1]
                : framework + "/" + mode;
        }
    }
}
