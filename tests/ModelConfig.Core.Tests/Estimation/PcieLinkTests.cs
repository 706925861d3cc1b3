using System.IO;
using System.Linq;
using ModelConfig.Core.Estimation;
using ModelConfig.Core.Hardware;
using Xunit;

namespace ModelConfig.Core.Tests.Estimation
{
    /// <summary>
    /// PCIe-only GPUs get the PCIe collective efficiency. The hardware files say "PCIe Gen4 x16 (no NVLink)", and the word
    /// NVLink in that name made every one of them count as NVLink-connected.
    /// </summary>
    public class PcieLinkTests
    {
        [Theory]
        [InlineData("PCIe Gen4 x16 (no NVLink)", true)]
        [InlineData("PCIe Gen5 x16", true)]
        [InlineData("NVLink 4 (NVSwitch)", false)]
        [InlineData("NVLink bridge + PCIe Gen4", false)]
        [InlineData("Infinity Fabric", false)]
        [InlineData(null, false)]
        public void A_link_is_pcie_only_when_it_names_pcie_and_no_nvlink(string? link, bool pcieOnly)
            => Assert.Equal(pcieOnly, DerivedKeys.IsPcieOnly(link));

        [Fact]
        public void Every_bundled_card_without_nvlink_collects_at_the_pcie_efficiency()
        {
            var library = new HardwareLibrary(new[] { SharedData.DataDir("hardware") });
            var cards = library.List(out _).Where(h => (h.ScaleUpLink ?? "").Contains("no NVLink")).ToList();
            Assert.Contains(cards, h => h.HardwareId == "nvidia_l40s_48gb");
            foreach (var hw in cards)
            {
                var r = new DeploymentRequest { Model = TestModels.Dense(), Hardware = hw, TensorParallel = 2, InputLength = 512, OutputLength = 128 };
                var e = DeploymentEstimator.Estimate(r);
                var note = Assert.Single(e.Assumptions, a => a.Name == "communication_efficiency");
                Assert.Equal(EstimatorCalibration.Default.PcieCommunicationEfficiency, note.Value!.Value, 9);
            }
        }
    }
}
