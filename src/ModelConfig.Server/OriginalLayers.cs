using System.Collections.Generic;
using System.Linq;
using ModelConfig.Core.Models;

namespace ModelConfig.Server
{
    /// <summary>The original API's layer types over a model's layer list, and which estimator operations belong to each.</summary>
    public static class OriginalLayers
    {
        public const string Embedding = "embedding", Attention = "attention", FeedForward = "feed_forward", Norm = "norm", LmHead = "lm_head";
        public static readonly string[] Types = { Embedding, Attention, FeedForward, Norm, LmHead };
        public static readonly string[] Dtypes = { "fp32", "fp16", "bf16", "fp8", "int8" };

        public sealed class LayerType
        {
            public string Type { get; set; } = "";
            public int Count { get; set; }
            public SampleLayer SampleLayer { get; set; } = new SampleLayer();
            public string[] AvailableParallelism { get; set; } = new string[0];
            public string[] AvailableDtypes { get; set; } = Dtypes;
        }

        public sealed class SampleLayer
        {
            public string Name { get; set; } = "";
            public long InputDim { get; set; }
            public long OutputDim { get; set; }
        }

        public static List<LayerType> Of(ModelConfiguration m)
        {
            var decoders = m.GetLayers().Where(l => l.Kind == nameof(LayerKind.Decoder)).ToList();
            var result = new List<LayerType>
            {
                Entry(Embedding, 1, "embed_tokens", m.VocabSize, m.HiddenSize),
            };
            var attn = decoders.Where(l => l.Attention != null).ToList();
            if (attn.Count > 0) result.Add(Entry(Attention, attn.Count, attn[0].Name + ".self_attn", m.HiddenSize, m.HiddenSize, "TP", "CP"));
            var ffn = decoders.Where(l => l.Ffn != null).ToList();
            if (ffn.Count > 0) result.Add(Entry(FeedForward, ffn.Count, ffn[0].Name + ".mlp", m.HiddenSize, ffn[0].Ffn!.IntermediateSize, "TP", "SP"));
            var norms = m.GetLayers().SelectMany(l => l.Norms.Select(n => (layer: l, norm: n))).ToList();
            if (norms.Count > 0)
            {
                var first = norms[0];
                var name = first.layer.Kind == nameof(LayerKind.Decoder) ? first.layer.Name + "." + first.norm.Name : first.norm.Name;
                result.Add(Entry(Norm, norms.Count, name, first.norm.Size, first.norm.Size));
            }
            // The estimator shards the head by TP, so it is offered.
            result.Add(Entry(LmHead, 1, "lm_head", m.HiddenSize, m.VocabSize, "TP"));
            return result;
        }

        public static int Count(ModelConfiguration m, string type) => Of(m).FirstOrDefault(t => t.Type == type)?.Count ?? 0;

        /// <summary>The layer type an estimator per-layer row belongs to.</summary>
        public static string TypeOfOperation(string operation)
        {
            switch (operation)
            {
                case "mlp": case "router": case "experts": case "shared_experts": return FeedForward;
                case "lm_head": return LmHead;
                default: return Attention;
            }
        }

        /// <summary>Parameters of a layer type, to split the estimator's per-GPU weight memory among types.</summary>
        public static long Params(ModelConfiguration m, string type)
        {
            var b = m.ParamsBreakdown;
            switch (type)
            {
                case Embedding: return b.Embedding;
                case Attention: return b.Attention + b.Recurrent;
                case FeedForward: return b.Mlp + b.Experts + b.SharedExperts + b.Router;
                case Norm: return b.Norms;
                default: return b.LmHead;
            }
        }

        private static LayerType Entry(string type, int count, string name, long input, long output, params string[] parallelism) =>
            new LayerType { Type = type, Count = count, SampleLayer = new SampleLayer { Name = name, InputDim = input, OutputDim = output }, AvailableParallelism = parallelism };
    }
}
