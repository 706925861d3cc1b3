using System;
using System.Text.RegularExpressions;
using ModelConfig.Core.Models;
using static ModelConfig.Core.Estimation.AssumptionLog;

namespace ModelConfig.Core.Estimation
{
    /// <summary>
    /// The request's serving-mode settings, checked and defaulted once: offline / open loop, engine limits, arrivals,
    /// speculative decoding and prefix caching. <see cref="None"/> leaves the classic modes exactly as they were.
    /// </summary>
    internal sealed class ServingSettings
    {
        /// <summary>Default draft length when neither SpeculativeTokens nor the model's MTP layers give one.</summary>
        public const int DefaultDraftTokens = 3;

        public static readonly ServingSettings None = new ServingSettings();

        /// <summary>Offline or RequestRate; null for static batch and concurrency.</summary>
        public LoadMode? Mode { get; private set; }
        public int? NumRequests { get; private set; }
        public double RequestRate { get; private set; }
        public ArrivalProcess Arrival { get; private set; }
        public double Burstiness { get; private set; } = 1;
        /// <summary>Squared coefficient of variation of the inter-arrival times: 1/shape for gamma, 0 for constant.</summary>
        public double ArrivalCv2 => Arrival == ArrivalProcess.Constant ? 0 : 1.0 / Burstiness;
        public int? MaxBatchSize { get; private set; }
        public int? MaxNumTokens { get; private set; }
        public double PrefixHitRate { get; private set; }
        public SpeculativeMethod Speculative { get; private set; }
        public int DraftTokens { get; private set; }
        public double Acceptance { get; private set; }
        /// <summary>MTP layers of the model's checkpoint (0 when it has none).</summary>
        public int MtpLayers { get; private set; }

        /// <summary>
        /// MTP positions beyond the checkpoint's next-n layers reuse the last layer, which was trained for one position only:
        /// nebius/MTP-DeepSeek-V3-0324 (model card) emits 3.2 tokens per step at 7 drafts from one layer, i.e. with 0.85 for the
        /// first draft, 1 + 0.85 (1 + r + ... + r^6) = 3.2 gives r = 0.63 for each reused position.
        /// </summary>
        public const double MtpReusedLayerAcceptance = 0.63;

        /// <summary>Acceptance of draft position i (1-based), given the previous ones were accepted.</summary>
        public double AcceptanceAt(int i) => Speculative == SpeculativeMethod.Mtp && !AcceptanceGiven && i > Math.Max(1, MtpLayers)
            ? Math.Min(Acceptance, MtpReusedLayerAcceptance) : Acceptance;

        /// <summary>True when the caller set the acceptance rate (then it holds for every position).</summary>
        public bool AcceptanceGiven { get; private set; }

        /// <summary>Expected tokens emitted per verify step, incl. the bonus token: 1 + a1 + a1 a2 + ... (= (1 - a^(k+1)) / (1 - a) for one rate).</summary>
        public double AcceptedTokensPerStep
        {
            get
            {
                if (Speculative == SpeculativeMethod.None) return 1;
                double tokens = 1, p = 1;
                for (int i = 1; i <= DraftTokens; i++) { p *= AcceptanceAt(i); tokens += p; }
                return tokens;
            }
        }

        public bool AdjustsSteps => Speculative != SpeculativeMethod.None || PrefixHitRate > 0;

        public static ServingSettings Resolve(DeploymentRequest r, AssumptionLog log)
        {
            int modes = (r.Offline ? 1 : 0) + (r.RequestRate.HasValue ? 1 : 0) + (r.Concurrency.HasValue ? 1 : 0) + (r.BatchSize.HasValue ? 1 : 0);
            if (modes > 1) Fail("Give one load: BatchSize, Concurrency, RequestRate or Offline.");
            var s = new ServingSettings { MaxBatchSize = r.MaxBatchSize, MaxNumTokens = r.MaxNumTokens };
            if (r.MaxBatchSize.HasValue && r.MaxBatchSize.Value < 1) Fail("MaxBatchSize must be at least 1.");
            if (r.MaxNumTokens.HasValue && r.MaxNumTokens.Value < 1) Fail("MaxNumTokens must be at least 1.");
            if (r.Disaggregation != null && !r.Offline && !r.RequestRate.HasValue && !r.Concurrency.HasValue)
                Fail("Disaggregated serving needs Concurrency, RequestRate or Offline (a static batch has no prefill/decode hand-off).");
            if (r.Offline || r.RequestRate.HasValue)
            {
                s.Mode = r.Offline ? LoadMode.Offline : LoadMode.RequestRate;
                s.NumRequests = r.NumRequests ?? DeploymentDefaults.NumRequests;
                if (s.NumRequests < 1) Fail("NumRequests must be at least 1.");
                if (!r.NumRequests.HasValue) log.Note("num_requests", DeploymentDefaults.NumRequests, "default", $"{DeploymentDefaults.NumRequests} requests in the run by default.");
            }
            if (r.RequestRate.HasValue)
            {
                if (!(r.RequestRate.Value > 0)) Fail("RequestRate must be above 0 requests/s.");
                s.RequestRate = r.RequestRate.Value;
                s.Arrival = r.ArrivalProcess;
                s.Burstiness = r.Burstiness ?? 1.0;
                if (!(s.Burstiness > 0)) Fail("Burstiness must be above 0.");
                if (!log.Discard) log.Note("arrival_process", s.Arrival == ArrivalProcess.Constant ? 0 : s.Burstiness, r.Burstiness.HasValue ? "request" : "default",
                    s.Arrival == ArrivalProcess.Constant ? $"Constant arrivals: one request every {F(1000 / s.RequestRate)} ms."
                    : $"Gamma inter-arrival times with shape (burstiness) {F(s.Burstiness)} and mean {F(1000 / s.RequestRate)} ms, as vLLM's benchmark draws them{(s.Burstiness == 1 ? " (Poisson process, the default)" : "")}.");
            }
            s.PrefixHitRate = r.PrefixCacheHitRate ?? 0;
            if (s.PrefixHitRate < 0 || s.PrefixHitRate >= 1) Fail("PrefixCacheHitRate must be in [0, 1).");
            if (s.PrefixHitRate > 0)
                log.Note("prefix_cache_hit_rate", s.PrefixHitRate, "request", $"{F(s.PrefixHitRate * 100)}% of prompt tokens come from the prefix cache: prefill computes only the rest (attention of the new tokens over the cached prefix is counted as if the prompt were that much shorter); cached blocks are shared, so a sequence holds KV for its uncached prompt share plus its output.");
            ResolveSpeculation(r, s, log);
            return s;
        }

        private static void ResolveSpeculation(DeploymentRequest r, ServingSettings s, AssumptionLog log)
        {
            s.Speculative = r.SpeculativeMethod;
            if (s.Speculative == SpeculativeMethod.None)
            {
                if (r.SpeculativeTokens.HasValue || r.AcceptanceRate.HasValue || r.DraftModel != null)
                    Fail("SpeculativeTokens, AcceptanceRate and DraftModelId need a SpeculativeMethod.");
                return;
            }
            // read from the model's notes (a regular expression): only speculation needs it
            s.MtpLayers = MtpLayerCount(r.Model);
            if (s.Speculative == SpeculativeMethod.Mtp && s.MtpLayers == 0)
                Fail($"Model '{r.Model.ModelId}' has no multi-token-prediction layers (num_nextn_predict_layers); use Eagle or DraftModel.");
            if (s.Speculative == SpeculativeMethod.DraftModel && r.DraftModel == null) Fail("SpeculativeMethod DraftModel needs a DraftModelId.");
            s.DraftTokens = r.SpeculativeTokens ?? (s.Speculative == SpeculativeMethod.Mtp ? s.MtpLayers : DefaultDraftTokens);
            if (s.DraftTokens < 1) Fail("SpeculativeTokens must be at least 1.");
            var (rate, source) = DefaultAcceptance(s.Speculative);
            s.Acceptance = r.AcceptanceRate ?? rate;
            s.AcceptanceGiven = r.AcceptanceRate.HasValue;
            if (s.Acceptance < 0 || s.Acceptance > 1) Fail("AcceptanceRate must be in [0, 1].");
            if (!log.Discard) log.Note("acceptance_rate", s.Acceptance, r.AcceptanceRate.HasValue ? "request" : "default",
                r.AcceptanceRate.HasValue ? $"Each drafted token is accepted with probability {F(s.Acceptance)} (request)." : $"Each drafted token is accepted with probability {F(s.Acceptance)}: {source}");
            log.Note("accepted_tokens_per_step", s.AcceptedTokensPerStep, "model",
                $"{s.Speculative}: {s.DraftTokens} draft tokens per step; a verify step emits (1 - a^(k+1)) / (1 - a) = {s.AcceptedTokensPerStep:0.###} tokens on average (accepted drafts plus the target's own token). Each step costs the verify pass of k+1 tokens per sequence plus k draft passes.");
        }

        /// <summary>Published per-token acceptance figures used when the caller gives none.</summary>
        internal static (double Rate, string Source) DefaultAcceptance(SpeculativeMethod m)
        {
            switch (m)
            {
                case SpeculativeMethod.Mtp:
                    return (0.85, "MTP default 0.85 for the positions the checkpoint has next-n layers for: the DeepSeek-V3 technical report (arXiv 2412.19437, §5.4.3) measures 85-90% acceptance of the second (first drafted) token; positions that reuse the last MTP layer accept 0.63 each (nebius/MTP-DeepSeek-V3-0324 model card: 3.2 tokens per step at 7 drafts from one layer).");
                case SpeculativeMethod.Eagle:
                    return (0.75, "EAGLE default 0.75: EAGLE-3 heads reach about 3.0-3.5 tokens per step at 3-4 draft tokens on MT-Bench / GSM8K / HumanEval (e.g. AQ-MedAI Qwen3.5-397B-A17B-eagle3 model card; SGLang speculative-decoding docs), i.e. about 0.7-0.8 per drafted token.");
                default:
                    return (0.6, "draft-model default 0.6: Leviathan et al. 2023 (Fast Inference from Transformers via Speculative Decoding, arXiv 2211.17192) measure per-token acceptance 0.5-0.8 for small draft / large target pairs.");
            }
        }

        /// <summary>
        /// MTP (next-n) layers of the checkpoint. The library file keeps num_nextn_predict_layers among the architecture facts
        /// when the builder recorded it, else only in its validation notes ("num_nextn_predict_layers=1"); DeepSeek-V3-type
        /// configs without either publish 1 (deepseek-ai/DeepSeek-V3 and -R1 config.json).
        /// </summary>
        internal static int MtpLayerCount(ModelConfiguration m)
        {
            var fact = m.ArchitectureFactsJson?["num_nextn_predict_layers"];
            if (fact != null && int.TryParse(fact.ToString(), out var n)) return Math.Max(0, n);
            var match = Regex.Match(m.ValidationNotes ?? "", @"num_nextn_predict_layers\s*=\s*(\d+)");
            if (match.Success) return int.Parse(match.Groups[1].Value);
            return string.Equals(m.ModelType, "deepseek_v3", StringComparison.OrdinalIgnoreCase) ? 1 : 0;
        }

        private static void Fail(string message) => throw new DeploymentConfigurationException(DeploymentConstraint.ServingMode, message);
    }
}
