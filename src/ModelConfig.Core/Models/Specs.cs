using System.Collections.Generic;
using System.Linq;

namespace ModelConfig.Core.Models
{
    /// <summary>What kind of token mixing a decoder layer does.</summary>
    public static class LayerTypes
    {
        public const string FullAttention = "full_attention";
        public const string SlidingAttention = "sliding_attention";
        /// <summary>Chunked local attention (Llama 4): attends within an aligned chunk of <see cref="AttentionSpec.ChunkSize"/> tokens.</summary>
        public const string ChunkedAttention = "chunked_attention";
        public const string LinearAttention = "linear_attention";
        public const string Mamba = "mamba";
        /// <summary>A layer with only a feed-forward part (e.g. Nemotron-H '-' layers).</summary>
        public const string MlpOnly = "mlp_only";
    }

    /// <summary>Attention forms. MLA caches a latent, not per-head K/V.</summary>
    public static class AttentionForms
    {
        public const string Mha = "MHA";
        public const string Gqa = "GQA";
        public const string Mqa = "MQA";
        public const string Mla = "MLA";
        public const string Linear = "linear";
        public const string Mamba = "mamba";
    }

    public sealed class DecoderBlockSpec
    {
        public DecoderBlockSpec Clone()
        {
            var c = (DecoderBlockSpec)MemberwiseClone();
            c.Attention = Attention?.Clone();
            c.Ffn = Ffn?.Clone();
            c.Norms = Norms.Select(n => n.Clone()).ToList();
            return c;
        }

        public string Name { get; set; } = "";
        /// <summary>One of <see cref="LayerTypes"/>.</summary>
        public string LayerType { get; set; } = LayerTypes.FullAttention;
        /// <summary>Token mixer: attention, linear attention or Mamba; null for MLP-only layers.</summary>
        public AttentionSpec? Attention { get; set; }
        /// <summary>Feed-forward part; null for mixer-only layers (e.g. Nemotron-H Mamba layers).</summary>
        public FeedForwardSpec? Ffn { get; set; }
        public List<NormSpec> Norms { get; set; } = new List<NormSpec>();
        /// <summary>Attention and MLP read the same normed input and are summed (GPT-J, Falcon, Cohere).</summary>
        public bool ParallelResidual { get; set; }

        public long NormParams
        {
            get
            {
                // a loop, not Sum: LINQ's generic-math Sum over long is compiled at run time in a new session's first read
                long total = 0;
                foreach (var n in Norms) total += n.Params;
                return total;
            }
        }
        public long Params => (Attention?.Params ?? 0) + (Ffn?.Params ?? 0) + NormParams;
        /// <summary>Per token: the FFN's active weights (shared experts and top-k routed experts for MoE).</summary>
        public long ActiveParams => (Attention?.Params ?? 0) + (Ffn?.ActiveParams ?? 0) + NormParams;
        public long KvCacheElementsPerToken => Attention?.KvCacheElementsPerToken ?? 0;

        public override string ToString() => $"{Name} ({LayerType}, {ParameterCount.Format(Params)})";
    }

    public sealed class AttentionSpec
    {
        public AttentionSpec Clone() => (AttentionSpec)MemberwiseClone();

        /// <summary>One of <see cref="AttentionForms"/>.</summary>
        public string Form { get; set; } = AttentionForms.Gqa;
        public int NumHeads { get; set; }
        public int NumKvHeads { get; set; }
        /// <summary>Query/key head width (for MLA: nope + rope dims).</summary>
        public int HeadDim { get; set; }
        public int VHeadDim { get; set; }
        /// <summary>Tokens a sliding-window layer attends to; null for full attention.</summary>
        public int? SlidingWindow { get; set; }
        /// <summary>Chunk of a chunked-attention layer (Llama 4 attention_chunk_size); null otherwise. The cache never holds more than one chunk.</summary>
        public int? ChunkSize { get; set; }

        /// <summary>Tokens of a <paramref name="context"/>-token sequence this layer keeps in its KV cache: capped by a window or a chunk.</summary>
        public double CachedTokens(double context)
        {
            if (SlidingWindow is int w && w > 0 && w < context) context = w;
            if (ChunkSize is int c && c > 0 && c < context) context = c;
            return context;
        }

        /// <summary>Query-key pairs causal attention computes over a <paramref name="length"/>-token prompt (window or chunks honoured).</summary>
        public double CausalPairs(double length)
        {
            if (ChunkSize is int c && c > 0 && length > c)
            {
                double full = System.Math.Floor(length / c), rest = length - full * c;
                return full * c * (c + 1.0) / 2 + rest * (rest + 1) / 2;
            }
            if (SlidingWindow is int w && w > 0 && length > w) return w * (w + 1.0) / 2 + (length - w) * w;
            return length * (length + 1) / 2;
        }
        public bool QkvBias { get; set; }
        public bool OutputBias { get; set; }
        /// <summary>none, per_head (size head_dim, Qwen3/Gemma3) or full_width (OLMo-2).</summary>
        public string QkNorm { get; set; } = "none";
        /// <summary>Learned attention sinks, one per head (gpt-oss).</summary>
        public bool Sinks { get; set; }

        // MLA (DeepSeek-V2/V3, Kimi-K2)
        public int? QLoraRank { get; set; }
        public int? KvLoraRank { get; set; }
        public int? QkNopeHeadDim { get; set; }
        public int? QkRopeHeadDim { get; set; }

        /// <summary>Recurrent state a linear-attention or Mamba layer keeps per sequence, in elements (not per token).</summary>
        public long StateElementsPerSequence { get; set; }

        public long Params { get; set; }

        /// <summary>Linear attention and Mamba keep a fixed state per sequence instead of a cache that grows per token.</summary>
        public bool IsRecurrent => Form == AttentionForms.Linear || Form == AttentionForms.Mamba;

        /// <summary>Value head width; a spec without one uses the query/key width, as the config reader does.</summary>
        public int ValueHeadDim => VHeadDim > 0 ? VHeadDim : HeadDim;

        /// <summary>MLA caches its compressed latent (kv_lora_rank + rope dims) instead of per-head K and V.</summary>
        public long MlaLatentElementsPerToken => (long)(KvLoraRank ?? 0) + (QkRopeHeadDim ?? 0);

        /// <summary>K and V elements one token adds to this layer's cache (the whole layer, not sharded).</summary>
        public long KvCacheElementsPerToken
        {
            get
            {
                if (Form == AttentionForms.Mla) return MlaLatentElementsPerToken;
                if (IsRecurrent) return 0;
                return (long)NumKvHeads * (HeadDim + ValueHeadDim);
            }
        }

        /// <summary>
        /// K and V elements one token adds to this layer's cache on one GPU. TP splits the KV heads, but a GPU holds at least
        /// one whole head, hence the ceiling; under DP attention every GPU runs whole attention for its own sequences; the
        /// MLA latent is not split by heads, so every TP rank keeps all of it.
        /// </summary>
        public double KvCacheElementsPerTokenPerGpu(int tensorParallel, bool dataParallelAttention)
        {
            if (Form == AttentionForms.Mla) return MlaLatentElementsPerToken;
            if (IsRecurrent) return 0;
            double kvHeads = dataParallelAttention ? NumKvHeads : System.Math.Ceiling((double)NumKvHeads / tensorParallel);
            return kvHeads * (HeadDim + ValueHeadDim);
        }

        /// <summary>Bytes of recurrent state one sequence keeps in this layer on one GPU: sharded by TP like the heads, whole under DP attention.</summary>
        public double RecurrentStateBytesPerSequencePerGpu(double bytesPerElement, int tensorParallel, bool dataParallelAttention)
            => StateElementsPerSequence * bytesPerElement / (dataParallelAttention ? 1 : tensorParallel);

        public override string ToString() => Form == AttentionForms.Mla
            ? $"MLA {NumHeads}h q_lora {QLoraRank} kv_lora {KvLoraRank}"
            : $"{Form} {NumHeads}q/{NumKvHeads}kv x {HeadDim}";
    }

    public sealed class FeedForwardSpec
    {
        public FeedForwardSpec Clone() => (FeedForwardSpec)MemberwiseClone();

        /// <summary>dense or moe.</summary>
        public string Form { get; set; } = "dense";
        /// <summary>silu, gelu, gelu_tanh, relu2, swiglu_oai ... as the config names it.</summary>
        public string Activation { get; set; } = "silu";
        /// <summary>Gated (three matrices: gate, up, down) or plain (two).</summary>
        public bool Gated { get; set; } = true;
        public bool Bias { get; set; }
        /// <summary>Dense width; for MoE the width of one routed expert.</summary>
        public long IntermediateSize { get; set; }

        public int NumExperts { get; set; }
        public int TopK { get; set; }
        public int NumSharedExperts { get; set; }
        /// <summary>Width of the shared expert block (all shared experts together).</summary>
        public long SharedIntermediateSize { get; set; }
        public long RouterParams { get; set; }
        /// <summary>Parameters of one routed expert.</summary>
        public long ParamsPerExpert { get; set; }
        public long SharedExpertParams { get; set; }

        /// <summary>Dense: the MLP. MoE: routed experts + shared experts + router.</summary>
        public long Params { get; set; }

        public bool IsMoe => Form == "moe";
        public long ActiveParams => IsMoe ? (long)TopK * ParamsPerExpert + SharedExpertParams + RouterParams : Params;
        /// <summary>Routed experts a token does not pick: what separates a model's total from its active parameters.</summary>
        public long InactiveParams => IsMoe ? (long)(NumExperts - TopK) * ParamsPerExpert : 0;

        public override string ToString() => IsMoe
            ? $"MoE {NumExperts}x{IntermediateSize} top-{TopK}" + (NumSharedExperts > 0 ? $" +{NumSharedExperts} shared" : "")
            : $"{(Gated ? "gated " : "")}{Activation} {IntermediateSize}";
    }

    public sealed class NormSpec
    {
        public NormSpec Clone() => (NormSpec)MemberwiseClone();

        public string Name { get; set; } = "";
        /// <summary>rms_norm or layer_norm.</summary>
        public string Kind { get; set; } = "rms_norm";
        public long Size { get; set; }
        public bool Bias { get; set; }
        public long Params => Size * (Bias ? 2 : 1);

        public override string ToString() => $"{Name} {Kind}({Size})";
    }

    public sealed class EmbeddingSpec
    {
        public EmbeddingSpec Clone() => (EmbeddingSpec)MemberwiseClone();

        public int VocabSize { get; set; }
        public int HiddenSize { get; set; }
        /// <summary>Learned absolute position embeddings (GPT-2); 0 when positions are rotary.</summary>
        public int PositionEmbeddings { get; set; }
        public long Params { get; set; }

        // Export-Csv writes a nested object's ToString(): a summary, not the type name.
        public override string ToString() => $"{VocabSize} x {HiddenSize}" + (PositionEmbeddings > 0 ? $" + {PositionEmbeddings} positions" : "") + $" ({ParameterCount.Format(Params)})";
    }

    public sealed class LmHeadSpec
    {
        public LmHeadSpec Clone() => (LmHeadSpec)MemberwiseClone();

        /// <summary>Shares the input embedding matrix (counted once, under Embedding).</summary>
        public bool Tied { get; set; }
        public bool Bias { get; set; }
        /// <summary>Own parameters: 0 when tied (plus the bias, if any).</summary>
        public long Params { get; set; }

        public override string ToString() => (Tied ? "tied" : "untied") + (Bias ? " with bias" : "") + $" ({ParameterCount.Format(Params)})";
    }

    public sealed class VisionSpec
    {
        public VisionSpec Clone() => (VisionSpec)MemberwiseClone();

        public string Kind { get; set; } = "";
        public int NumLayers { get; set; }
        public int HiddenSize { get; set; }
        public long TowerParams { get; set; }
        public long ProjectorParams { get; set; }
        public long Params => TowerParams + ProjectorParams;

        public override string ToString() => $"{Kind} {NumLayers} layers x {HiddenSize} ({ParameterCount.Format(Params)})";
    }
}
