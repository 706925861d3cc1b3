using System;
using ModelConfig.Core.Models;

namespace ModelConfig.Core.Estimation
{
    /// <summary>
    /// How many GPU kernels one decoder layer launches per forward step, by operator kind. A fixed cost is paid per kernel
    /// (launch gap, prologue and tail of a short kernel), not per layer: an MLA + MoE layer issues about twice the kernels
    /// of a dense GQA layer, so at small batch it costs about twice the fixed time. Counts follow the fused kernels the
    /// common engines (vLLM, SGLang, TensorRT-LLM) run; residual adds are fused into the next norm.
    /// </summary>
    internal static class KernelCounts
    {
        /// <summary>Kernels of one layer of <paramref name="b"/>; collectives are costed separately.</summary>
        public static int PerLayer(DecoderBlockSpec b)
        {
            int k = 0;
            var at = b.Attention;
            if (at != null)
            {
                if (at.IsRecurrent) k += 6; // norm, in-proj, conv, scan, gate, out-proj
                else if (at.Form == AttentionForms.Mla)
                    // norm, fused q_a/kv_a projection, q and kv latent norms, q_b, W_UK absorb, rope + cache write,
                    // split-KV attention + combine, W_UV absorb, o_proj
                    k += 11;
                else
                    // norm, fused QKV GEMM, rope + cache write, attention, o_proj (+ q/k norm)
                    k += 5 + (string.Equals(at.QkNorm, "none", StringComparison.OrdinalIgnoreCase) ? 0 : 1);
            }
            var f = b.Ffn;
            if (f != null)
            {
                if (f.IsMoe)
                {
                    // norm, router GEMM, top-k/softmax, token sort/permute, grouped GEMM up, activation, grouped GEMM down, un-permute/combine
                    k += 8;
                    if (f.SharedExpertParams > 0) k += 3; // shared expert: gate-up GEMM, activation, down GEMM
                }
                else k += 4; // norm, gate-up GEMM, activation, down GEMM
            }
            return k;
        }

        /// <summary>
        /// GEMMs of one layer of <paramref name="b"/> whose input activations are quantised before the GEMM when weights and
        /// activations are 8-bit (W8A8): the engines quantise the activation per token (group of 128 for block-scaled
        /// checkpoints) in a kernel of its own before each such GEMM. The router GEMM stays 16-bit.
        /// </summary>
        public static int QuantizedGemmInputsPerLayer(DecoderBlockSpec b)
        {
            int k = 0;
            var at = b.Attention;
            if (at != null)
                // MLA: fused q_a/kv_a projection, q_b, the W_UK and W_UV absorption BMMs (8-bit too: SGLang quantises q_nope and
                // the attention output for bmm_fp8, TensorRT-LLM runs an fp8 block-scaling BMM on Hopper), o_proj;
                // others: QKV (or in-proj), o_proj
                k += at.Form == AttentionForms.Mla && !at.IsRecurrent ? 5 : 2;
            var f = b.Ffn;
            if (f != null)
            {
                k += 2; // gate-up and down (grouped for routed experts)
                if (f.IsMoe && f.SharedExpertParams > 0) k += 2;
            }
            return k;
        }
    }
}
