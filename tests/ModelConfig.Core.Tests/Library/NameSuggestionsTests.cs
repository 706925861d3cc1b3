using System.Linq;
using ModelConfig.Core.Hardware;
using ModelConfig.Core.Library;
using ModelConfig.Core.Serialization;
using Xunit;

namespace ModelConfig.Core.Tests.Library
{
    /// <summary>"Did you mean ...?" in ModelNotFound / HardwareNotFound (issue 13.21) and substring completion (13.26).</summary>
    public class NameSuggestionsTests
    {
        private static readonly string[] Models =
        {
            "gpt2", "llama_2_70b_hf", "llama_3.1_70b", "llama_3.1_8b", "llama_3.3_70b", "qwen3_4b", "qwen3_8b", "tinyllama_1.1b",
        };

        private static readonly string[] Hardware =
        {
            "amd_mi300x", "nvidia_h100_80gb", "nvidia_h100_nvl_94gb", "nvidia_h100_pcie_80gb", "nvidia_h100_sxm_80gb",
            "nvidia_h200_sxm_141gb", "nvidia_hgx_h100_8gpu",
        };

        [Theory]
        [InlineData("llama_3.3_70", "llama_3.3_70b")]     // one letter short
        [InlineData("llama_3.3_7b", "llama_3.3_70b")]     // one letter missing inside
        [InlineData("lama_3.3_70b", "llama_3.3_70b")]
        [InlineData("llama-3.3-70B", "llama_3.3_70b")]    // separators and case only
        [InlineData("llama_33_70b", "llama_3.3_70b")]
        [InlineData("gtp2", "gpt2")]                      // swapped neighbours
        [InlineData("tinyllama", "tinyllama_1.1b")]       // a prefix
        public void A_typo_gets_the_one_nearest_id(string typed, string expected) =>
            Assert.Equal(new[] { expected }, NameSuggestions.Closest(typed, Models));

        [Fact]
        public void Equally_near_ids_are_all_offered() =>
            Assert.Equal(new[] { "qwen3_4b", "qwen3_8b" }, NameSuggestions.Closest("qwen3_9b", Models));

        [Fact]
        public void A_fragment_offers_the_names_holding_it_shortest_first()
        {
            var s = NameSuggestions.Closest("h100", Hardware);
            Assert.Equal(3, s.Count);
            Assert.All(s, n => Assert.Contains("h100", n));
            Assert.Equal("nvidia_h100_80gb", s[0]);
        }

        [Fact]
        public void All_the_words_of_the_input_can_match_apart() =>
            Assert.Equal(new[] { "nvidia_h200_sxm_141gb" }, NameSuggestions.Closest("h200 141gb", Hardware));

        [Theory]
        [InlineData("zzzzzz")]
        [InlineData("a")]          // too short to say anything
        [InlineData("")]
        [InlineData(null)]
        public void Nothing_close_means_no_suggestion(string? typed) => Assert.Empty(NameSuggestions.Closest(typed, Models));

        [Fact]
        public void A_huge_input_is_not_compared() =>
            Assert.Empty(NameSuggestions.Closest(new string('l', 5000), Models));

        [Fact]
        public void At_most_max_names() => Assert.Single(NameSuggestions.Closest("h100", Hardware, max: 1));

        [Fact]
        public void The_sentence_lists_the_names()
        {
            Assert.Equal("", NameSuggestions.DidYouMean(new string[0]));
            Assert.Equal(" Did you mean llama_3.3_70b?", NameSuggestions.DidYouMean(new[] { "llama_3.3_70b" }));
            Assert.Equal(" Did you mean a, b or c?", NameSuggestions.DidYouMean(new[] { "a", "b", "c" }));
        }

        [Theory]
        [InlineData("kitten", "sitting", 3)]
        [InlineData("abc", "acb", 1)]
        [InlineData("", "abc", 3)]
        [InlineData("same", "same", 0)]
        public void Distance_counts_edits(string a, string b, int expected) => Assert.Equal(expected, NameSuggestions.Distance(a, b));

        [Fact]
        public void Completion_offers_prefix_matches_first_then_any_part()
        {
            Assert.Equal(new[] { "nvidia_h100_80gb", "nvidia_h100_nvl_94gb", "nvidia_h100_pcie_80gb", "nvidia_h100_sxm_80gb", "nvidia_hgx_h100_8gpu" },
                NameCompletion.Filter("h100", Hardware));
            Assert.Equal(new[] { "llama_2_70b_hf", "llama_3.1_70b", "llama_3.1_8b", "llama_3.3_70b", "tinyllama_1.1b" },
                NameCompletion.Filter("'LLAMA", Models));
            Assert.Equal(new[] { "llama_3.1_70b", "llama_3.3_70b", "llama_2_70b_hf" }.OrderBy(x => x), NameCompletion.Filter("70b", Models).OrderBy(x => x));
        }

        [Fact]
        public void Completion_reads_wildcards_with_an_implied_trailing_star()
        {
            Assert.Equal(new[] { "nvidia_h100_sxm_80gb", "nvidia_h200_sxm_141gb" }, NameCompletion.Filter("nv*sxm", Hardware));
            Assert.Empty(NameCompletion.Filter("[", Hardware));
            Assert.Equal(Hardware.Length, NameCompletion.Filter("", Hardware).Count);
        }

        [Fact]
        public void The_library_lists_its_huggingface_ids_and_vendors_without_full_parses()
        {
            using var folder = new TempFolder();
            var a = TestModels.Tiny("model_a");
            a.HfModelId = "org/Model-A";
            folder.Write("model_a.json", ModelConfigJson.Write(a));
            folder.Write("model_b.json", ModelConfigJson.Write(TestModels.Tiny("model_b")));
            folder.Write("broken.json", "{ \"hf_model_id\": ");
            var names = new ModelLibrary(new[] { folder.Path }).HuggingFaceIds();
            var n = Assert.Single(names, x => x.Name == "org/Model-A");
            Assert.Equal("model_a", n.Id);
            Assert.DoesNotContain(names, x => x.Id == "broken");

            var hw = new HardwareLibrary(SharedData.DataDir("hardware")).Vendors();
            Assert.Contains("NVIDIA", hw);
            Assert.Contains("AMD", hw);
            Assert.Equal(hw.Count, hw.Distinct(System.StringComparer.OrdinalIgnoreCase).Count());
        }

        [Fact]
        public void A_long_path_keeps_its_start_and_its_end()
        {
            var path = "/home/me/" + new string('x', 5000) + "/config.json";
            var shown = TextPreview.OfPath(path);
            Assert.StartsWith("/home/me/", shown);
            Assert.Contains("/config.json", shown);
            Assert.Contains("5,021 characters", shown);
            Assert.True(shown.Length < 300);
            Assert.Equal("/short/path", TextPreview.OfPath("/short/path"));
        }

        [Fact]
        public void A_bad_pattern_and_a_bad_hub_id_do_not_echo_a_long_input()
        {
            var e = Assert.Throws<InvalidWildcardException>(() => WildcardMatcher.Parse("[" + new string('q', 5000)));
            Assert.True(e.Message.Length < 400, e.Message);
            Assert.False(Core.Hub.HubIds.IsValidRepoId("a/" + new string('q', 5000), out var why));
            Assert.True(why.Length < 400, why);
            Assert.False(Core.Hub.HubIds.IsValidRevision(new string('q', 5000), out why));
            Assert.True(why.Length < 400, why);
        }
    }
}
