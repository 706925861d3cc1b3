using System;
using System.Collections.Generic;
using System.Linq;
using ModelConfig.Core.Building;
using ModelConfig.Core.Models;

namespace ModelConfig.Core.Serialization
{
    /// <summary>
    /// What the loader refuses although each field parses: sizes that are negative (they give negative memory), shapes
    /// transformers rejects, counts the builder would never have written, and sums that do not fit 64 bits. A file the
    /// builder wrote always passes; a hand-edited one fails here, naming the field, instead of giving a wrong number later.
    /// </summary>
    internal static class ModelConfigChecks
    {
        public static void Check(ModelConfiguration m, JsonFields f)
        {
            NonNegative(f, ("hidden_size", m.HiddenSize), ("num_layers", m.NumLayers), ("vocab_size", m.VocabSize),
                ("num_attention_heads", m.NumAttentionHeads), ("num_key_value_heads", m.NumKeyValueHeads), ("head_dim", m.HeadDim),
                ("intermediate_size", m.IntermediateSize), ("total_params", m.TotalParams), ("active_params", m.ActiveParams),
                ("embedding.params", m.Embedding.Params), ("lm_head.params", m.LmHead.Params));
            if (m.ActiveParams > m.TotalParams)
                throw f.Error("active_params", $"({m.ActiveParams:N0}) exceeds total_params ({m.TotalParams:N0}); a token cannot use more parameters than the model has");
            AtMost(f, "num_layers", m.NumLayers, FieldLimits.MaxLayers);
            AtMost(f, "hidden_size", m.HiddenSize, FieldLimits.MaxHidden);
            AtMost(f, "vocab_size", m.VocabSize, FieldLimits.MaxVocab);
            PositiveWhenSet(f, "max_position_embeddings", m.MaxPositionEmbeddings);
            if (m.NumKeyValueHeads > 0 && (m.NumKeyValueHeads > m.NumAttentionHeads || m.NumAttentionHeads % m.NumKeyValueHeads != 0))
                throw f.Error("num_key_value_heads", $"({m.NumKeyValueHeads}) must divide num_attention_heads ({m.NumAttentionHeads})");
            var b = m.ParamsBreakdown;
            NonNegative(f, ("params_breakdown.embedding", b.Embedding), ("params_breakdown.attention", b.Attention), ("params_breakdown.mlp", b.Mlp),
                ("params_breakdown.experts", b.Experts), ("params_breakdown.shared_experts", b.SharedExperts), ("params_breakdown.router", b.Router),
                ("params_breakdown.recurrent", b.Recurrent), ("params_breakdown.norms", b.Norms), ("params_breakdown.lm_head", b.LmHead),
                ("params_breakdown.vision", b.Vision));
            if (m.FinalNorm != null) NonNegative(f, ("final_norm.size", m.FinalNorm.Size));
            if (m.Vision != null) NonNegative(f, ("vision.tower_params", m.Vision.TowerParams), ("vision.projector_params", m.Vision.ProjectorParams));
            foreach (var kv in m.Blocks) CheckBlock(f, "blocks." + kv.Key, kv.Value);
            SumsFit(m, f);
        }

        private static void CheckBlock(JsonFields f, string at, DecoderBlockSpec block)
        {
            var a = block.Attention;
            if (a != null)
            {
                NonNegative(f, (at + ".attention.num_heads", a.NumHeads), (at + ".attention.num_kv_heads", a.NumKvHeads),
                    (at + ".attention.head_dim", a.HeadDim), (at + ".attention.v_head_dim", a.VHeadDim),
                    (at + ".attention.qk_nope_head_dim", a.QkNopeHeadDim ?? 0), (at + ".attention.qk_rope_head_dim", a.QkRopeHeadDim ?? 0),
                    (at + ".attention.state_elements_per_sequence", a.StateElementsPerSequence), (at + ".attention.params", a.Params));
                PositiveWhenSet(f, at + ".attention.sliding_window", a.SlidingWindow);
                PositiveWhenSet(f, at + ".attention.attention_chunk_size", a.ChunkSize);
                PositiveWhenSet(f, at + ".attention.q_lora_rank", a.QLoraRank);
                PositiveWhenSet(f, at + ".attention.kv_lora_rank", a.KvLoraRank);
            }
            var ffn = block.Ffn;
            if (ffn != null)
            {
                NonNegative(f, (at + ".ffn.intermediate_size", ffn.IntermediateSize), (at + ".ffn.num_experts", ffn.NumExperts),
                    (at + ".ffn.top_k", ffn.TopK), (at + ".ffn.num_shared_experts", ffn.NumSharedExperts),
                    (at + ".ffn.shared_intermediate_size", ffn.SharedIntermediateSize), (at + ".ffn.router_params", ffn.RouterParams),
                    (at + ".ffn.params_per_expert", ffn.ParamsPerExpert), (at + ".ffn.shared_expert_params", ffn.SharedExpertParams),
                    (at + ".ffn.params", ffn.Params));
                AtMost(f, at + ".ffn.num_experts", ffn.NumExperts, FieldLimits.MaxExperts);
                if (ffn.IsMoe && ffn.TopK > ffn.NumExperts)
                    throw f.Error(at + ".ffn.top_k", $"({ffn.TopK}) exceeds num_experts ({ffn.NumExperts})");
            }
            for (int i = 0; i < block.Norms.Count; i++) NonNegative(f, ($"{at}.norms[{i}].size", block.Norms[i].Size));
        }

        /// <summary>Every total the module derives from the file must fit a long; when one does not, the largest part is named.</summary>
        /// <remarks>
        /// The parts are listed only when a total overflows, and the totals are summed in loops: lists of tuples and sums over
        /// them are generic code compiled at run time, and every model file read in a new session paid for it.
        /// </remarks>
        private static void SumsFit(ModelConfiguration m, JsonFields f)
        {
            foreach (var kv in m.Blocks)
            {
                var blk = kv.Value;
                string key = kv.Key;
                Fits(f, () =>
                {
                    var parts = new List<(string, long)> { ("blocks." + key + ".attention.params", blk.Attention?.Params ?? 0),
                        ("blocks." + key + ".ffn.params", blk.Ffn?.Params ?? 0), ("blocks." + key + ".ffn.params_per_expert", blk.Ffn?.ParamsPerExpert ?? 0) };
                    parts.AddRange(blk.Norms.Select((n, i) => ($"blocks.{key}.norms[{i}].size", n.Size)));
                    if (blk.Attention != null) parts.Add(("blocks." + key + ".attention.head_dim", blk.Attention.HeadDim));
                    return parts;
                }, () => { _ = blk.Params; _ = blk.ActiveParams; _ = blk.KvCacheElementsPerToken; });
            }
            Fits(f, () =>
            {
                var whole = new List<(string, long)> { ("embedding.params", m.Embedding.Params), ("lm_head.params", m.LmHead.Params),
                    ("vision.tower_params", m.Vision?.TowerParams ?? 0), ("num_layers", m.NumLayers) };
                whole.AddRange(m.Blocks.Select(kv => ("blocks." + kv.Key + ".params", SafeParams(kv.Value))));
                return whole;
            }, () =>
            {
                // every part is non-negative (checked above), so a total overflows whatever order it is summed in
                long total = 0, active = 0;
                foreach (var n in m.DecoderLayerBlocks)
                {
                    total += m.Blocks[n].Params;
                    active += m.Blocks[n].ActiveParams;
                }
                _ = m.Embedding.Params + total + (m.FinalNorm?.Params ?? 0) + m.LmHead.Params + (m.Vision?.Params ?? 0);
                _ = m.KvCacheElementsPerToken;
            });
            var b = m.ParamsBreakdown;
            Fits(f, () => new List<(string, long)> { ("params_breakdown.experts", b.Experts), ("params_breakdown.mlp", b.Mlp), ("params_breakdown.attention", b.Attention),
                ("params_breakdown.embedding", b.Embedding), ("params_breakdown.lm_head", b.LmHead), ("params_breakdown.vision", b.Vision) }, () => { _ = b.Total; });
        }

        private static long SafeParams(DecoderBlockSpec b)
        {
            try { return b.Params; } catch (OverflowException) { return long.MaxValue; }
        }

        private static void Fits(JsonFields f, Func<List<(string Field, long Value)>> parts, Action sums)
        {
            try { sums(); }
            catch (OverflowException)
            {
                var largest = parts().OrderByDescending(p => p.Value).First();
                throw f.Error(largest.Field, $"({largest.Value:N0}) makes a total overflow a 64-bit integer; no real model is that large");
            }
        }

        private static void NonNegative(JsonFields f, params (string Field, long Value)[] values)
        {
            foreach (var (field, value) in values)
                if (value < 0) throw f.Error(field, $"must not be negative, found {value}");
        }

        private static void AtMost(JsonFields f, string field, long value, long max)
        {
            if (value > max) throw f.Error(field, $"is {value:N0}, more than the {max:N0} any model config may have");
        }

        private static void PositiveWhenSet(JsonFields f, string field, long? value)
        {
            if (value.HasValue && value.Value <= 0) throw f.Error(field, $"must be positive when set, found {value.Value}");
        }
    }
}
