using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using ModelConfig.Core.Hardware;
using ModelConfig.Core.Library;
using ModelConfig.Core.Models;
using ModelConfig.Core.Serialization;
using Xunit;

namespace ModelConfig.Core.Tests.Library
{
    /// <summary>The generic library through a minimal third kind, and the rules models and hardware share.</summary>
    public class DataFolderLibraryTests
    {
        internal sealed class Note
        {
            public string Id { get; set; } = "";
            public List<string> Aliases { get; set; } = new List<string>();
            public string Text { get; set; } = "";
        }

        /// <summary>A whole new kind is this much code.</summary>
        internal sealed class NoteKind : DataKind<Note>
        {
            public static NoteKind Instance { get; } = new NoteKind();
            public override string Noun => "note";
            public override string IdField => "id";
            public override string EnvironmentVariable => "MODELCONFIG_NOTE_PATH";
            public override string? AliasField => "aliases";
            protected override Note Parse(string fullPath)
            {
                try { return JsonSerializer.Deserialize<Note>(File.ReadAllText(fullPath), new JsonSerializerOptions { PropertyNameCaseInsensitive = true })!; }
                catch (JsonException e) { throw new DataFileFormatException(fullPath, null, "is not valid JSON: " + e.Message, e); }
            }
            public override string IdOf(Note item) => item.Id;
            public override IReadOnlyList<string> AliasesOf(Note item) => item.Aliases;
            public override Note Copy(Note item) => new Note { Id = item.Id, Aliases = new List<string>(item.Aliases), Text = item.Text };
        }

        private static string NoteJson(string id, string text, params string[] aliases) =>
            JsonSerializer.Serialize(new { id, text, aliases });

        private static DataFolderLibrary<Note> Notes(params string[] folders) => new DataFolderLibrary<Note>(NoteKind.Instance, folders);

        [Fact]
        public void FirstFolderHoldingAnIdWinsAndSearchedListsFoldersInThatOrder()
        {
            using var path = new TempFolder();
            using var env = new TempFolder();
            using var bundled = new TempFolder();
            path.Write("a.json", NoteJson("a", "from -Path"));
            env.Write("a.json", NoteJson("a", "from env"));
            env.Write("b.json", NoteJson("b", "from env"));
            bundled.Write("a.json", NoteJson("a", "bundled"));
            bundled.Write("b.json", NoteJson("b", "bundled"));
            bundled.Write("c.json", NoteJson("c", "bundled"));

            var lib = new DataFolderLibrary<Note>(NoteKind.Instance, SearchPath.Build(new[] { path.Path }, env.Path, bundled.Path));
            Assert.Equal("from -Path", lib.Find("a")!.Text);
            Assert.Equal("from env", lib.Find("B")!.Text);
            Assert.Equal("bundled", lib.Find("c")!.Text);
            Assert.Equal(string.Join(", ", path.Path, env.Path, bundled.Path), lib.Searched);
            Assert.Equal(2, lib.Entries().Single(e => e.Id == "a").Overrides.Count);
        }

        [Fact]
        public void ACorruptWinningFileMakesTheIdUnavailableInsteadOfFallingBack()
        {
            using var user = new TempFolder();
            using var bundled = new TempFolder();
            var bad = user.Write("a.json", "{");
            bundled.Write("a.json", NoteJson("a", "bundled"));
            var lib = Notes(user.Path, bundled.Path);
            Assert.Null(lib.Find("a", out var errors));
            Assert.Equal(bad, Assert.Single(errors).FilePath);
            Assert.Empty(lib.List(out var listErrors));
            Assert.Equal(bad, Assert.Single(listErrors).FilePath);
        }

        [Fact]
        public void CorruptUserModelIsNotReplacedByTheBundledOneEither()
        {
            using var user = new TempFolder();
            using var bundled = new TempFolder();
            user.Write("tiny_model.json", "{ \"schema_version\": 1, ");
            bundled.Write("tiny_model.json", ModelConfigJson.Write(TestModels.Tiny()));
            var lib = new ModelLibrary(new[] { user.Path, bundled.Path });
            Assert.Null(lib.Find("tiny_model", out var errors));
            Assert.StartsWith(user.Path, Assert.Single(errors).FilePath);
        }

        [Fact]
        public void CallersGetCopiesSoChangesNeverReachTheNextCaller()
        {
            using var folder = new TempFolder();
            folder.Write("a.json", NoteJson("a", "original", "alias_a"));
            var lib = Notes(folder.Path);
            var first = lib.Find("a")!;
            first.Text = "changed";
            first.Aliases.Clear();
            Assert.Equal("original", Notes(folder.Path).Find("alias_a")!.Text);
            Assert.Equal("original", lib.List(out _).Single().Text);
        }

        [Fact]
        public void ChangingAReturnedModelLeavesTheNextLoadUnchanged()
        {
            var lib = new ModelLibrary(new[] { SharedData.DataDir("model_configs") });
            var entry = lib.FindEntry("llama_3.1_8b")!;
            var m = lib.Load(entry);
            long total = m.TotalParams;
            int blocks = m.Blocks.Count;
            m.TotalParams = 1;
            m.Blocks.Clear();
            m.DecoderLayerBlocks.Clear();
            var again = lib.Load(entry);
            Assert.Equal(total, again.TotalParams);
            Assert.Equal(blocks, again.Blocks.Count);
            Assert.Equal(total, ModelLibrary.LoadFile(entry.FilePath).TotalParams);
        }

        [Fact]
        public void AMalformedPatternIsATypedErrorForThatPatternOnly()
        {
            using var folder = new TempFolder();
            folder.Write("a.json", NoteJson("a", "x"));
            var lib = Notes(folder.Path);
            Assert.Equal("[", Assert.Throws<InvalidWildcardException>(() => lib.Match("[", out _)).Pattern);
            Assert.Equal("a", Assert.Single(lib.Match("[a-c]", out _)).Id);
        }

        [Fact]
        public void AliasesResolveAndIdsBeatAliases()
        {
            using var folder = new TempFolder();
            folder.Write("a.json", NoteJson("a", "A", "b", "other"));
            folder.Write("b.json", NoteJson("b", "B"));
            var lib = Notes(folder.Path);
            Assert.Equal("A", lib.Find("OTHER")!.Text);
            Assert.Equal("B", lib.Find("b")!.Text);
            Assert.Equal(new[] { "a", "b", "other -> a" }, lib.ListNames().Select(n => n.ToString()));
            Assert.Equal(new[] { "a" }, lib.Match("oth*", out _).Select(n => n.Id));
        }

        [Fact]
        public void MissingFoldersAreReportedOnceAndTheRestLists()
        {
            using var folder = new TempFolder();
            folder.Write("a.json", NoteJson("a", "x"));
            var missing = Path.Combine(folder.Path, "missing");
            var list = Notes(missing, folder.Path).List(out var errors);
            Assert.Single(list);
            var e = Assert.Single(errors);
            Assert.Equal(missing, e.FilePath);
            Assert.Contains("note folder does not exist", e.Message);
        }

        /// <summary>Guards Clone against a property added later: no mutable object may be shared with the cached parse.</summary>
        [Theory]
        [InlineData("llama_4_scout_17b_16e_instruct")]
        [InlineData("deepseek_v3")]
        [InlineData("llama_3.1_8b")]
        public void AModelCloneSharesNoMutableObject(string id)
        {
            var file = SharedData.DataDir("model_configs", id + ".json");
            if (!File.Exists(file)) return;
            var original = ModelConfigJson.ReadFile(file);
            _ = original.GetLayers();
            AssertNothingShared(original, original.Clone(), id);
        }

        [Fact]
        public void AHardwareCloneSharesNoMutableObject()
        {
            var hw = new HardwareLibrary(SharedData.DataDir("hardware")).List(out _).First();
            hw.Efficiency = new HardwareEfficiency { ComputeEfficiency = 0.5 };
            AssertNothingShared(hw, hw.Clone(), hw.HardwareId);
        }

        [Fact]
        public void A_clone_keeps_peaks_and_blocks_in_order_with_their_lookup_rules()
        {
            // the copies are filled by loops (a new session compiles less), which must keep order, values and comparers
            foreach (var hw in new HardwareLibrary(SharedData.DataDir("hardware")).List(out _))
            {
                var copy = hw.Clone();
                Assert.Equal(hw.DenseTflops.ToList(), copy.DenseTflops.ToList());
                foreach (var key in hw.DenseTflops.Keys) Assert.Equal(hw.DenseTflops[key], copy.DenseTflops[key.ToUpperInvariant()]);
            }
            var file = SharedData.DataDir("model_configs", "deepseek_v3.json");
            if (!File.Exists(file)) return;
            var model = ModelConfigJson.ReadFile(file);
            var clone = model.Clone();
            Assert.Equal(model.Blocks.Keys.ToList(), clone.Blocks.Keys.ToList());
            Assert.Equal(model.Blocks.Values.Select(b => b.Params), clone.Blocks.Values.Select(b => b.Params));
            Assert.False(clone.Blocks.ContainsKey(model.Blocks.Keys.First().ToUpperInvariant()));
        }

        private static void AssertNothingShared(object a, object b, string path)
        {
            if (a == null || b == null) return;
            var type = a.GetType();
            if (type.IsValueType || a is string || a is Delegate) return;
            Assert.False(ReferenceEquals(a, b), $"{path} is shared between the original and the copy");
            if (a is JsonNode) return;
            if (a is IDictionary da)
            {
                var db = (IDictionary)b;
                foreach (var key in da.Keys) AssertNothingShared(da[key]!, db[key]!, $"{path}[{key}]");
                return;
            }
            if (a is IEnumerable ea)
            {
                var la = ea.Cast<object>().ToList();
                var lb = ((IEnumerable)b).Cast<object>().ToList();
                for (int i = 0; i < Math.Min(la.Count, lb.Count); i++) AssertNothingShared(la[i], lb[i], $"{path}[{i}]");
                return;
            }
            for (var t = type; t != null && t != typeof(object); t = t.BaseType)
            {
                foreach (var f in t.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
                    AssertNothingShared(f.GetValue(a)!, f.GetValue(b)!, $"{path}.{f.Name}");
            }
        }
    }
}
