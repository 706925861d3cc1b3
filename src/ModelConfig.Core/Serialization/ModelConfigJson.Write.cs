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
    public static partial class ModelConfigJson
    {
        public static string Write(ModelConfiguration m) => JsonText.Format(ToJson(m));

        /// <summary>The file form, fields in a fixed order so diffs between versions stay small.</summary>
        public static JsonObject ToJson(ModelConfiguration m)
        {
            var o = new JsonObject
            {
                ["schema_version"] = m.SchemaVersion,
                ["model_id"] = m.ModelId,
                ["name"] = m.Name,
                ["hf_model_id"] = m.HfModelId,
                ["architecture"] = m.Architecture,
                ["model_type"] = m.ModelType,
                ["hidden_size"] = m.HiddenSize,
                ["num_layers"] = m.NumLayers,
                ["vocab_size"] = m.VocabSize,
                ["num_attention_heads"] = m.NumAttentionHeads,
                ["num_key_value_heads"] = m.NumKeyValueHeads,
                ["head_dim"] = m.HeadDim,
                ["intermediate_size"] = m.IntermediateSize,
                ["max_position_embeddings"] = m.MaxPositionEmbeddings,
                ["tie_word_embeddings"] = m.TieWordEmbeddings,
                ["total_params"] = m.TotalParams,
                ["active_params"] = m.ActiveParams,
                ["params_breakdown"] = new JsonObject
                {
                    ["embedding"] = m.ParamsBreakdown.Embedding,
                    ["attention"] = m.ParamsBreakdown.Attention,
                    ["mlp"] = m.ParamsBreakdown.Mlp,
                    ["experts"] = m.ParamsBreakdown.Experts,
                    ["shared_experts"] = m.ParamsBreakdown.SharedExperts,
                    ["router"] = m.ParamsBreakdown.Router,
                    ["recurrent"] = m.ParamsBreakdown.Recurrent,
                    ["norms"] = m.ParamsBreakdown.Norms,
                    ["lm_head"] = m.ParamsBreakdown.LmHead,
                    ["vision"] = m.ParamsBreakdown.Vision,
                },
                ["kv_cache_elements_per_token"] = m.KvCacheElementsPerToken,
                ["validated"] = m.Validated,
                ["validation_notes"] = m.ValidationNotes,
            };
            if (m.Validation != null)
            {
                o["validation"] = new JsonObject
                {
                    ["validated_by"] = m.Validation.ValidatedBy,
                    ["validated_at_utc"] = m.Validation.ValidatedAtUtc?.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
                    ["reference_params"] = m.Validation.ReferenceParams,
                    ["reference_source"] = m.Validation.ReferenceSource,
                };
            }
            if (m.Source != null)
            {
                o["source"] = new JsonObject
                {
                    ["kind"] = m.Source.Kind,
                    ["file"] = m.Source.File,
                    ["hf_model_id"] = m.Source.HfModelId,
                    ["revision"] = m.Source.Revision,
                    ["commit_sha"] = m.Source.CommitSha,
                    ["retrieved_at_utc"] = m.Source.RetrievedAtUtc?.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
                };
            }
            o["builder_version"] = m.BuilderVersion;
            if (m.ArchitectureFactsJson != null) o["architecture_facts"] = m.ArchitectureFactsJson.DeepClone();
            o["embedding"] = new JsonObject
            {
                ["vocab_size"] = m.Embedding.VocabSize,
                ["hidden_size"] = m.Embedding.HiddenSize,
                ["position_embeddings"] = m.Embedding.PositionEmbeddings,
                ["params"] = m.Embedding.Params,
            };
            var blocks = new JsonObject();
            foreach (var kv in m.Blocks) blocks[kv.Key] = BlockToJson(kv.Value);
            o["blocks"] = blocks;
            var layers = new JsonArray();
            foreach (var name in m.DecoderLayerBlocks) layers.Add(name);
            o["layers"] = layers;
            if (m.FinalNorm != null) o["final_norm"] = NormToJson(m.FinalNorm);
            o["lm_head"] = new JsonObject { ["tied"] = m.LmHead.Tied, ["bias"] = m.LmHead.Bias, ["params"] = m.LmHead.Params };
            if (m.Vision != null)
            {
                o["vision"] = new JsonObject
                {
                    ["kind"] = m.Vision.Kind,
                    ["num_layers"] = m.Vision.NumLayers,
                    ["hidden_size"] = m.Vision.HiddenSize,
                    ["tower_params"] = m.Vision.TowerParams,
                    ["projector_params"] = m.Vision.ProjectorParams,
                };
            }
            RemoveNulls(o);
            if (m.AdditionalFields != null)
            {
                foreach (var kv in m.AdditionalFields) o[kv.Key] = kv.Value?.DeepClone();
            }
            return o;
        }

        private static JsonObject BlockToJson(DecoderBlockSpec b)
        {
            var o = new JsonObject { ["layer_type"] = b.LayerType };
            if (b.ParallelResidual) o["parallel_residual"] = true;
            if (b.Attention != null)
            {
                var a = b.Attention;
                o["attention"] = new JsonObject
                {
                    ["form"] = a.Form,
                    ["num_heads"] = a.NumHeads,
                    ["num_kv_heads"] = a.NumKvHeads,
                    ["head_dim"] = a.HeadDim,
                    ["v_head_dim"] = a.VHeadDim,
                    ["sliding_window"] = a.SlidingWindow,
                    ["attention_chunk_size"] = a.ChunkSize,
                    ["qkv_bias"] = a.QkvBias,
                    ["output_bias"] = a.OutputBias,
                    ["qk_norm"] = a.QkNorm,
                    ["sinks"] = a.Sinks ? true : (bool?)null,
                    ["q_lora_rank"] = a.QLoraRank,
                    ["kv_lora_rank"] = a.KvLoraRank,
                    ["qk_nope_head_dim"] = a.QkNopeHeadDim,
                    ["qk_rope_head_dim"] = a.QkRopeHeadDim,
                    ["state_elements_per_sequence"] = a.StateElementsPerSequence == 0 ? (long?)null : a.StateElementsPerSequence,
                    ["kv_cache_elements_per_token"] = a.KvCacheElementsPerToken,
                    ["params"] = a.Params,
                };
            }
            if (b.Ffn != null)
            {
                var f = b.Ffn;
                var fo = new JsonObject
                {
                    ["form"] = f.Form,
                    ["activation"] = f.Activation,
                    ["gated"] = f.Gated,
                    ["bias"] = f.Bias,
                    ["intermediate_size"] = f.IntermediateSize,
                };
                if (f.IsMoe)
                {
                    fo["num_experts"] = f.NumExperts;
                    fo["top_k"] = f.TopK;
                    fo["num_shared_experts"] = f.NumSharedExperts;
                    fo["shared_intermediate_size"] = f.SharedIntermediateSize;
                    fo["params_per_expert"] = f.ParamsPerExpert;
                    fo["shared_expert_params"] = f.SharedExpertParams;
                    fo["router_params"] = f.RouterParams;
                }
                fo["params"] = f.Params;
                o["ffn"] = fo;
            }
            var norms = new JsonArray();
            foreach (var n in b.Norms) norms.Add(NormToJson(n));
            o["norms"] = norms;
            o["params"] = b.Params;
            return o;
        }

        private static JsonObject NormToJson(NormSpec n) => new JsonObject
        {
            ["name"] = n.Name,
            ["kind"] = n.Kind,
            ["size"] = n.Size,
            ["bias"] = n.Bias,
        };

        private static void RemoveNulls(JsonObject o)
        {
            foreach (var key in o.Where(kv => kv.Value == null).Select(kv => kv.Key).ToList()) o.Remove(key);
            // architecture_facts is a config.json excerpt: a null there (sliding_window: null) means something.
            foreach (var kv in o) if (kv.Value is JsonObject child && kv.Key != "architecture_facts") RemoveNulls(child);
        }
    }
}
