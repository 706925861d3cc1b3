using ModelConfig.Core.Hardware;

namespace ModelConfig.Charts
{
    public static class RooflineCeilings
    {
        /// <summary>The roof for the math path the weights run on: fp8/fp4 weights use those tensor peaks when the hardware has them.</summary>
        public static RooflineCeiling For(HardwareConfig hardware, string? weightPrecision)
        {
            double? peak = null;
            switch (weightPrecision)
            {
                case "fp8": peak = hardware.Peak("fp8"); break;
                case "fp4": case "nvfp4": peak = hardware.Peak("fp4"); break;
                case "int8": peak = hardware.Peak("int8"); break;
            }
            peak ??= hardware.Peak("bf16") ?? hardware.Peak("fp16") ?? hardware.Peak("fp32") ?? 0;
            return new RooflineCeiling(hardware.HardwareId, peak.Value, hardware.MemoryBandwidthGBs);
        }
    }
}
