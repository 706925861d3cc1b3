using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using ModelConfig.Core.Serialization;

namespace ModelConfig.Core.Models
{
    /// <summary>
    /// One model of the library: architecture summary, exact parameter counts, the compact per-layer
    /// layout (block templates plus the block name of every decoder layer) and the review state.
    /// </summary>
    public sealed class ModelConfiguration
    {
        public const int CurrentSchemaVersion = 1;

        public int SchemaVersion { get; set; } = CurrentSchemaVersion;
        public string ModelId { get; set; } = "";
        public string? HfModelId { get; set; }
        public string Name { get; set; } = "";
        /// <summary>The transformers class, e.g. LlamaForCausalLM.</summary>
        public string Architecture { get; set; } = "";
        /// <summary>The HuggingFace model_type, e.g. llama, deepseek_v3.</summary>
        public string ModelType { get; set; } = "";

        public int HiddenSize { get; set; }
        public int NumLayers { get; set; }
        public int VocabSize { get; set; }
        public int NumAttentionHeads { get; set; }
        public int NumKeyValueHeads { get; set; }
        public int HeadDim { get; set; }
        /// <summary>Dense MLP width; for MoE models the dense (or first-k dense) width, 0 when no layer is dense.</summary>
        public long IntermediateSize { get; set; }
        public long? MaxPositionEmbeddings { get; set; }
        public bool TieWordEmbeddings { get; set; }

        public long TotalParams { get; set; }
        /// <summary>Parameters used per text token: everything but the routed experts a token does not pick, and no vision tower.</summary>
        public long ActiveParams { get; set; }
        public string TotalParamsFormatted => ParameterCount.Format(TotalParams);
        public string ActiveParamsFormatted => ParameterCount.Format(ActiveParams);
        public ParameterBreakdown ParamsBreakdown { get; set; } = new ParameterBreakdown();

        public bool IsMoe => Blocks.Values.Any(b => b.Ffn != null && b.Ffn.IsMoe);
        public int? NumExperts => Blocks.Values.Select(b => b.Ffn).FirstOrDefault(f => f != null && f.IsMoe)?.NumExperts;
        public int? ExpertsPerToken => Blocks.Values.Select(b => b.Ffn).FirstOrDefault(f => f != null && f.IsMoe)?.TopK;

        /// <summary>K and V cache elements one token adds over all layers, before any sliding window caps a layer.</summary>
        public long KvCacheElementsPerToken
        {
            get
            {
                // a loop, not Enumerable.Sum: its long accumulator is generic code compiled at run time on first use
                long total = 0;
                foreach (var name in DecoderLayerBlocks) total += Blocks.TryGetValue(name, out var b) ? b.KvCacheElementsPerToken : 0L;
                return total;
            }
        }

        /// <summary>Recurrent state elements (linear attention, Mamba) one sequence keeps over all layers, whatever its length.</summary>
        public long RecurrentStateElementsPerSequence
        {
            get
            {
                // a loop, not Sum: LINQ's generic-math Sum over long is compiled at run time in a new session
                long total = 0;
                foreach (var name in DecoderLayerBlocks) total += Blocks.TryGetValue(name, out var b) ? b.Attention?.StateElementsPerSequence ?? 0L : 0L;
                return total;
            }
        }

        /// <summary>
        /// Bytes one sequence of <paramref name="context"/> tokens keeps on one GPU over all layers: per-token K/V (windows and
        /// chunks cap what a layer keeps, see <see cref="AttentionSpec.CachedTokens"/>) plus, when
        /// <paramref name="stateBytesPerElement"/> is not 0, the recurrent state. Defaults: one GPU, nothing sharded.
        /// </summary>
        public double KvCacheBytesPerSequence(double context, double kvBytesPerElement, int tensorParallel = 1,
            bool dataParallelAttention = false, double stateBytesPerElement = 0)
        {
            double total = 0;
            // the per-layer factors that do not depend on the context are worked out once per layout; the sum runs over the
            // same layers in the same order, so it is bit-identical
            var plan = KvPlanFor(tensorParallel, dataParallelAttention);
            if (plan.TryExactSum(context, kvBytesPerElement, stateBytesPerElement, out total)) return total;
            total = 0;
            var attention = plan.Attention;
            for (int i = 0; i < attention.Length; i++)
            {
                double cap = plan.Caps[i];
                total += plan.Elements[i] * (context < cap ? context : cap) * kvBytesPerElement;
                if (stateBytesPerElement != 0 && plan.HasState[i])
                    total += attention[i].RecurrentStateBytesPerSequencePerGpu(stateBytesPerElement, tensorParallel, dataParallelAttention);
            }
            return total;
        }

        /// <summary>The attention layers of <see cref="Layers"/> with their KV elements per token per GPU and cached-token caps.</summary>
        private sealed class KvPlan
        {
            public KvPlan(IReadOnlyList<LayerSpec> layers, int tp, bool dp)
            {
                Layers = layers;
                TensorParallel = tp;
                DataParallelAttention = dp;
                var attention = new List<AttentionSpec>();
                foreach (var layer in layers) if (layer.Attention != null) attention.Add(layer.Attention);
                Attention = attention.ToArray();
                Elements = new double[Attention.Length];
                Caps = new double[Attention.Length];
                HasState = new bool[Attention.Length];
                for (int i = 0; i < Attention.Length; i++)
                {
                    var at = Attention[i];
                    Elements[i] = at.KvCacheElementsPerTokenPerGpu(tp, dp);
                    // AttentionSpec.CachedTokens as one cap: the window, then the chunk, each only when smaller
                    double cap = double.PositiveInfinity;
                    if (at.SlidingWindow is int w && w > 0) cap = w;
                    if (at.ChunkSize is int c && c > 0 && c < cap) cap = c;
                    Caps[i] = cap;
                    HasState[i] = at.StateElementsPerSequence > 0;
                }
                GroupElements = ExactGroups(out var caps, out var counts);
                GroupCaps = caps;
                GroupCounts = counts;
            }

            /// <summary>
            /// The layers grouped by (elements, cap), with their counts, when every term of the sum is a whole number of
            /// elements per token times a whole number of tokens and no layer keeps recurrent state; null otherwise.
            /// </summary>
            private double[]? ExactGroups(out double[] caps, out int[] counts)
            {
                // plain arrays, not a list of tuples: a generic over a value type is compiled at run time, in a new session's first estimate
                var all = new double[Attention.Length];
                var allCaps = new double[Attention.Length];
                var allCounts = new int[Attention.Length];
                int n = 0;
                caps = allCaps;
                counts = allCounts;
                for (int i = 0; i < Attention.Length; i++)
                {
                    if (HasState[i] || Elements[i] != Math.Floor(Elements[i]) || Elements[i] < 0) return null;
                    if (!double.IsPositiveInfinity(Caps[i]) && Caps[i] != Math.Floor(Caps[i])) return null;
                    int g = 0;
                    while (g < n && !(all[g] == Elements[i] && allCaps[g] == Caps[i])) g++;
                    if (g == n) { all[n] = Elements[i]; allCaps[n] = Caps[i]; n++; }
                    allCounts[g]++;
                }
                var elements = new double[n];
                caps = new double[n];
                counts = new int[n];
                for (int g = 0; g < n; g++) { elements[g] = all[g]; caps[g] = allCaps[g]; counts[g] = allCounts[g]; }
                return elements;
            }

            // below 2^48 a multiple of 1/16 is a double exactly, and so is every product and partial sum on the way to it
            private const double ExactBound = 281474976710656.0;

            /// <summary>
            /// The layer-by-layer sum without walking the layers, when it is exact: a whole-token context and an element size
            /// that is a multiple of 1/16 byte (fp32, 16-bit, 8-bit, fp4 with its scales) make every term, and every partial sum
            /// below 2^48 bytes, a multiple of 1/16 that a double holds exactly. An exact sum does not depend on the order of its
            /// terms, so the grouped sum is the layer-by-layer one to the last bit. False when that cannot be shown.
            /// </summary>
            public bool TryExactSum(double context, double kvBytes, double stateBytes, out double total)
            {
                total = 0;
                var elements = GroupElements;
                if (elements == null || !(context >= 0) || context != Math.Floor(context) || kvBytes * 16 != Math.Floor(kvBytes * 16) || kvBytes < 0) return false;
                for (int g = 0; g < elements.Length; g++)
                {
                    double cap = GroupCaps[g];
                    total += GroupCounts[g] * (elements[g] * (context < cap ? context : cap) * kvBytes);
                }
                return total < ExactBound;
            }

            public IReadOnlyList<LayerSpec> Layers { get; }
            public int TensorParallel { get; }
            public bool DataParallelAttention { get; }
            public AttentionSpec[] Attention { get; }
            public double[] Elements { get; }
            public double[] Caps { get; }
            public bool[] HasState { get; }
            public double[]? GroupElements { get; }
            public double[] GroupCaps { get; }
            public int[] GroupCounts { get; }
        }

        // the plans of the layouts asked for so far (a search asks for a handful: TP 1..8, DP attention on or off); the array
        // is replaced whole, so readers on other threads see an old or a new set, never half of one
        private KvPlan[] _kvPlans = new KvPlan[0];

        private KvPlan KvPlanFor(int tp, bool dp)
        {
            var layers = GetLayers();
            var plans = _kvPlans;
            foreach (var p in plans)
                if (p.TensorParallel == tp && p.DataParallelAttention == dp && ReferenceEquals(p.Layers, layers)) return p;
            var plan = new KvPlan(layers, tp, dp);
            var grown = new KvPlan[plans.Length < 16 ? plans.Length + 1 : 1];
            if (grown.Length > 1) Array.Copy(plans, grown, plans.Length);
            grown[grown.Length - 1] = plan;
            _kvPlans = grown;
            return plan;
        }

        public bool Validated { get; set; }
        public string? ValidationNotes { get; set; }
        public ValidationRecord? Validation { get; set; }

        public ModelSource? Source { get; set; }
        public string? BuilderVersion { get; set; }

        /// <summary>The config fields the builder read, defaults made explicit: a minimal config.json that rebuilds this model.</summary>
        /// <remarks>Internal because PowerShell's ConvertTo-Json and Export-Csv walk every public property, and a JsonNode
        /// exports its Parent/Root/Options graph; <see cref="ArchitectureFacts"/> is the public, flat view.</remarks>
        internal JsonObject? ArchitectureFactsJson { get; set; }

        /// <summary>The architecture facts as plain values (null when the config has none); its ToString() is the compact JSON.</summary>
        public PlainJsonObject? ArchitectureFacts => ArchitectureFactsJson == null ? null : PlainJsonObject.Of(ArchitectureFactsJson);

        public EmbeddingSpec Embedding { get; set; } = new EmbeddingSpec();
        /// <summary>Block templates by name; every decoder layer names one.</summary>
        public SummaryDictionary<string, DecoderBlockSpec> Blocks { get; set; } = new SummaryDictionary<string, DecoderBlockSpec>(StringComparer.Ordinal);
        /// <summary>The block name of decoder layer i, for i = 0 .. NumLayers-1.</summary>
        public SummaryList<string> DecoderLayerBlocks { get; set; } = new SummaryList<string>();
        public NormSpec? FinalNorm { get; set; }
        public LmHeadSpec LmHead { get; set; } = new LmHeadSpec();
        /// <summary>Vision tower and multimodal projector of a multimodal checkpoint; null for text-only models.</summary>
        public VisionSpec? Vision { get; set; }

        /// <summary>The file this configuration was read from; null for one built in memory.</summary>
        public string? SourcePath { get; set; }

        /// <summary>Top-level JSON fields this schema version does not know; written back unchanged.</summary>
        internal JsonObject? AdditionalFields { get; set; }

        private IReadOnlyList<LayerSpec>? _layers;

        /// <summary>Every tensor group in order: embedding, each decoder layer, final norm, lm_head (and vision).</summary>
        /// <remarks>
        /// A method, not a property: it expands <see cref="Blocks"/> once per layer, and ConvertTo-Json walks every public
        /// property, so an 80-layer model exported as 150 KB, 96% of it this copy. PowerShell users still read
        /// <c>.Layers</c>: module/ModelConfig.Types.ps1xml adds it as a hidden property, which the exports skip.
        /// </remarks>
        public IReadOnlyList<LayerSpec> GetLayers() => _layers ??= LayerSpec.Expand(this);

        /// <summary>Drops the cached layer list after Blocks or DecoderLayerBlocks changed.</summary>
        public void InvalidateLayers() => _layers = null;

        public DecoderBlockSpec BlockOfLayer(int index) => Blocks[DecoderLayerBlocks[index]];

        /// <summary>
        /// A deep copy sharing no mutable object with this one, so the library can cache one parse and still give every
        /// caller an object of its own.
        /// </summary>
        public ModelConfiguration Clone()
        {
            var c = (ModelConfiguration)MemberwiseClone();
            c._layers = null;
            c._kvPlans = new KvPlan[0]; // plans hold the original's layer list: a copy builds its own
            c.ParamsBreakdown = ParamsBreakdown.Clone();
            c.Validation = Validation?.Clone();
            c.Source = Source?.Clone();
            c.ArchitectureFactsJson = (JsonObject?)ArchitectureFactsJson?.DeepClone();
            c.Embedding = Embedding.Clone();
            // a loop, not ToDictionary: LINQ over key-value pairs is compiled at run time in a new session's first estimate
            c.Blocks = new SummaryDictionary<string, DecoderBlockSpec>(StringComparer.Ordinal);
            foreach (var kv in Blocks) c.Blocks.Add(kv.Key, kv.Value.Clone());
            c.DecoderLayerBlocks = new SummaryList<string>(DecoderLayerBlocks);
            c.FinalNorm = FinalNorm?.Clone();
            c.LmHead = LmHead.Clone();
            c.Vision = Vision?.Clone();
            c.AdditionalFields = (JsonObject?)AdditionalFields?.DeepClone();
            return c;
        }

        public override string ToString() => ModelId;
    }

    public sealed class ParameterBreakdown
    {
        public ParameterBreakdown Clone() => (ParameterBreakdown)MemberwiseClone();

        public long Embedding { get; set; }
        public long Attention { get; set; }
        /// <summary>Dense MLPs (including the dense-first layers of MoE models).</summary>
        public long Mlp { get; set; }
        /// <summary>Routed experts of MoE layers.</summary>
        public long Experts { get; set; }
        public long SharedExperts { get; set; }
        public long Router { get; set; }
        /// <summary>Mamba / linear-attention mixers of hybrid models.</summary>
        public long Recurrent { get; set; }
        public long Norms { get; set; }
        public long LmHead { get; set; }
        public long Vision { get; set; }

        public long Total => Embedding + Attention + Mlp + Experts + SharedExperts + Router + Recurrent + Norms + LmHead + Vision;

        /// <summary>The non-zero parts, largest first: "experts 654.66B, attention 11.41B, ...".</summary>
        public override string ToString()
        {
            var parts = new (string Name, long Value)[]
            {
                ("embedding", Embedding), ("attention", Attention), ("mlp", Mlp), ("experts", Experts), ("shared_experts", SharedExperts),
                ("router", Router), ("recurrent", Recurrent), ("norms", Norms), ("lm_head", LmHead), ("vision", Vision),
            };
            return string.Join(", ", parts.Where(p => p.Value != 0).OrderByDescending(p => p.Value).Select(p => p.Name + " " + ParameterCount.Format(p.Value)));
        }
    }

    public sealed class ValidationRecord
    {
        public ValidationRecord Clone() => (ValidationRecord)MemberwiseClone();

        public string? ValidatedBy { get; set; }
        public DateTime? ValidatedAtUtc { get; set; }
        public long? ReferenceParams { get; set; }
        public string? ReferenceSource { get; set; }

        public override string ToString() =>
            string.Join(", ", new[] { ValidatedBy, ValidatedAtUtc?.ToString("u", System.Globalization.CultureInfo.InvariantCulture), ReferenceSource }.Where(s => !string.IsNullOrEmpty(s)));
    }

    public sealed class ModelSource
    {
        public ModelSource Clone() => (ModelSource)MemberwiseClone();

        /// <summary>file or hub.</summary>
        public string Kind { get; set; } = "file";
        /// <summary>
        /// The config file's name only (normally config.json). The folder it was read from is deliberately not kept:
        /// a bundled file must not depend on, or reveal, the machine that generated it; HfModelId, Revision and
        /// CommitSha say where the config comes from.
        /// </summary>
        public string? File { get; set; }
        public string? HfModelId { get; set; }
        public string? Revision { get; set; }
        public string? CommitSha { get; set; }
        public DateTime? RetrievedAtUtc { get; set; }

        public override string ToString()
        {
            var version = CommitSha ?? Revision;
            var where = HfModelId != null ? HfModelId + (version != null ? "@" + version : "") : null;
            if (Kind == "hub") return where ?? Kind;
            return where != null ? $"{where} ({File ?? "config.json"})" : File ?? Kind;
        }
    }
}
