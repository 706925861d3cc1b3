using System;
using System.Collections.Generic;

namespace ModelConfig.Core.Building
{
    /// <summary>
    /// The largest count or size the builder accepts per config key. Every limit is orders of magnitude above any
    /// published model, yet keeps the work bounded: the builder lays out one block per layer, so 2^31 layers would run
    /// for a minute and then exhaust memory, and sums of two sizes stay within an int.
    /// </summary>
    internal static class FieldLimits
    {
        public const int MaxLayers = 10_000;
        public const int MaxHidden = 1_048_576;
        public const int MaxExperts = 100_000;
        public const int MaxVocab = 10_000_000;
        /// <summary>Any other size or count (heads, head dims, intermediate sizes, ranks).</summary>
        public const int DefaultMax = 1 << 26;

        private static readonly Dictionary<string, long> Max = new Dictionary<string, long>(StringComparer.Ordinal)
        {
            ["num_hidden_layers"] = MaxLayers, ["n_layer"] = MaxLayers, ["num_layers"] = MaxLayers, ["depth"] = MaxLayers,
            ["hidden_size"] = MaxHidden, ["n_embd"] = MaxHidden, ["d_model"] = MaxHidden,
            ["num_experts"] = MaxExperts, ["n_routed_experts"] = MaxExperts, ["num_local_experts"] = MaxExperts, ["moe_num_experts"] = MaxExperts,
            ["vocab_size"] = MaxVocab,
            // Lengths: no loop or table depends on them beyond one product, so any int is representable.
            ["max_position_embeddings"] = int.MaxValue, ["n_positions"] = int.MaxValue,
            ["sliding_window"] = int.MaxValue, ["attention_chunk_size"] = int.MaxValue, ["max_window_layers"] = int.MaxValue,
        };

        /// <summary>Keys whose null means "none" but whose number must then be positive, as transformers requires.</summary>
        private static readonly HashSet<string> PositiveWhenSet = new HashSet<string>(StringComparer.Ordinal)
        {
            "sliding_window", "max_position_embeddings", "n_positions", "q_lora_rank", "attention_chunk_size", "n_routed_experts",
        };

        public static long MaxFor(string key) => Max.TryGetValue(key, out var m) ? m : DefaultMax;

        public static bool MustBePositiveWhenSet(string key) => PositiveWhenSet.Contains(key);
    }
}
