using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ModelConfig.Core.Models;

namespace ModelConfig.Core.Serialization
{
    /// <summary>
    /// Reads (this file) and writes (ModelConfigJson.Write.cs) the library's model config files (schema: data/schemas/model-config.schema.json).
    /// The file keeps each block template once and a block name per decoder layer.
    /// </summary>
    public static partial class ModelConfigJson
    {
        private static readonly HashSet<string> KnownFields = new HashSet<string>(StringComparer.Ordinal)
        {
            "$schema", "schema_version", "model_id", "name", "hf_model_id", "architecture", "model_type",
            "hidden_size", "num_layers", "vocab_size", "num_attention_heads", "num_key_value_heads", "head_dim",
            "intermediate_size", "max_position_embeddings", "tie_word_embeddings",
            "total_params", "active_params", "params_breakdown", "kv_cache_elements_per_token",
            "validated", "validation_notes", "validation", "source", "builder_version", "architecture_facts",
            "embedding", "blocks", "layers", "final_norm", "lm_head", "vision",
        };

        internal static readonly JsonDocumentOptions DocumentOptions = new JsonDocumentOptions
        {
            AllowTrailingCommas = false,
            CommentHandling = JsonCommentHandling.Skip,
            MaxDepth = 64,
        };

        public static ModelConfiguration ReadFile(string path)
        {
            string text;
            try { text = DataFileReader.ReadText(path); }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                throw new DataFileFormatException(path, null, "cannot be read: " + e.Message, e);
            }
            var model = Read(text, path);
            model.SourcePath = path;
            return model;
        }

        /// <summary>Parses a file's text into a JSON object, naming the file and position of a syntax error.</summary>
        public static JsonObject ParseObject(string text, string? file)
        {
            JsonNode? node;
            try { node = JsonNode.Parse(text, documentOptions: DocumentOptions); }
            catch (JsonException e)
            {
                var where = e.LineNumber.HasValue ? $" (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1})" : "";
                throw new DataFileFormatException(file, null, "is not valid JSON" + where + ": " + FirstSentence(e.Message), e);
            }
            if (StrictJson.FindProblem(text) is (string Path, string Problem) bad) throw new DataFileFormatException(file, bad.Path, bad.Problem);
            return node as JsonObject ?? throw new DataFileFormatException(file, null, "must contain a JSON object at the top level");
        }

        public static ModelConfiguration Read(string text, string? file) => FromJson(ParseObject(text, file), file);

        public static ModelConfiguration FromJson(JsonObject root, string? file)
        {
            var f = new JsonFields(root, file);
            int schema = f.Int("schema_version");
            if (schema < 1 || schema > ModelConfiguration.CurrentSchemaVersion)
                throw f.Error("schema_version", $"is {schema}; this version of ModelConfig reads 1 to {ModelConfiguration.CurrentSchemaVersion}");

            var m = new ModelConfiguration
            {
                SchemaVersion = schema,
                ModelId = f.String("model_id"),
                Name = f.OptString("name") ?? f.String("model_id"),
                HfModelId = f.OptString("hf_model_id"),
                Architecture = f.String("architecture"),
                ModelType = f.String("model_type"),
                HiddenSize = f.Int("hidden_size"),
                NumLayers = f.Int("num_layers"),
                VocabSize = f.Int("vocab_size"),
                NumAttentionHeads = f.OptInt("num_attention_heads") ?? 0,
                NumKeyValueHeads = f.OptInt("num_key_value_heads") ?? 0,
                HeadDim = f.OptInt("head_dim") ?? 0,
                IntermediateSize = f.OptLong("intermediate_size") ?? 0,
                MaxPositionEmbeddings = f.OptLong("max_position_embeddings"),
                TieWordEmbeddings = f.OptBool("tie_word_embeddings") ?? false,
                TotalParams = f.Long("total_params"),
                Validated = f.Bool("validated"),
                ValidationNotes = f.OptString("validation_notes"),
                BuilderVersion = f.OptString("builder_version"),
            };
            if (!ModelIds.IsValid(m.ModelId, out var why)) throw f.Error("model_id", why);
            m.ActiveParams = f.OptLong("active_params") ?? m.TotalParams;

            var pb = f.OptObject("params_breakdown");
            if (pb != null)
            {
                m.ParamsBreakdown = new ParameterBreakdown
                {
                    Embedding = pb.OptLong("embedding") ?? 0,
                    Attention = pb.OptLong("attention") ?? 0,
                    Mlp = pb.OptLong("mlp") ?? 0,
                    Experts = pb.OptLong("experts") ?? 0,
                    SharedExperts = pb.OptLong("shared_experts") ?? 0,
                    Router = pb.OptLong("router") ?? 0,
                    Recurrent = pb.OptLong("recurrent") ?? 0,
                    Norms = pb.OptLong("norms") ?? 0,
                    LmHead = pb.OptLong("lm_head") ?? 0,
                    Vision = pb.OptLong("vision") ?? 0,
                };
            }

            var v = f.OptObject("validation");
            if (v != null)
            {
                m.Validation = new ValidationRecord
                {
                    ValidatedBy = v.OptString("validated_by"),
                    ValidatedAtUtc = v.OptDate("validated_at_utc"),
                    ReferenceParams = v.OptLong("reference_params"),
                    ReferenceSource = v.OptString("reference_source"),
                };
            }

            var s = f.OptObject("source");
            if (s != null)
            {
                m.Source = new ModelSource
                {
                    Kind = s.OptString("kind") ?? "file",
                    // Files written before 1.0 kept the generating machine's absolute path; only its name is kept now.
                    File = FileNameOnly(s.OptString("file") ?? s.OptString("path")),
                    HfModelId = s.OptString("hf_model_id"),
                    Revision = s.OptString("revision"),
                    CommitSha = s.OptString("commit_sha"),
                    RetrievedAtUtc = s.OptDate("retrieved_at_utc"),
                };
            }

            if (root.TryGetPropertyValue("architecture_facts", out var facts) && facts != null)
            {
                m.ArchitectureFactsJson = facts as JsonObject ?? throw f.Error("architecture_facts", "must be an object");
            }

            var emb = f.Object("embedding");
            m.Embedding = new EmbeddingSpec
            {
                VocabSize = emb.OptInt("vocab_size") ?? m.VocabSize,
                HiddenSize = emb.OptInt("hidden_size") ?? m.HiddenSize,
                PositionEmbeddings = emb.OptInt("position_embeddings") ?? 0,
                Params = emb.Long("params"),
            };

            foreach (var kv in f.Object("blocks").Objects())
            {
                m.Blocks[kv.Key] = ReadBlock(kv.Key, kv.Value);
            }
            var layers = f.Array("layers");
            for (int i = 0; i < layers.Count; i++)
            {
                var name = layers[i] is JsonValue lv && lv.GetValueKind() == JsonValueKind.String ? lv.GetValue<string>() : null;
                if (name == null) throw f.Error($"layers[{i}]", "must be a block name (a string)");
                if (!m.Blocks.ContainsKey(name)) throw f.Error($"layers[{i}]", $"names block '{name}', which 'blocks' does not define");
                m.DecoderLayerBlocks.Add(name);
            }
            if (m.DecoderLayerBlocks.Count != m.NumLayers)
                throw f.Error("layers", $"lists {m.DecoderLayerBlocks.Count} layers but num_layers is {m.NumLayers}");

            var fn = f.OptObject("final_norm");
            if (fn != null) m.FinalNorm = ReadNorm(fn, "norm");

            var head = f.Object("lm_head");
            m.LmHead = new LmHeadSpec
            {
                Tied = head.Bool("tied"),
                Bias = head.OptBool("bias") ?? false,
                Params = head.Long("params"),
            };

            var vis = f.OptObject("vision");
            if (vis != null)
            {
                m.Vision = new VisionSpec
                {
                    Kind = vis.OptString("kind") ?? "",
                    NumLayers = vis.OptInt("num_layers") ?? 0,
                    HiddenSize = vis.OptInt("hidden_size") ?? 0,
                    TowerParams = vis.Long("tower_params"),
                    ProjectorParams = vis.OptLong("projector_params") ?? 0,
                };
            }

            var extra = new JsonObject();
            foreach (var kv in root)
            {
                if (!KnownFields.Contains(kv.Key)) extra[kv.Key] = kv.Value?.DeepClone();
            }
            m.AdditionalFields = extra.Count > 0 ? extra : null;
            ModelConfigChecks.Check(m, f);
            return m;
        }

        private static DecoderBlockSpec ReadBlock(string name, JsonFields b)
        {
            var block = new DecoderBlockSpec
            {
                Name = name,
                LayerType = b.String("layer_type"),
                ParallelResidual = b.OptBool("parallel_residual") ?? false,
            };
            var a = b.OptObject("attention");
            if (a != null)
            {
                block.Attention = new AttentionSpec
                {
                    Form = a.String("form"),
                    NumHeads = a.OptInt("num_heads") ?? 0,
                    NumKvHeads = a.OptInt("num_kv_heads") ?? 0,
                    HeadDim = a.OptInt("head_dim") ?? 0,
                    VHeadDim = a.OptInt("v_head_dim") ?? a.OptInt("head_dim") ?? 0,
                    SlidingWindow = a.OptInt("sliding_window"),
                    ChunkSize = a.OptInt("attention_chunk_size"),
                    QkvBias = a.OptBool("qkv_bias") ?? false,
                    OutputBias = a.OptBool("output_bias") ?? false,
                    QkNorm = a.OptString("qk_norm") ?? "none",
                    Sinks = a.OptBool("sinks") ?? false,
                    QLoraRank = a.OptInt("q_lora_rank"),
                    KvLoraRank = a.OptInt("kv_lora_rank"),
                    QkNopeHeadDim = a.OptInt("qk_nope_head_dim"),
                    QkRopeHeadDim = a.OptInt("qk_rope_head_dim"),
                    StateElementsPerSequence = a.OptLong("state_elements_per_sequence") ?? 0,
                    Params = a.Long("params"),
                };
            }
            var ffn = b.OptObject("ffn");
            if (ffn != null)
            {
                block.Ffn = new FeedForwardSpec
                {
                    Form = ffn.String("form"),
                    Activation = ffn.OptString("activation") ?? "silu",
                    Gated = ffn.OptBool("gated") ?? true,
                    Bias = ffn.OptBool("bias") ?? false,
                    IntermediateSize = ffn.Long("intermediate_size"),
                    NumExperts = ffn.OptInt("num_experts") ?? 0,
                    TopK = ffn.OptInt("top_k") ?? 0,
                    NumSharedExperts = ffn.OptInt("num_shared_experts") ?? 0,
                    SharedIntermediateSize = ffn.OptLong("shared_intermediate_size") ?? 0,
                    RouterParams = ffn.OptLong("router_params") ?? 0,
                    ParamsPerExpert = ffn.OptLong("params_per_expert") ?? 0,
                    SharedExpertParams = ffn.OptLong("shared_expert_params") ?? 0,
                    Params = ffn.Long("params"),
                };
                if (block.Ffn.Form != "dense" && block.Ffn.Form != "moe") throw ffn.Error("form", $"must be 'dense' or 'moe', found '{block.Ffn.Form}'");
                if (block.Ffn.IsMoe && (block.Ffn.NumExperts <= 0 || block.Ffn.TopK <= 0))
                    throw ffn.Error("num_experts", "and top_k must be positive for a moe block");
            }
            var norms = b.OptArray("norms");
            if (norms != null)
            {
                for (int i = 0; i < norms.Count; i++)
                {
                    if (!(norms[i] is JsonObject no)) throw b.Error($"norms[{i}]", "must be an object");
                    block.Norms.Add(ReadNorm(new JsonFields(no, null, b.Path($"norms[{i}]")), null));
                }
            }
            return block;
        }

        private static NormSpec ReadNorm(JsonFields n, string? defaultName) => new NormSpec
        {
            Name = n.OptString("name") ?? defaultName ?? n.String("name"),
            Kind = n.OptString("kind") ?? "rms_norm",
            Size = n.Long("size"),
            Bias = n.OptBool("bias") ?? false,
        };

        private static string? FileNameOnly(string? path) =>
            string.IsNullOrEmpty(path) ? path : Path.GetFileName(path!.Replace('\\', '/'));

        private static string FirstSentence(string message)
        {
            int i = message.IndexOf(" Path:", StringComparison.Ordinal);
            return i > 0 ? message.Substring(0, i) : message;
        }
    }
}
