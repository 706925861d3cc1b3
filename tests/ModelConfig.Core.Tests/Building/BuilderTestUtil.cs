using System.Text.Json.Nodes;
using ModelConfig.Core.Building;
using ModelConfig.Core.Models;
using ModelConfig.Core.Serialization;
using Xunit;

namespace ModelConfig.Core.Tests.Building
{
    internal static class BuilderTestUtil
    {
        public static ModelConfiguration Build(string json, string? hfId = null) =>
            ModelConfigBuilder.Build(HfConfigJson.Parse(json), new BuildOptions { HfModelId = hfId });

        /// <summary>Every model must survive the file format and rebuild from its own facts unchanged.</summary>
        public static void AssertRoundTrips(ModelConfiguration m)
        {
            var text = ModelConfigJson.Write(m);
            var back = ModelConfigJson.Read(text, null);
            Assert.Equal(text, ModelConfigJson.Write(back));
            Assert.Equal(text, ModelConfigJson.Write(ModelConfigBuilder.Rebuild(back)));
            Assert.Equal(m.TotalParams, m.ParamsBreakdown.Total);
        }

        public static int Count(ModelConfiguration m, string block)
        {
            int n = 0;
            foreach (var b in m.DecoderLayerBlocks) if (b == block) n++;
            return n;
        }
    }
}
