using System.Linq;
using System.Management.Automation;
using ModelConfig.Core.Estimation;
using ModelConfig.Core.Models;

namespace ModelConfig.Commands
{
    /// <summary>The serving-mode parameters of Measure-Deployment: offline, open loop, disaggregation, speculative decoding, prefix caching.</summary>
    public sealed partial class MeasureDeploymentCommand
    {
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [PlanSwitch]
        public SwitchParameter Offline { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("num_requests", "num_prompts")]
        [PlanNumber(1, 100_000_000)]
        [HelpDefault(DeploymentDefaults.NumRequests)]
        public int? NumRequests { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("max_batch_size", "max_num_seqs")]
        [PlanNumber(1, 1_000_000)]
        [HelpDefault(DeploymentDefaults.MaxBatchSize)]
        public int? MaxBatchSize { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("max_num_tokens", "max_num_batched_tokens")]
        [PlanNumber(1, 100_000_000)]
        [HelpDefault("the engine's token budget (8192 for vLLM, SGLang and TensorRT-LLM); with -Offline, trtllm-bench's setting for the dataset")]
        public int? MaxNumTokens { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("request_rate")]
        [PlanNumber(0.000001, 1_000_000.0, integer: false)]
        public double? RequestRate { get; set; }

        [Parameter]
        public ArrivalProcess ArrivalProcess { get; set; } = ArrivalProcess.Poisson;

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [PlanNumber(0.01, 1000.0, integer: false)]
        [HelpDefault(1)]
        public double? Burstiness { get; set; }

        private const string PoolDefault = "1 once any -Prefill* or -Decode* parameter is given";
        [Parameter] [ValidateRange(1, 4096)] [HelpDefault(PoolDefault)] public int? PrefillWorkers { get; set; }
        [Parameter] [ValidateRange(1, 4096)] [HelpDefault(PoolDefault)] public int? PrefillTensorParallel { get; set; }
        [Parameter] [ValidateRange(1, 4096)] [HelpDefault(PoolDefault)] public int? PrefillExpertParallel { get; set; }
        [Parameter] public SwitchParameter PrefillDataParallelAttention { get; set; }
        [Parameter] [ValidateRange(1, 4096)] [HelpDefault(PoolDefault)] public int? DecodeWorkers { get; set; }
        [Parameter] [ValidateRange(1, 4096)] [HelpDefault(PoolDefault)] public int? DecodeTensorParallel { get; set; }
        [Parameter] [ValidateRange(1, 4096)] [HelpDefault(PoolDefault)] public int? DecodeExpertParallel { get; set; }
        [Parameter] public SwitchParameter DecodeDataParallelAttention { get; set; }

        [Parameter]
        public SpeculativeMethod SpeculativeMethod { get; set; } = SpeculativeMethod.None;

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("spec_num_tokens", "num_speculative_tokens")]
        [PlanNumber(1, 64)]
        [HelpDefault("the model's MTP layer count for Mtp, else 3")]
        public int? SpeculativeTokens { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("acceptance_rate")]
        [PlanNumber(0.0, 1.0, integer: false)]
        [HelpDefault("the method's published figure, stated with its source in Assumptions")]
        public double? AcceptanceRate { get; set; }

        [Parameter]
        [ArgumentCompleter(typeof(ModelIdCompleter))]
        [ValidateNotNullOrEmpty]
        public string? DraftModelId { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("prefix_cache_hit_rate")]
        [PlanNumber(0.0, 0.999, integer: false)]
        [HelpDefault(0)]
        public double? PrefixCacheHitRate { get; set; }

        private ModelConfiguration? _draftModel;
        private DisaggregatedPools? _pools;

        private bool Disaggregated => new[] { nameof(PrefillWorkers), nameof(PrefillTensorParallel), nameof(PrefillExpertParallel), nameof(PrefillDataParallelAttention),
            nameof(DecodeWorkers), nameof(DecodeTensorParallel), nameof(DecodeExpertParallel), nameof(DecodeDataParallelAttention) }.Any(MyInvocation.BoundParameters.ContainsKey);

        private void BeginServingModes()
        {
            if (Disaggregated)
                _pools = new DisaggregatedPools
                {
                    PrefillWorkers = PrefillWorkers ?? 1, PrefillTensorParallel = PrefillTensorParallel ?? 1, PrefillExpertParallel = PrefillExpertParallel ?? 1,
                    PrefillDataParallelAttention = PrefillDataParallelAttention, DecodeWorkers = DecodeWorkers ?? 1, DecodeTensorParallel = DecodeTensorParallel ?? 1,
                    DecodeExpertParallel = DecodeExpertParallel ?? 1, DecodeDataParallelAttention = DecodeDataParallelAttention,
                };
            _draftModel = ModelResolver.DraftModelOrStop(this, DraftModelId);
        }

        /// <summary>The serving-mode fields of one request of the sweep.</summary>
        private DeploymentRequest WithServingModes(DeploymentRequest r)
        {
            r.Offline = Offline;
            r.RequestRate = RequestRate;
            r.NumRequests = NumRequests;
            r.MaxBatchSize = MaxBatchSize;
            r.MaxNumTokens = MaxNumTokens;
            r.ArrivalProcess = ArrivalProcess;
            r.Burstiness = Burstiness;
            r.Disaggregation = _pools;
            r.SpeculativeMethod = SpeculativeMethod;
            r.SpeculativeTokens = SpeculativeTokens;
            r.AcceptanceRate = AcceptanceRate;
            r.DraftModel = _draftModel;
            r.PrefixCacheHitRate = PrefixCacheHitRate;
            return r;
        }
    }
}
