using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using ModelConfig.Core.Models;

namespace ModelConfig.Core.Building
{
    /// <summary>
    /// Turns a HuggingFace config.json into a <see cref="ModelConfiguration"/> with exact parameter counts:
    /// TotalParams equals transformers' model.num_parameters() of the *ForCausalLM (or *ForConditionalGeneration)
    /// class: tied weights counted once, no buffers, no multi-token-prediction modules.
    /// </summary>
    public static class ModelConfigBuilder
    {
        public const string Version = "1.0.0";

        public static IReadOnlyList<string> SupportedModelTypes { get; } =
            Families.ByModelType.Keys.OrderBy(k => k, StringComparer.Ordinal).ToList().AsReadOnly();

        public static ModelConfiguration Build(JsonObject hfConfig, BuildOptions options)
        {
            if (hfConfig == null) throw new ArgumentNullException(nameof(hfConfig));
            options ??= new BuildOptions();
            var r = new ConfigReader(hfConfig);
            string modelType = r.Str("model_type", null) ?? throw r.Invalid("model_type", "is required (it names the architecture) but is missing");
            if (!Families.ByModelType.TryGetValue(modelType, out var family))
                throw new UnsupportedArchitectureException(modelType, SupportedModelTypes);

            // Names: recorded only when present, so the facts rebuild the same default id and name.
            string? nameKey = PeekName(hfConfig, r, "_name_or_path") != null ? "_name_or_path" : PeekName(hfConfig, r, "name") != null ? "name" : null;
            string? nameOrPath = nameKey == null ? null : PeekName(hfConfig, r, nameKey);
            ModelConfiguration m;
            try { m = Assemble(family(r), modelType); }
            catch (OverflowException)
            {
                var (field, value) = LargestNumber(r.Facts, "");
                throw new InvalidModelConfigException(field,
                    $"({value:N0}) makes a parameter count overflow a 64-bit integer; no real model is that large, so the value is most likely wrong");
            }

            string? hfId = options.HfModelId ?? options.Source?.HfModelId;
            string? idSource = hfId ?? nameOrPath ?? options.FallbackName;
            m.HfModelId = hfId;
            m.ModelId = options.ModelId ?? (idSource != null ? ModelIds.FromName(idSource) : ModelIds.FromName(modelType));
            if (!ModelIds.IsValid(m.ModelId, out var idProblem))
            {
                if (options.ModelId != null || idSource == null) throw new ArgumentException("Invalid model id: " + idProblem, nameof(options));
                throw new InvalidModelConfigException(hfId != null ? "hf_model_id" : nameKey ?? "name",
                    $"gives a model id that cannot be used: {idProblem}; give an id of your own");
            }
            m.Name = options.Name ?? (idSource != null ? LastPart(idSource) : m.ModelId);
            m.Source = options.Source;
            m.BuilderVersion = Version;
            m.Validated = false;
            m.ArchitectureFactsJson = r.Facts;
            return m;
        }

        /// <summary>Rebuilds a model from its recorded architecture facts, keeping its id, name and source.</summary>
        public static ModelConfiguration Rebuild(ModelConfiguration model)
        {
            if (model == null) throw new ArgumentNullException(nameof(model));
            var facts = model.ArchitectureFactsJson ?? throw new InvalidModelConfigException("architecture_facts", "is missing; the model cannot be rebuilt");
            return Build((JsonObject)facts.DeepClone(), new BuildOptions
            {
                ModelId = model.ModelId,
                Name = model.Name,
                HfModelId = model.HfModelId,
                Source = model.Source,
            });
        }

        private static string? PeekName(JsonObject src, ConfigReader r, string key)
        {
            if (!(src.TryGetPropertyValue(key, out var n) && n is JsonValue)) return null;
            var s = r.Str(key, null);
            return string.IsNullOrWhiteSpace(s) ? null : s!.Trim().TrimEnd('/', '\\');
        }

        /// <summary>The integer fact with the largest magnitude: the value that made a count overflow.</summary>
        private static (string Field, long Value) LargestNumber(JsonNode? node, string path)
        {
            (string, long) best = (path.Length == 0 ? "(config)" : path, 0);
            switch (node)
            {
                case JsonObject o:
                    foreach (var kv in o)
                    {
                        var c = LargestNumber(kv.Value, path.Length == 0 ? kv.Key : path + "." + kv.Key);
                        if (c.Value > best.Item2) best = c;
                    }
                    break;
                case JsonArray a:
                    for (int i = 0; i < a.Count; i++)
                    {
                        var c = LargestNumber(a[i], path + "[" + i + "]");
                        if (c.Value > best.Item2) best = c;
                    }
                    break;
                case JsonValue v when v.GetValueKind() == System.Text.Json.JsonValueKind.Number
                                      && long.TryParse(v.ToJsonString(), out var l):
                    best = (path, Math.Abs(l));
                    break;
            }
            return best;
        }

        private static string LastPart(string id)
        {
            var s = id.TrimEnd('/', '\\');
            int i = Math.Max(s.LastIndexOf('/'), s.LastIndexOf('\\'));
            return i >= 0 ? s.Substring(i + 1) : s;
        }

        private static ModelConfiguration Assemble(ModelDraft d, string modelType)
        {
            var m = new ModelConfiguration
            {
                Architecture = d.Architecture,
                ModelType = modelType,
                HiddenSize = d.HiddenSize,
                NumLayers = d.NumLayers,
                VocabSize = d.VocabSize,
                NumAttentionHeads = d.NumHeads,
                NumKeyValueHeads = d.NumKvHeads,
                HeadDim = d.HeadDim,
                IntermediateSize = d.IntermediateSize,
                MaxPositionEmbeddings = d.MaxPositionEmbeddings,
                TieWordEmbeddings = d.Tied,
                Embedding = new EmbeddingSpec
                {
                    VocabSize = d.VocabSize,
                    HiddenSize = d.HiddenSize,
                    PositionEmbeddings = d.PositionEmbeddings,
                    Params = d.EmbeddingParams,
                },
                FinalNorm = d.FinalNorm,
                Vision = d.Vision,
            };
            long headWeights = d.Tied ? 0 : (long)d.VocabSize * d.HiddenSize;
            m.LmHead = new LmHeadSpec { Tied = d.Tied, Bias = d.LmHeadBias, Params = headWeights + (d.LmHeadBias ? d.VocabSize : 0) };

            NameBlocks(d.Layers, m);

            // Breakdown: norms inside a mixer (QK-norm, MLA latent norms, gated Mamba/DeltaNet norms) count with that mixer;
            // Norms holds the per-layer norms and the final norm. A shared expert's gate counts with the shared experts.
            var b = new ParameterBreakdown { Embedding = m.Embedding.Params, LmHead = m.LmHead.Params, Vision = d.Vision?.Params ?? 0 };
            long inactive = 0;
            foreach (var name in m.DecoderLayerBlocks)
            {
                var blk = m.Blocks[name];
                if (blk.Attention != null)
                {
                    if (blk.Attention.IsRecurrent) b.Recurrent += blk.Attention.Params;
                    else b.Attention += blk.Attention.Params;
                }
                if (blk.Ffn != null)
                {
                    if (blk.Ffn.IsMoe)
                    {
                        b.Experts += blk.Ffn.NumExperts * blk.Ffn.ParamsPerExpert;
                        b.SharedExperts += blk.Ffn.SharedExpertParams;
                        b.Router += blk.Ffn.RouterParams;
                        inactive += blk.Ffn.InactiveParams;
                    }
                    else b.Mlp += blk.Ffn.Params;
                }
                b.Norms += blk.NormParams;
            }
            b.Norms += m.FinalNorm?.Params ?? 0;
            m.ParamsBreakdown = b;
            m.TotalParams = b.Total;
            long blockSum = m.DecoderLayerBlocks.Sum(n => m.Blocks[n].Params);
            long check = m.Embedding.Params + blockSum + (m.FinalNorm?.Params ?? 0) + m.LmHead.Params + (m.Vision?.Params ?? 0);
            if (check != m.TotalParams) throw new InvalidOperationException($"internal count mismatch: layers sum to {check}, breakdown to {m.TotalParams}");
            m.ActiveParams = m.TotalParams - inactive - b.Vision;
            m.InvalidateLayers();
            return m;
        }

        /// <summary>
        /// One template per distinct layer shape. Names say what differs between the templates: the mixer
        /// (sliding/full, linear/attention, mamba) and/or the feed-forward (dense/moe); "decoder" when all layers are alike.
        /// </summary>
        private static void NameBlocks(List<DecoderBlockSpec> layers, ModelConfiguration m)
        {
            var signatures = new List<string>(layers.Count);
            var distinct = new List<(string sig, DecoderBlockSpec block)>();
            foreach (var l in layers)
            {
                var sig = Signature(l);
                signatures.Add(sig);
                if (!distinct.Any(x => x.sig == sig)) distinct.Add((sig, l));
            }
            bool anySliding = distinct.Any(x => x.block.LayerType == LayerTypes.SlidingAttention || x.block.LayerType == LayerTypes.ChunkedAttention);
            string MixerPart(DecoderBlockSpec b)
            {
                switch (b.LayerType)
                {
                    case LayerTypes.SlidingAttention: return "sliding";
                    case LayerTypes.ChunkedAttention: return "chunked";
                    case LayerTypes.FullAttention: return anySliding ? "full" : "attention";
                    case LayerTypes.LinearAttention: return "linear";
                    case LayerTypes.Mamba: return "mamba";
                    case LayerTypes.MlpOnly: return "mlp";
                    default: return b.LayerType;
                }
            }
            string FfnPart(DecoderBlockSpec b) => b.Ffn == null ? "" : b.Ffn.IsMoe ? "moe" : "dense";
            bool mixerVaries = distinct.Select(x => MixerPart(x.block)).Distinct().Count() > 1;
            bool ffnVaries = distinct.Select(x => FfnPart(x.block)).Distinct().Count() > 1;
            var names = new Dictionary<string, string>(StringComparer.Ordinal);
            var used = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (sig, block) in distinct)
            {
                var parts = new List<string>();
                string mixer = MixerPart(block), ffn = FfnPart(block);
                if (mixerVaries) parts.Add(mixer);
                if (ffnVaries && ffn.Length > 0 && block.Attention != null) parts.Add(ffn);
                var name = parts.Count == 0 ? (ffnVaries && ffn.Length > 0 ? ffn : "decoder") : string.Join("_", parts);
                var unique = name;
                for (int k = 2; used.Contains(unique); k++) unique = name + "_" + k;
                used.Add(unique);
                names[sig] = unique;
                block.Name = unique;
                m.Blocks[unique] = block;
            }
            foreach (var sig in signatures) m.DecoderLayerBlocks.Add(names[sig]);
        }

        private static string Signature(DecoderBlockSpec b)
        {
            var o = new JsonObject { ["layer_type"] = b.LayerType, ["parallel"] = b.ParallelResidual };
            if (b.Attention != null)
            {
                var a = b.Attention;
                o["attention"] = string.Join("|", a.Form, a.NumHeads, a.NumKvHeads, a.HeadDim, a.VHeadDim, a.SlidingWindow, a.ChunkSize, a.QkvBias, a.OutputBias,
                    a.QkNorm, a.Sinks, a.QLoraRank, a.KvLoraRank, a.QkNopeHeadDim, a.QkRopeHeadDim, a.StateElementsPerSequence, a.Params);
            }
            if (b.Ffn != null)
            {
                var f = b.Ffn;
                o["ffn"] = string.Join("|", f.Form, f.Activation, f.Gated, f.Bias, f.IntermediateSize, f.NumExperts, f.TopK, f.NumSharedExperts,
                    f.SharedIntermediateSize, f.RouterParams, f.ParamsPerExpert, f.SharedExpertParams, f.Params);
            }
            o["norms"] = string.Join(";", b.Norms.Select(n => n.Name + "|" + n.Kind + "|" + n.Size + "|" + n.Bias));
            return o.ToJsonString();
        }
    }
}
