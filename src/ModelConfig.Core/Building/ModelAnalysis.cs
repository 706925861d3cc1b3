using System;
using ModelConfig.Core.Models;

namespace ModelConfig.Core.Building
{
    /// <summary>
    /// Whole-sequence and per-token figures of a model in the units reviewers check against papers (integer bytes, one GPU).
    /// The definitions live on the model types; this only rounds them.
    /// </summary>
    public static class ModelAnalysis
    {
        /// <summary>
        /// TOTAL bytes of the K/V cache of ONE sequence of <paramref name="contextLength"/> tokens, unsharded, without recurrent state
        /// (see <see cref="ModelConfiguration.KvCacheBytesPerSequence"/> and <see cref="RecurrentStateBytes"/>).
        /// </summary>
        public static long KvCacheBytes(ModelConfiguration m, double bytesPerElement, long contextLength)
        {
            if (m == null) throw new ArgumentNullException(nameof(m));
            if (contextLength < 0) throw new ArgumentOutOfRangeException(nameof(contextLength));
            return (long)Math.Ceiling(m.KvCacheBytesPerSequence(contextLength, bytesPerElement));
        }

        /// <summary>Bytes of recurrent state (convolution + SSM / delta-rule state) one sequence keeps in linear-attention and Mamba layers.</summary>
        public static long RecurrentStateBytes(ModelConfiguration m, double bytesPerElement)
        {
            if (m == null) throw new ArgumentNullException(nameof(m));
            return (long)Math.Ceiling(m.RecurrentStateElementsPerSequence * bytesPerElement);
        }

        /// <summary>
        /// Forward FLOPs for ONE new token when <paramref name="contextLength"/> tokens are attended to (decode step at that position):
        /// 2 x the weights the token multiplies (attention and recurrent mixers, dense MLP or shared + top-k routed experts + router, and the
        /// lm_head matrix even when tied; the embedding lookup and the layer norms cost nothing here; biases and QK-norm weights inside
        /// the attention count as weights, a negligible overcount; recurrent layers add 4 x their state elements for the state update)
        /// plus attention scores and values: 2 x heads x (head_dim + v_head_dim) x attended tokens per layer, windows capping sliding layers.
        /// MLA is counted in its expanded form (per-head q·k over nope+rope dims, v_head_dim values). The vision tower is not included.
        /// </summary>
        public static double ForwardFlopsPerToken(ModelConfiguration m, long contextLength)
        {
            if (m == null) throw new ArgumentNullException(nameof(m));
            if (contextLength < 0) throw new ArgumentOutOfRangeException(nameof(contextLength));
            double flops = 0;
            foreach (var name in m.DecoderLayerBlocks)
            {
                var b = m.Blocks[name];
                flops += 2.0 * ((b.Attention?.Params ?? 0) + (b.Ffn?.ActiveParams ?? 0));
                var a = b.Attention;
                if (a == null || a.IsRecurrent)
                {
                    if (a != null) flops += 4.0 * a.StateElementsPerSequence; // state update and read-out, per token
                    continue;
                }
                long tokens = (long)a.CachedTokens(contextLength);
                flops += 2.0 * a.NumHeads * (a.HeadDim + a.VHeadDim) * tokens;
            }
            flops += 2.0 * (long)m.VocabSize * m.HiddenSize;
            return flops;
        }
    }
}
