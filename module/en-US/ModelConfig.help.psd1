# Help source for the ModelConfig cmdlets. tools/build/New-MamlHelp.ps1 turns it into en-US/ModelConfig.dll-Help.xml at
# build time, taking syntax from the compiled cmdlets; every cmdlet needs a synopsis, a description, examples and a
# description of every parameter, or the build fails.
@{
    'Get-ModelConfig' = @{
        Synopsis    = 'Lists and loads model configurations from the offline library.'
        Description = @'
Returns typed model configuration objects (ModelConfig.Core.Models.ModelConfiguration) from the library: exact parameter counts, per-layer specs and the review state. With no id, every config in the library is returned, sorted by id.

The library search path, highest precedence first: the folders given to -Path, then each folder in $env:MODELCONFIG_PATH (separated by the platform path separator, ':' on Linux and macOS, ';' on Windows) from left to right, then the bundled data/model_configs folder. When two folders hold the same id, the earlier folder wins (like PATH); -Verbose names the files it overrides, and SourcePath shows which file was read.

A file that is not valid JSON or does not follow the schema produces one ModelConfigInvalid error naming the file and the field; every other config still lists. A corrupt file that overrides an id makes that id unavailable rather than falling back to a lower folder. A malformed pattern such as '[' is one InvalidModelId error, and the other ids still run. An id that matches nothing produces a ModelNotFound error naming the id, the closest ids of the library ("Did you mean llama_3.3_70b?") and the folders searched; a wildcard that matches nothing returns nothing, as Get-ChildItem does. A HuggingFace id given as a model id (Get-ModelConfig meta-llama/Llama-3.1-8B) is an InvalidModelId error naming the library id that records it, or pointing to -HuggingFaceId and New-ModelConfig -HuggingFaceId when none does.

Tab completion offers the library's model ids, matching any part of the id (70b<Tab> offers llama_3.3_70b), and for -HuggingFaceId the HuggingFace ids the library records (Llama-3.3<Tab> offers meta-llama/Llama-3.3-70B-Instruct).
'@
        Parameters  = @{
            ModelId       = 'One or more model ids (the file name without .json, e.g. llama_3.3_70b). Wildcards are allowed. Accepts pipeline input, also by property name from objects with a ModelId property. Ids may not contain path separators or ".."; a wildcard with a slash (meta-llama/*) matches HuggingFace ids instead, as -HuggingFaceId does. Alias Name. Tab completion matches any part of the id.'
            HuggingFaceId = 'Finds configs by their HuggingFace id (e.g. meta-llama/Llama-3.3-70B-Instruct), case-insensitive; wildcards are allowed. Alias HfModelId. Tab completion offers the HuggingFace ids the library records, matching any part.'
            Path          = 'Extra library folders, or single config files, searched before $env:MODELCONFIG_PATH and the bundled library.'
            Validated     = 'Returns only configs marked validated.'
        }
        Examples    = @(
            @{ Code = 'Get-ModelConfig'; Remarks = 'Lists every model in the library with its exact parameter count.' }
            @{ Code = 'Get-ModelConfig llama* | Sort-Object TotalParams | Format-Table ModelId, TotalParams, NumLayers'; Remarks = 'Loads the Llama models and sorts them by size.' }
            @{ Code = 'Get-ModelConfig -HuggingFaceId meta-llama/Llama-3.3-70B-Instruct | Format-List'; Remarks = 'Finds a model by its HuggingFace id and shows every field.' }
            @{ Code = '(Get-ModelConfig qwen3_30b_a3b).Layers | Select-Object -First 3'; Remarks = 'Shows the first tensor groups of a model: the embedding and the first decoder layers.' }
            @{ Code = '$env:MODELCONFIG_PATH = "$HOME/my-models"; Get-ModelConfig -Validated'; Remarks = 'Adds a folder of your own configs to the search path and lists only validated models.' }
        )
        Links       = @('Get-ModelMetadata', 'New-ModelConfig', 'Set-ModelValidation', 'about_ModelConfig')
    }
    'Get-ModelMetadata' = @{
        Synopsis    = 'Returns the summary record of models.'
        Description = 'Returns one ModelConfig.Core.Models.ModelMetadata object per model with the fields the original system returned: model id, name, architecture, total parameters (exact and formatted), validated flag and notes, hidden size, layer count, vocabulary size and HuggingFace id. Takes ids (wildcards allowed) or model config objects from the pipeline.'
        Parameters  = @{
            ModelId     = 'One or more model ids; wildcards are allowed. Binds from the pipeline by property name.'
            InputObject = 'A model config from Get-ModelConfig; used as it is, without reading its file again.'
            Path        = 'Extra library folders searched before $env:MODELCONFIG_PATH and the bundled library.'
        }
        Examples    = @(
            @{ Code = 'Get-ModelMetadata llama_3.3_70b'; Remarks = 'The summary of one model.' }
            @{ Code = 'Get-ModelConfig llama* | Get-ModelMetadata | Export-Csv models.csv'; Remarks = 'Exports the summaries of the Llama models.' }
        )
        Links       = @('Get-ModelConfig', 'about_ModelConfig')
    }
    'New-ModelConfig' = @{
        Synopsis    = 'Builds a model config file from a HuggingFace config.json, with exact parameter counts and per-layer specs.'
        Description = @'
Reads a HuggingFace config.json and writes a model config file (schema_version 1) to the library: the architecture facts it read (a minimal config.json with the defaults made explicit), the source (path, or Hub id, revision and commit sha), the builder version, the exact parameter count as transformers' num_parameters() reports it (tied weights once, no buffers such as rotary inv_freq or causal masks, no multi-token-prediction modules), active parameters per token, a breakdown by component, and the layers (block templates once plus the block of every layer). New files are not validated; review them with Test-ModelConfig and mark them with Set-ModelValidation.

Sources: -Path takes a config.json file or a folder holding one (a checkout, or a HuggingFace cache snapshot folder, whose repo id and commit are recorded). -HuggingFaceId looks in the local HuggingFace cache first ($env:HF_HUB_CACHE, else $env:HF_HOME/hub, else ~/.cache/huggingface/hub), then asks the Hub at $env:HF_ENDPOINT (default https://huggingface.co) with the token from -Token or $env:HF_TOKEN, and stores the downloaded config in the cache when it writes the model config file (so -WhatIf, or a declined -Confirm, leaves the cache as it was). With $env:HF_HUB_OFFLINE=1 only the cache is used. The token is never printed.

Errors: UnsupportedArchitecture names a model_type the builder does not know; InvalidModelConfig names a field the architecture needs that is missing or wrong; HubUnauthorized (401/403: the repo is gated or private and needs a token with access), HubNotFound (404: unknown repo or revision), HubRateLimited (429 after bounded retries that honour Retry-After), HubTimeout, HubOffline, HubNetworkError and HubMalformedResponse describe Hub failures; ModelConfigExists means the file exists and -Force was not given.
'@
        Parameters  = @{
            Path            = 'A config.json file, or a folder holding one. Accepts pipeline input by property name (FullName), so Get-ChildItem output can be piped. A folder without config.json is a PathNotFound error saying so; a path that does not exist but reads like a HuggingFace id (org/name) is pointed to -HuggingFaceId.'
            HuggingFaceId   = 'The HuggingFace repo id, org/name (e.g. meta-llama/Llama-3.1-8B). With -Path, it only records which repo the local config belongs to. Alias HfModelId. Tab completion offers the HuggingFace ids of the library, to rebuild one of its configs.'
            Revision        = 'A branch, tag or 40-character commit sha of the Hub repo; default main. The resolved commit sha is recorded in the file.'
            Token           = 'A HuggingFace access token for gated or private repos; default $env:HF_TOKEN. It is sent only to the Hub endpoint and never written anywhere.'
            TimeoutSec      = 'Seconds to wait for each Hub request; default 30.'
            ModelId         = 'The id (and file name) of the new config. Default: derived from the model name, lowercase, e.g. llama_3.1_8b. Letters, digits, _, - and . only.'
            Name            = 'A display name; default the last part of the HuggingFace id.'
            OutputDirectory = 'The library folder to write to. Default: the first folder of $env:MODELCONFIG_PATH, else the current folder. A folder inside the installed module is refused (ModuleFolderReadOnly).'
            Force           = 'Overwrites an existing file of the same id.'
            PassThru        = 'Returns the new model config object.'
            WhatIf          = 'Shows the file that would be written, with its parameter count, and writes nothing: neither the file nor the HuggingFace cache. The config is still read, from the cache or the Hub.'
            Confirm         = 'Asks before writing the file (and caching a download).'
        }
        Examples    = @(
            @{ Code = 'New-ModelConfig -Path ./Llama-3.1-8B/config.json -OutputDirectory ~/models -PassThru'; Remarks = 'Builds llama_3.1_8b.json in ~/models from a local config and returns it.' }
            @{ Code = 'New-ModelConfig -HuggingFaceId Qwen/Qwen3-8B -Revision main -PassThru | Format-List ModelId, TotalParams, ParamsBreakdown'; Remarks = 'Gets the config from the HuggingFace cache or the Hub, writes qwen3_8b.json to the first folder of $env:MODELCONFIG_PATH (else the current folder) and shows its counts.' }
            @{ Code = 'Get-ChildItem ./configs -Filter config.json -Recurse | New-ModelConfig -OutputDirectory ./library -Force -Verbose'; Remarks = 'Builds a config for every config.json below ./configs, each named after its folder (./configs/Qwen3-8B/config.json gives qwen3_8b.json); -Verbose names every file written. Two inputs that would write the same file are refused.' }
            @{ Code = 'New-ModelConfig -HuggingFaceId Qwen/Qwen3-8B -OutputDirectory ~/models -WhatIf'; Remarks = 'Shows the file it would write and its parameter count. Nothing is written: neither the file nor the HuggingFace cache (the config is still read, from the cache or the Hub).' }
        )
        Links       = @('Test-ModelConfig', 'Set-ModelValidation', 'Get-ModelConfig', 'about_ModelConfig')
    }
    'Set-ModelValidation' = @{
        Synopsis    = 'Marks model configs validated or not, recording who, when and why.'
        Description = @'
Sets the validated flag of model config files, with the reviewer (the user name), the UTC time and the notes. Before marking a config validated it runs the checks of Test-ModelConfig and refuses (ValidationCheckFailed) when the recorded architecture facts no longer rebuild the recorded TotalParams, ActiveParams and layers, when the per-layer or per-component counts do not add up, or when a reference count (-ReferenceParams) disagrees with TotalParams and the notes do not explain it by citing the reference count or the difference. -Force marks it anyway and records that it was forced.

The file is edited in place as a JSON document, so every other field, including fields this version does not know, is preserved; the write is atomic (a temporary file replaces the original), so a failed write leaves the old file. Files inside the installed module are never changed: copy them to a folder of $env:MODELCONFIG_PATH first.
'@
        Parameters  = @{
            ModelId         = 'One or more model ids; wildcards are allowed. Binds from the pipeline by property name.'
            InputObject     = 'A model config from Get-ModelConfig; its SourcePath is the file that is changed.'
            Path            = 'Extra library folders searched before $env:MODELCONFIG_PATH and the bundled library.'
            Validated       = 'Marks the config validated (-Validated) or not validated (-Validated:$false).'
            Notes           = 'What was checked against what; stored as validation_notes. Without it the existing notes are kept.'
            ReferenceParams = 'An independent parameter count to compare with TotalParams (e.g. the Hub safetensors total). Needs -ReferenceSource.'
            ReferenceSource = 'Where -ReferenceParams comes from; stored with the count.'
            Force           = 'Marks the config validated even though a check failed; the file records forced = true.'
            PassThru        = 'Returns the updated model config.'
            WhatIf          = 'Shows what would change, and changes nothing.'
            Confirm         = 'Asks before changing each file.'
        }
        Examples    = @(
            @{ Code = 'New-Item -ItemType Directory ~/models -Force | Out-Null; Copy-Item (Get-ModelConfig qwen3_8b, qwen3_14b).SourcePath ~/models; Set-ModelValidation qwen3_8b, qwen3_14b -Path ~/models -Validated -Notes "Counts compared with the Hub safetensors totals." -PassThru | Format-Table ModelId, Validated, ValidationNotes'; Remarks = 'Bundled configs are never changed, so this copies two into a library folder of your own and marks the copies validated; each is checked first. With ~/models in $env:MODELCONFIG_PATH, -Path can be left out.' }
            @{ Code = 'Copy-Item (Get-ModelConfig qwen3_0.6b).SourcePath ~/models; Set-ModelValidation qwen3_0.6b -Path ~/models -Validated -ReferenceParams 751632384 -ReferenceSource "Hub safetensors total" -Notes "The Hub total also stores the tied lm_head (155582464)."'; Remarks = 'Records a reference count that differs from TotalParams (596049920), with the explanation the check asks for: the notes cite the difference.' }
            @{ Code = 'Set-ModelValidation qwen3_8b -Path ~/models -Validated:$false -Notes "Retracted: config changed upstream" -WhatIf'; Remarks = 'Shows what would change in the copy of example 1, and writes nothing.' }
        )
        Links       = @('Test-ModelConfig', 'New-ModelConfig', 'about_ModelConfig')
    }
    'Test-ModelConfig' = @{
        Synopsis    = 'Runs the checks a model config must pass to be marked validated, and returns each as an object.'
        Description = 'Returns one ModelConfig.Core.Validation.ValidationCheck per check, with Passed, Expected, Actual and a message: LayersSumToTotal, BreakdownSumsToTotal, FactsReproduceTotalParams, FactsReproduceActiveParams, FactsReproduceLayers (the architecture facts in the file are rebuilt with the current builder and compared with the recorded counts and every layer), and ReferenceParamsAgree when a reference count is given. Set-ModelValidation runs the same checks before it marks a config validated.'
        Parameters  = @{
            ModelId         = 'One or more model ids; wildcards are allowed. Binds from the pipeline by property name.'
            InputObject     = 'A model config from Get-ModelConfig.'
            Path            = 'Extra library folders searched before $env:MODELCONFIG_PATH and the bundled library.'
            ReferenceParams = 'An independent parameter count to compare with TotalParams.'
            ReferenceSource = 'Where -ReferenceParams comes from, used in the message.'
            Notes           = 'Notes that may explain a difference from -ReferenceParams; default the config''s validation notes.'
        }
        Examples    = @(
            @{ Code = 'Test-ModelConfig llama_3.3_70b | Format-Table Check, Passed, Message'; Remarks = 'Shows every check of one model.' }
            @{ Code = 'Get-ModelConfig | Test-ModelConfig | Where-Object { -not $_.Passed }'; Remarks = 'Lists every failing check in the library.' }
        )
        Links       = @('Set-ModelValidation', 'about_ModelConfig')
    }
    'Get-HardwareConfig' = @{
        Synopsis    = 'Lists accelerators, nodes and racks of the hardware library, with dense peak figures and their sources.'
        Description = @'
Returns typed hardware objects (ModelConfig.Core.Hardware.HardwareConfig): memory capacity and bandwidth per accelerator, dense peak TFLOPS per dtype (never the 2:4-sparse datasheet figure), scale-up link bandwidth and domain size, scale-out bandwidth, TDP, the number of accelerators of a node or rack, and the source of every figure. Ids and aliases are matched case-insensitively; aliases keep the original system's ids working (nvidia_nvl72_rack is the GB200 NVL72 rack: 72 GPUs).

The hardware search path, highest precedence first: the folders given to -Path, then each folder of $env:MODELCONFIG_HARDWARE_PATH from left to right, then the bundled data/hardware folder; the first folder holding an id wins (the same rule as Get-ModelConfig). A corrupt file produces one HardwareConfigInvalid error naming the file and field; the others still list. A corrupt file that overrides an id makes that id unavailable rather than falling back to a lower folder. A malformed pattern such as '[' is one InvalidHardwareId (or InvalidVendor) error, and the other values still run. An id that matches nothing is a HardwareNotFound error naming the closest ids and aliases (h100 gives "Did you mean nvidia_h100_80gb, nvidia_h100_nvl_94gb or nvidia_h100_pcie_80gb?").

Tab completion of hardware ids (here and in Measure-Deployment and Find-Deployment -Hardware) matches any part of an id or alias: h100<Tab> offers every H100. -Vendor completes the vendors of the library.
'@
        Parameters  = @{
            HardwareId = 'One or more hardware ids or aliases; wildcards are allowed. Binds from the pipeline, also by property name. Aliases Hardware, Name. Tab completion matches any part of an id or alias.'
            Vendor     = 'Returns only hardware of this vendor (NVIDIA, AMD, Intel, Google, AWS, Apple); wildcards are allowed. Tab completion offers the vendors of the library.'
            Path       = 'Extra hardware folders, searched before $env:MODELCONFIG_HARDWARE_PATH and the bundled library.'
        }
        Examples    = @(
            @{ Code = 'Get-HardwareConfig'; Remarks = 'Lists the whole hardware library.' }
            @{ Code = 'Get-HardwareConfig nvidia_h1*, nvidia_h2* | Sort-Object MemoryBandwidthGBs -Descending'; Remarks = 'The NVIDIA Hopper GPUs (H100, H200, H20 variants) sorted by memory bandwidth.' }
            @{ Code = '(Get-HardwareConfig nvidia_nvl72_rack).Chips'; Remarks = 'The original system''s id resolves to the GB200 NVL72 rack: 72.' }
            @{ Code = 'Get-HardwareConfig -Vendor AMD | Format-List'; Remarks = 'Every AMD entry with all figures and sources.' }
        )
        Links       = @('Measure-Deployment', 'about_ModelConfig')
    }
    'Measure-Deployment' = @{
        Synopsis    = 'Estimates memory per GPU, time to first token, time per output token and throughput of serving a model on hardware.'
        Description = @'
Returns one ModelConfig.Core.Estimation.DeploymentEstimate per configuration: whether it fits (Fits, FitReason), memory per GPU (WeightsGB, KvCacheGB, ActivationsGB, ReservedGB, MemoryPerGpuGB, MemoryCapacityGB), the largest batch and context that fit, TtftMs, TpotMs (mean over the generated tokens, excluding the first, as benchmark tools report it; TpotFirstMs and TpotLastMs show how decode slows as the KV cache grows), EndToEndLatencyMs, output and total tokens per second (also per GPU and per user), requests per second, the bottleneck of prefill and decode (compute, memory, communication, overhead), an ErrorBand measured on published benchmarks for its regime, and Assumptions: every default, efficiency and overhead used and where it comes from.

The model is costed layer by layer from the config's layer specs: GEMMs read their weights once per step for the whole batch; attention FLOPs and KV reads grow with the context, sliding windows cap them and MLA reads its latent cache; MoE layers read only the experts the batch is expected to touch; tensor-parallel all-reduces and expert-parallel all-to-alls cross the scale-up link (scale-out beyond the scale-up domain); pipeline bubbles, per-step and per-kernel overheads, and achievable fractions of peak that depend on the dtype and the size of the work. Efficiencies and overheads are fitted on measured results (data/calibration); -ComputeEfficiency and -MemoryEfficiency override them per call, and a hardware file's efficiency block per hardware.

Load: -BatchSize N is a static batch (N sequences prefilled together, then decoded together to the end); -Concurrency N is a closed loop with N requests always in flight and continuous batching, so TTFT includes queueing and TPOT includes the prefills interleaved with decode. Defaults, all stated in Assumptions: batch 1, 1024 input and 256 output tokens, bf16 weights, a KV cache in the activation dtype, and the fewest GPUs that fit.

Every array parameter expands to a sweep (hardware x TP x PP x EP x precisions x loads x lengths). A configuration that cannot run (heads or experts not divisible by the parallel degree, more GPUs than a node or rack holds) is an InvalidDeployment error naming the constraint, and the sweep goes on; one that runs out of memory is returned with Fits = $false and the reason.
'@
        Parameters  = @{
            ModelId               = 'Model ids from the library; wildcards are allowed. Binds from the pipeline by property name.'
            InputObject           = 'A model config from Get-ModelConfig (pipeline by value).'
            Path                  = 'Extra library folders searched before $env:MODELCONFIG_PATH and the bundled library.'
            Hardware              = 'Hardware ids, aliases or objects from Get-HardwareConfig. A chip id allows any GPU count (GPUs beyond its scale-up domain talk over scale-out); a node or rack id allows at most its chip count. An unknown id is one HardwareNotFound error naming the closest ids. Tab completion matches any part of an id or alias (h100<Tab>).'
            TensorParallel        = 'Tensor-parallel degrees; default: the fewest GPUs (a power of two dividing the attention heads) that fit. Alias TP.'
            PipelineParallel      = 'Pipeline-parallel degrees; default 1. Alias PP.'
            ExpertParallel        = 'Expert-parallel degrees inside the tensor-parallel group for MoE models; 1 shards experts by tensor parallelism. Alias EP.'
            DataParallelAttention = 'Runs attention data-parallel across the tensor-parallel group (each GPU holds all attention weights and its own sequences and KV cache) while MoE layers use TP/EP, as SGLang and TensorRT-LLM do for MLA models.'
            WeightPrecision       = 'Weight precisions: bf16 (default), fp16, fp8, int8, int4, fp4/nvfp4, mxfp4; block-scale overhead is included. mxfp4 applies to the routed experts, as gpt-oss ships it.'
            KvCachePrecision      = 'KV-cache precisions: bf16, fp16, fp8, int8, fp4; default the activation dtype (bf16).'
            BatchSize             = 'Static batch sizes: N sequences prefilled together, then decoded together to the end. Default 1 when -Concurrency is not given.'
            Concurrency           = 'Requests kept in flight by a closed-loop client, served with continuous batching.'
            InputLength           = 'Input (prompt) lengths in tokens; default 1024. Alias ISL.'
            OutputLength          = 'Output lengths in tokens; default 256. Alias OSL.'
            Framework             = 'Serving engine whose fitted per-step overheads to use: vllm, trtllm (PyTorch backend), sglang or trtllm-engine (TensorRT-engine backend: C++ executor, eager kernel launches, as trtllm-bench 0.x ran it); default the generic calibrated values.'
            ComputeEfficiency     = 'Overrides the fraction of dense peak FLOPS a large GEMM reaches (0.01 to 1).'
            MemoryEfficiency      = 'Overrides the fraction of peak memory bandwidth reached when streaming weights and KV cache (0.01 to 1).'
            IncludeLayers         = 'Adds per-layer roofline metrics for prefill and decode (FLOPs, bytes moved, arithmetic intensity, bound, time) and the communication records.'
            Offline               = 'Offline max throughput (trtllm-bench throughput): all -NumRequests requests queued at t=0; the running batch is whatever KV cache, -MaxBatchSize and -MaxNumTokens allow. Throughput = all output tokens / run time, ramp-up and drain included; RunningBatch reports the batch reached. Without -MaxBatchSize / -MaxNumTokens the limits are trtllm-bench''s dataset-derived settings; with -Framework trtllm (PyTorch backend) every step also waits for the executor''s per-request host work.'
            NumRequests           = 'Requests of the run for -Offline and -RequestRate (default 1000); with -Concurrency the initial burst of that many requests is included in the mean TTFT.'
            MaxBatchSize          = 'Engine limit on the running batch per replica (per attention rank under data-parallel attention, as TensorRT-LLM counts it); default 2048 (TensorRT-LLM). Honoured by -Offline, -RequestRate and disaggregated serving.'
            MaxNumTokens          = 'Engine limit on tokens per forward step (prefill chunks plus decode tokens); default 8192 (TensorRT-LLM max_num_tokens), trtllm-bench''s dataset-derived setting with -Offline. Under data-parallel attention each attention rank schedules its own steps, so -Offline counts it per rank.'
            RequestRate           = 'Open-loop arrivals in requests per second (vLLM benchmark --request-rate). Returns mean and p50/p90/p99 TTFT, TPOT and end-to-end latency; Saturated (reason in FitReason) when the rate exceeds what the deployment serves.'
            ArrivalProcess        = 'Poisson (default: gamma inter-arrival times with shape -Burstiness, mean 1/rate) or Constant (one request every 1/rate seconds).'
            Burstiness            = 'Gamma shape of the inter-arrival times as vLLM defines it; 1 (default) is Poisson, below 1 burstier, above 1 more regular.'
            PrefillWorkers        = 'Disaggregated serving: prefill workers (default 1 once any Prefill*/Decode* parameter is given). Works with -Concurrency (whole deployment), -RequestRate and -Offline.'
            PrefillTensorParallel = 'Disaggregated serving: tensor-parallel degree of each prefill worker (default 1).'
            PrefillExpertParallel = 'Disaggregated serving: expert-parallel degree of each prefill worker (default 1).'
            PrefillDataParallelAttention = 'Disaggregated serving: prefill workers run attention data-parallel.'
            DecodeWorkers         = 'Disaggregated serving: decode workers (default 1).'
            DecodeTensorParallel  = 'Disaggregated serving: tensor-parallel degree of each decode worker (default 1).'
            DecodeExpertParallel  = 'Disaggregated serving: expert-parallel degree of each decode worker (default 1).'
            DecodeDataParallelAttention = 'Disaggregated serving: decode workers run attention data-parallel.'
            SpeculativeMethod     = 'None (default), Mtp (the model''s next-n layers, DeepSeek-V3/R1), Eagle (one-layer draft head) or DraftModel (-DraftModelId). Each step costs a verify pass of k+1 tokens per sequence plus k draft passes (the first over the tokens the last verify accepted); AcceptedTokensPerStep = (1-a^(k+1))/(1-a).'
            SpeculativeTokens     = 'Draft tokens per step (next-n for MTP); default the model''s MTP layer count for Mtp, else 3.'
            AcceptanceRate        = 'Probability that each drafted token is accepted; default per method from published figures (Mtp 0.85 for the positions the checkpoint has next-n layers for and 0.63 for positions that reuse its last one, Eagle 0.75, DraftModel 0.6; sources in Assumptions).'
            DraftModelId          = 'Library model id of the draft model for -SpeculativeMethod DraftModel.'
            PrefixCacheHitRate    = 'Share of prompt tokens already in the prefix cache (0 to 0.999): prefill computes only the rest and cached KV blocks are shared between sequences.'
            GpuHourPrice          = 'USD per GPU-hour: one number for all hardware, or a hashtable of hardware id = price (a hardware file''s price_usd_per_gpu_hour fills gaps). Adds GpuHourPriceUsd, ReplicaCostPerHourUsd, CostPerMillionInputTokens, CostPerMillionOutputTokens, GpuUtilisation and JoulesPerOutputToken to each estimate (rules: Get-Help Find-Deployment).'
            Calibration           = 'A calibration profile (its name from Get-EstimatorCalibration, or the object) whose fitted parameters override the bundled calibration. The ErrorBand then comes from the profile''s leave-one-out residuals; outside the hardware and engine it was fitted on, the estimate says so in Assumptions (calibration_scope) and a warning.'
        }
        Examples    = @(
            @{ Code = 'Measure-Deployment llama_3.3_70b -Hardware nvidia_h100_sxm_80gb -TensorParallel 4 -InputLength 2048 -OutputLength 512 -Concurrency 32'; Remarks = 'One estimate: memory, TTFT, TPOT and throughput of Llama 3.3 70B on 4 H100s with 32 requests in flight.' }
            @{ Code = 'Get-ModelConfig llama* | Measure-Deployment -Hardware nvidia_h200_sxm_141gb -TensorParallel 2,4,8 -WeightPrecision bf16,fp8 | Format-Table'; Remarks = 'A sweep: every Llama model x three TP degrees x two precisions.' }
            @{ Code = 'Measure-Deployment deepseek_r1 -Hardware nvidia_b200_hgx_180gb -TensorParallel 8 -ExpertParallel 8 -DataParallelAttention -WeightPrecision fp8 -Concurrency 64'; Remarks = 'DeepSeek-R1 (MLA + MoE) with expert parallelism and data-parallel attention.' }
            @{ Code = 'Measure-Deployment gpt_oss_120b -Hardware nvidia_h100_sxm_80gb -WeightPrecision mxfp4 -BatchSize 1,8,64 | Sort-Object TpotMs'; Remarks = 'gpt-oss-120b with MXFP4 experts at three static batch sizes; the fewest GPUs that fit are chosen and stated in Assumptions.' }
            @{ Code = '(Measure-Deployment mixtral_8x7b_v0.1 -Hardware amd_mi300x -IncludeLayers).Layers | Where-Object Phase -eq decode | Sort-Object TimeMs -Descending | Select-Object -First 5'; Remarks = 'The five slowest layer operations of a decode step, with their roofline bound.' }
            @{ Code = 'Measure-Deployment llama_3.1_70b -Hardware nvidia_l40s_48gb -TensorParallel 1 | Select-Object Fits, FitReason, MemoryPerGpuGB'; Remarks = 'A configuration that does not fit is returned with Fits = $false and the reason.' }
            @{ Code = 'Measure-Deployment llama_4_scout_17b_16e_instruct -Hardware nvidia_b200_hgx_180gb -TensorParallel 1 -DataParallelAttention -WeightPrecision fp4 -InputLength 128 -OutputLength 128 -Offline -NumRequests 30000 -Framework trtllm | Select-Object OutputTokensPerSecond, RequestsPerSecond, RunningBatch, TtftMs'; Remarks = 'Offline max throughput of 30000 queued requests, ramp-up and drain included.' }
            @{ Code = 'Measure-Deployment llama_3.3_70b -Hardware nvidia_h100_sxm_80gb -TensorParallel 4 -WeightPrecision fp8 -RequestRate 4 -Burstiness 0.5 | Select-Object TtftMs, TtftP90Ms, TtftP99Ms, TpotP99Ms, Saturated'; Remarks = 'Open-loop bursty arrivals at 4 requests/s: mean and percentile latencies.' }
            @{ Code = 'Measure-Deployment gpt_oss_120b -Hardware nvidia_gb200_nvl72 -WeightPrecision mxfp4 -InputLength 8192 -OutputLength 1024 -Concurrency 256 -PrefillWorkers 2 -DecodeWorkers 1 -DecodeTensorParallel 4 | Select-Object PrefillGpus, DecodeGpus, KvTransferMs, OutputTokensPerSecondPerDecodeGpu, LimitingPool'; Remarks = 'Disaggregated prefill/decode on one NVL72 domain.' }
            @{ Code = 'Measure-Deployment deepseek_r1 -Hardware nvidia_h200_sxm_141gb -TensorParallel 8 -ExpertParallel 4 -WeightPrecision fp8 -Concurrency 1 -SpeculativeMethod Mtp -SpeculativeTokens 3 | Select-Object AcceptedTokensPerStep, TpotMs, OutputTokensPerSecond'; Remarks = 'DeepSeek-R1 with three MTP draft tokens per step.' }
            @{ Code = 'Measure-Deployment llama_3.1_8b -Hardware nvidia_h100_sxm_80gb -TensorParallel 1 -Concurrency 32 -InputLength 4096 -PrefixCacheHitRate 0.5 | Select-Object TtftMs, MaxBatchSize'; Remarks = 'Half of every prompt served from the prefix cache.' }
            @{ Code = 'Measure-Deployment llama_3.3_70b -Hardware nvidia_h100_sxm_80gb -TensorParallel 4 -Concurrency 64 -GpuHourPrice 2.5 | Select-Object CostPerMillionInputTokens, CostPerMillionOutputTokens, JoulesPerOutputToken'; Remarks = 'Cost and energy of one configuration at USD 2.50 per GPU-hour.' }
            @{ Code = 'Measure-Deployment gpt_oss_120b -Hardware nvidia_h200_sxm_141gb -TensorParallel 4 -WeightPrecision mxfp4 -Framework vllm -Concurrency 16 -Calibration (Get-EstimatorCalibration my_h200_vllm -Path ~/calibration) | Select-Object TtftMs, TpotMs, ErrorBand'; Remarks = 'Estimates with the calibration profile New-EstimatorCalibration''s first example fits; the error band comes from its residuals. A profile in a folder of $env:MODELCONFIG_CALIBRATION_PATH can be given by name: -Calibration my_h200_vllm.' }
        )
        Links       = @('Find-Deployment', 'Get-HardwareConfig', 'Get-ModelConfig', 'about_ModelConfig')
    }
    'Find-Deployment' = @{
        Synopsis    = 'Finds the best ways to serve a model under latency targets: layout, precision and load, ranked by throughput per GPU, cost, energy or latency, or the Pareto frontier per hardware.'
        Description = @'
Searches, for every hardware given (default: every chip-kind entry of the hardware library), every layout up to -MaxGpus GPUs per replica (tensor parallel within the scale-up domain, pipeline parallel, expert parallel and data-parallel attention for MoE models, in powers of two, as Measure-Deployment's layout rules allow), every precision (default: bf16, plus fp8 and fp4 where the chip has those peaks, with an fp8 KV cache beside 8- and 4-bit weights) and every load level.

Candidate sources. Closed loop (default): concurrency levels -Concurrency (default 1, 2, 4, ... 2048), targets on the mean TTFT and TPOT. Request rate (-RequestRate or -Percentile): open-loop arrivals per replica, at -RequestRate or, without it, at 0.25, 0.5, 1, ... 512 requests/s; -MaxTtftMs, -MaxTpotMs and -MinTokensPerSecondPerUser then apply to the -Percentile (50, 90 or 99; without it the means). A saturated point (offered above what the replica serves, its queue growing through the run) is never an answer, and the shortfall counts them. Disaggregated (-IncludeDisaggregated, besides the aggregated source): a prefill layout and a decode layout (pipeline parallel 1) on the same chip and precision, with every prefill and decode worker count whose GPUs add up to at most -MaxGpus, at the same load levels; the default -MaxGpus 8 keeps the pairs to one HGX node, give e.g. -MaxGpus 72 on an NVL72 rack for more (the pairs grow with the square of the worker counts, so such a search takes longer). -SpeculativeMethod (and -DraftModelId for DraftModel) is passed to every estimate with the method's default acceptance, as Measure-Deployment assumes.

Pruning: a layout whose weights and framework reserve overflow a GPU is never estimated, nor any pair with such a pool; load levels are tried from low to high and a candidate stops at the first level that misses a target or saturates (TTFT and TPOT, mean or at a percentile, only grow, and tokens/s per user only falls, with concurrency or rate). -Exhaustive turns pruning by the targets off, which is how the tests check that it never drops a winner. Every returned configuration is re-estimated in full, so its figures are exactly Measure-Deployment's for the same layout, precision and load.

Returns ModelConfig.Core.Planning.PlannedDeployment objects: every DeploymentEstimate property plus Rank, Objective, ObjectiveValue, Why (one line on why it ranks there and what stops a higher load), CandidateSource, Layout, Disaggregation (the pools of a disaggregated answer), MeetsServiceLevel, cost, energy and fleet size. One entry per hardware, layout and precision: its best load level. -Frontier returns instead, per hardware, the Pareto frontier of output tokens/s per GPU against tokens/s per user (among configurations meeting the targets).

Cost: -GpuHourPrice (or price_usd_per_gpu_hour in a user hardware file; none is bundled). A replica costs price x GPUs per hour. Input tokens carry the share PrefillMs / (PrefillMs + (OutputLength - 1) x TpotMs) of that bill and output tokens the rest (CostPerMillionInputTokens, CostPerMillionOutputTokens); -Objective CostPerMillionTokens ranks by the whole bill per million output tokens, prompts included. Energy: a GPU draws TDP x (0.3 + 0.7 x utilisation), utilisation being the modelled share of a decode step in which compute or memory is busy (GpuUtilisation; the decode pool's for a disaggregated answer); JoulesPerOutputToken charges all of it to output tokens.

Fleet: -TotalRequestRate R gives each result FleetReplicas = ceil(R / RequestsPerSecond), FleetGpus and FleetHeadroom = 1 - R / (replicas x RequestsPerSecond). Under -RequestRate/-Percentile RequestsPerSecond is the open-loop rate per replica the percentiles were judged at, so the fleet meets the percentile targets; closed loop, it is the rate a replica sustains at the concurrency.

When no configuration meets the targets, Find-Deployment writes a warning and a NoFeasibleDeployment error whose TargetObject is a PlanningShortfall: the binding constraint (Saturated when every fitting rate saturates), how far past it the nearest configuration is, and that configuration.
'@
        Parameters  = @{
            ModelId                   = 'Model ids from the library; wildcards are allowed. Binds from the pipeline by property name.'
            InputObject               = 'A model config from Get-ModelConfig (pipeline by value).'
            Path                      = 'Extra library folders searched before $env:MODELCONFIG_PATH and the bundled library.'
            Hardware                  = 'Hardware ids, wildcards or objects from Get-HardwareConfig; default every chip-kind entry of the hardware library.'
            MaxGpus                   = 'Most GPUs one replica may use (tensor x pipeline parallel; prefill plus decode workers for disaggregated pairs); default 8.'
            InputLength               = 'Prompt length in tokens; default 1024. Alias ISL.'
            OutputLength              = 'Output length in tokens; default 256. Alias OSL.'
            Concurrency               = 'Closed-loop concurrency levels (requests in flight per replica) to try; default 1, 2, 4, ... 2048. Give one value to plan for a known number of users.'
            RequestRate               = 'Open-loop arrival rate per replica, requests per second: the search runs the open-loop model at this rate (saturated configurations are skipped). Without it, -Percentile searches 0.25, 0.5, 1, ... 512 requests/s.'
            MaxTtftMs                 = 'Largest time to first token allowed, ms: the mean, or the -Percentile under open loop.'
            MaxTpotMs                 = 'Largest time per output token allowed, ms: the mean, or the -Percentile under open loop.'
            MinTokensPerSecondPerUser = 'Smallest decode speed each user must see, tokens per second (1000 / TPOT).'
            Percentile                = 'Percentile (50, 90 or 99) the latency targets apply to; implies the open-loop (request-rate) search.'
            WeightPrecision           = 'Weight precisions to try; default those the chip computes natively (bf16; fp8 with an fp8 peak; fp4 with an fp4 peak).'
            KvCachePrecision          = 'KV-cache precisions to try (crossed with the weight precisions); default fp8 beside 8- and 4-bit weights on chips with an fp8 peak, else bf16.'
            IncludeDisaggregated      = 'Also search prefill/decode pool pairs on the same chip and precision, with worker counts whose GPUs add up to at most -MaxGpus (raise it, e.g. -MaxGpus 72 on NVL72, for larger pools).'
            SpeculativeMethod         = 'Speculative decoding every candidate assumes: None (default), Mtp, Eagle or DraftModel (with -DraftModelId); acceptance is the method''s default, as in Measure-Deployment.'
            DraftModelId              = 'The draft model of -SpeculativeMethod DraftModel, a library id.'
            Framework                 = 'Serving engine whose fitted overheads to use: vllm, trtllm (PyTorch backend), sglang or trtllm-engine (TensorRT-engine backend); default the generic calibrated values.'
            Objective                 = 'ThroughputPerGpu (default, output tok/s per GPU), CostPerMillionTokens (needs prices), EnergyPerToken (needs tdp_w) or Latency (end-to-end ms).'
            Top                       = 'How many ranked configurations to return; default 10.'
            Frontier                  = 'Returns the Pareto frontier of output tokens/s per GPU against tokens/s per user for each hardware instead of the ranking.'
            GpuHourPrice              = 'USD per GPU-hour: a number for all hardware or a hashtable of hardware id = price; a hardware file''s price_usd_per_gpu_hour fills gaps.'
            TotalRequestRate          = 'Requests per second the whole service must carry: adds FleetReplicas, FleetGpus and FleetHeadroom to each result.'
            Exhaustive                = 'Estimates every candidate, pruning nothing (slower); for checking the pruning.'
        }
        Examples    = @(
            @{ Code = 'Find-Deployment llama_3.3_70b -InputLength 2048 -OutputLength 512 -Concurrency 100 -MaxTtftMs 2000 -MaxTpotMs 50 -Objective CostPerMillionTokens -GpuHourPrice @{ nvidia_h100_sxm_80gb = 2.5; nvidia_h200_sxm_141gb = 3.5; nvidia_b200_hgx_180gb = 5.5; amd_mi300x = 2.0; amd_mi355x = 3.0 } -Top 5'; Remarks = 'Serve Llama-3.3-70B to 100 users at 2k/512 with TTFT <= 2 s and TPOT <= 50 ms, cheapest first (hardware without a price is left out with a warning).' }
            @{ Code = 'Find-Deployment deepseek_r1 -MinTokensPerSecondPerUser 30 -Top 1000 | Group-Object HardwareId | ForEach-Object { $_.Group[0] } | Format-Table'; Remarks = 'Which GPUs can serve DeepSeek-R1 at 30 tokens/s per user: the best configuration of each hardware that can.' }
            @{ Code = 'Find-Deployment gpt_oss_120b -Hardware nvidia_b200_hgx_180gb, amd_mi355x -Frontier | Format-Table HardwareId, TensorParallel, WeightPrecision, Concurrency, TokensPerSecondPerUser, OutputTokensPerSecondPerGpu'; Remarks = 'The Pareto frontier of gpt-oss-120b on B200 against MI355X (output tok/s per GPU against tok/s per user).' }
            @{ Code = 'Find-Deployment llama_3.1_8b -Hardware nvidia_h200_sxm_141gb -Percentile 99 -MaxTtftMs 1000 -TotalRequestRate 20 -Top 1 | Select-Object Why, RequestRate, TtftP99Ms, FleetReplicas, FleetGpus, FleetHeadroom'; Remarks = 'How many H200s serve 20 req/s of Llama-3.1-8B at p99 TTFT <= 1 s: open-loop rates per replica are searched and the fleet is sized on the best one (-RequestRate 5 would try only 5 requests/s per replica).' }
            @{ Code = 'Find-Deployment llama_3.3_70b -Hardware nvidia_h200_sxm_141gb -InputLength 8192 -OutputLength 512 -IncludeDisaggregated -MaxTtftMs 3000 -MaxTpotMs 50 -Top 5 | Format-Table CandidateSource, Layout, WeightPrecision, Concurrency, TtftMs, TpotMs, OutputTokensPerSecondPerGpu'; Remarks = 'Aggregated replicas against prefill/decode pool pairs of up to 8 H200s for long prompts.' }
        )
        Links       = @('Measure-Deployment', 'Get-HardwareConfig', 'about_ModelConfig')
    }
    'Export-DeploymentChart' = @{
        Synopsis    = 'Draws deployment estimates as a PNG or SVG chart: roofline, memory breakdown, sweep or Pareto.'
        Description = @'
Collects the DeploymentEstimate objects piped from Measure-Deployment and writes one chart with ScottPlot, headless (no display needed; the native SkiaSharp library ships in the module). The file type follows the extension of -Path (.png or .svg). Returns the file.

Roofline: every per-layer operation of the estimates (run Measure-Deployment with -IncludeLayers) as arithmetic intensity (FLOP/byte) against attained TFLOPS per GPU, on log axes, under the first estimate's hardware roofs (dense peak for the weight precision, memory bandwidth); prefill and decode points in different colours.
MemoryBreakdown: one stacked bar per estimate with weights, KV cache, activations and reserved memory per GPU, and the capacity as a dashed line (red when it does not fit).
Sweep: -Metric (Tpot, Ttft or Throughput) against concurrency (or static batch size), one series per hardware and layout (TP, PP, EP, precision).
Pareto: output tokens/s per GPU against tokens/s per user, one colour per series, with the frontier over all points.

Anything piped that is not an estimate is a ChartInputInvalid error (for a model, run Measure-Deployment on it first); estimates that cannot make the chart (a roofline without per-layer rows, nothing piped) end the command with ChartInputInvalid. A file that cannot be written is WriteFailed.
'@
        Parameters  = @{
            InputObject = 'Estimates from Measure-Deployment (pipeline).'
            Kind        = 'Roofline, MemoryBreakdown, Sweep or Pareto.'
            Path        = 'The file to write; its extension (.png or .svg) picks the format. An existing file is replaced.'
            Metric      = 'Sweep only: Tpot (default), Ttft or Throughput (output tokens per second of one replica).'
            Width       = 'Width in pixels, 100 to 4000; default 800.'
            Height      = 'Height in pixels, 100 to 4000; default 500.'
            Title       = 'A title in place of the chart''s own.'
        }
        Examples    = @(
            @{ Code = 'Measure-Deployment llama_3.3_70b -Hardware nvidia_h100_sxm_80gb -TensorParallel 4 -BatchSize 8 -IncludeLayers | Export-DeploymentChart Roofline roofline.svg'; Remarks = 'The roofline of every layer operation in prefill and decode.' }
            @{ Code = 'Measure-Deployment llama_3.1_8b -Hardware nvidia_h100_sxm_80gb, nvidia_l40s_48gb -Concurrency 1,2,4,8,16,32,64 | Export-DeploymentChart Sweep tpot.png -Metric Tpot'; Remarks = 'TPOT against concurrency, one line per GPU.' }
            @{ Code = 'Measure-Deployment llama_3.3_70b -Hardware nvidia_h200_sxm_141gb -TensorParallel 1,2,4,8 | Export-DeploymentChart MemoryBreakdown memory.png'; Remarks = 'Memory per GPU of four layouts against the capacity.' }
            @{ Code = 'Measure-Deployment llama_3.1_70b -Hardware nvidia_h100_sxm_80gb -TensorParallel 2,4,8 -Concurrency 1,4,16,64 | Export-DeploymentChart Pareto pareto.svg'; Remarks = 'Throughput per GPU against interactivity, and the Pareto frontier.' }
        )
        Links       = @('Measure-Deployment', 'Start-ModelConfigServer', 'about_ModelConfig')
    }
    'Start-ModelConfigServer' = @{
        Synopsis    = 'Starts the ModelConfig HTTP server (the original system''s API, /v1/estimate, charts and a page) as a child process.'
        Description = @'
Runs the server the module ships in its server/ folder (dotnet server/ModelConfig.Server.dll; it needs the ASP.NET Core 10 runtime), waits until GET /healthz answers, and returns a ModelConfig.Commands.ModelConfigServer object with its Url and ProcessId. The server keeps running after the command returns; stop it with Stop-ModelConfigServer. It serves the same libraries as the cmdlets: the module's data, then the folders in $env:MODELCONFIG_PATH and $env:MODELCONFIG_HARDWARE_PATH as they are when it starts.

Endpoints: GET /models, /models/{model_id}, /hardware, /hardware/{id}, /api/layers?model_id=, POST /config/layer-metrics, /config/system-metrics, /deployment/estimate and /estimate (the original system's API, snake_case, with its defects fixed); POST /v1/estimate (Measure-Deployment's request and DeploymentEstimate); GET /charts/{kind} (SVG charts); GET /healthz; GET /openapi.json; and the estimate page at /. Bad input is a 400 RFC 7807 problem naming the field, an unknown id a 404, a body over 64 KiB a 413.

It listens on loopback only unless -AllowRemote is given: the API has no authentication. A non-loopback -Address without -AllowRemote is the terminating error RemoteBindingNotAllowed; with it, a warning is written. A server that does not answer within -TimeoutSec is stopped and reported as ServerStartFailed with its error output.
'@
        Parameters  = @{
            Port        = 'The TCP port; 0 (the default) lets the system pick a free one, shown in Url.'
            Address     = 'The IP address to listen on; default 127.0.0.1. A non-loopback address needs -AllowRemote.'
            AllowRemote = 'Allows a non-loopback -Address (for example 0.0.0.0). Anyone who can reach the address can use the API.'
            TimeoutSec  = 'Seconds to wait for the server to answer /healthz; default 30.'
        }
        Examples    = @(
            @{ Code = '$server = Start-ModelConfigServer; Start-Process $server.Url'; Remarks = 'Starts the server on a free loopback port and opens the estimate page.' }
            @{ Code = '$s = Start-ModelConfigServer -Port 5080; Invoke-RestMethod "$($s.Url)/deployment/estimate" -Method Post -ContentType application/json -Body ''{"model_id":"llama_3.3_70b","hardware_config":"nvidia_nvl72_rack","batch_size":1,"input_seq":2048,"output_seq":512}'''; Remarks = 'A request as the original system''s clients sent it.' }
            @{ Code = 'Start-ModelConfigServer -Address 0.0.0.0 -Port 8080 -AllowRemote'; Remarks = 'Listens on every interface, with a warning.' }
        )
        Links       = @('Stop-ModelConfigServer', 'Measure-Deployment', 'Export-DeploymentChart', 'about_ModelConfig')
    }
    'Stop-ModelConfigServer' = @{
        Synopsis    = 'Stops a server started by Start-ModelConfigServer.'
        Description = 'Stops the server process given by the object Start-ModelConfigServer returned (pipeline) or by -ProcessId. A process that is not a running ModelConfig server (another program, or a process id reused after the server ended) is left alone and reported as ServerNotFound. Supports -WhatIf and -Confirm.'
        Parameters  = @{
            InputObject = 'The object Start-ModelConfigServer returned (pipeline).'
            ProcessId   = 'Process ids of servers; binds from the pipeline by property name (ProcessId or Id).'
        }
        Examples    = @(
            @{ Code = '$server = Start-ModelConfigServer; $server | Stop-ModelConfigServer'; Remarks = 'Starts and stops a server.' }
            @{ Code = 'Stop-ModelConfigServer -ProcessId 12345'; Remarks = 'Stops the server with that process id.' }
        )
        Links       = @('Start-ModelConfigServer', 'about_ModelConfig')
    }

    'Import-ServingBenchmark' = @{
        Synopsis    = 'Reads serving-benchmark result files into measurement objects.'
        Description = @'
Returns one ModelConfig.Core.Calibration.ServingMeasurement per measured run: model, hardware, layout (TP/PP/EP), precisions, engine, load (concurrency, batch, rate, requests), mean input and output tokens, and the metrics (TTFT, TPOT, ITL, end-to-end latency in ms; output, total and request throughput of the whole replica).

The format is detected from the content: the calibration-set CSV of ../shared/measured (one value per row; rows of one config_key become one measurement, repeated runs merged by their median, uniform[0.8,1.0] lengths taken as 0.9 x nominal), vLLM `vllm bench serve --save-result` JSON, SGLang `bench_serving --output-file` JSON Lines (one measurement per line), NVIDIA AIPerf or GenAI-Perf profile_export JSON and CSV, guidellm report JSON (one measurement per benchmark of the sweep) and the trtllm-bench text report.

Result files seldom say what ran: hardware, layout, precision, engine and often the model come from the parameters, or from the pipeline by property name. A parameter wins over the file. The model is matched by library id or by the HfModelId of a library model.

Each record that cannot be used is one error naming the file, the record and the field, and the other records still import: BenchmarkFormatUnknown for a file of no known format, BenchmarkRecordInvalid for a missing or non-positive metric, missing lengths or load, or a model or hardware id that is not in the library.
'@
        Parameters  = @{
            Path             = 'Result files; wildcards are allowed (./results/*.json). Accepts pipeline input, also by property name (FullName), so Get-ChildItem output can be piped.'
            ModelId          = 'The model that was served: a library model id or the HuggingFace id of a library model. Overrides the model the file names.'
            Hardware         = 'The accelerator id or alias from Get-HardwareConfig. No result format records it.'
            TensorParallel   = 'Tensor-parallel degree of the replica. Alias TP.'
            PipelineParallel = 'Pipeline-parallel degree of the replica. Alias PP.'
            ExpertParallel   = 'Expert-parallel degree inside the tensor-parallel group. Alias EP.'
            WeightPrecision  = 'Weight dtype served (bf16, fp8, fp4, mxfp4 ...).'
            KvCachePrecision = 'KV-cache dtype.'
            Framework        = 'Serving engine: vllm, sglang or trtllm. Client backends that only name an API (openai) leave it empty.'
            Concurrency      = 'Requests kept in flight, for files that do not record it (the AIPerf/GenAI-Perf CSV).'
        }
        Examples    = @(
            @{ Code = 'Import-ServingBenchmark ./results/gpt-oss-120b-h200-tp4-c16.json -Hardware nvidia_h200_sxm_141gb -TensorParallel 4 -WeightPrecision mxfp4'; Remarks = 'Reads one vLLM result (vllm bench serve --save-result); the hardware, layout and precision come from the parameters.' }
            @{ Code = 'Get-ChildItem ./results -Filter *.json | Import-ServingBenchmark -Hardware nvidia_h200_sxm_141gb -TensorParallel 4 -WeightPrecision mxfp4 -ErrorAction Continue | Format-Table'; Remarks = 'Imports every result of a folder; records that cannot be used are reported one by one.' }
            @{ Code = 'Import-ServingBenchmark ../shared/measured/calibration.csv | Where-Object HfModelId -eq deepseek-ai/DeepSeek-R1'; Remarks = 'Reads the calibration set and keeps the DeepSeek-R1 measurements.' }
        )
        Links       = @('Compare-DeploymentEstimate', 'New-EstimatorCalibration', 'about_ModelConfig')
    }
    'Compare-DeploymentEstimate' = @{
        Synopsis    = 'Estimates the configuration of each measurement and shows the error of the estimate per metric.'
        Description = @'
For each measurement from Import-ServingBenchmark, estimates the same model, hardware, layout, precision, engine, load and mean lengths with Measure-Deployment's estimator and returns a ModelConfig.Core.Calibration.MeasurementComparison: the measurement, the estimate, and one MetricError per measured metric (measured, estimated, signed ErrorPercent = estimated / measured - 1).

-Summary returns one ComparisonSummary per metric class (ttft, tpot, e2e, throughput) with Count and MedianAbsolutePercentError, and a last row MetricClass = 'all' holding the mean of the class medians.

Every load mode Measure-Deployment models is compared: static batches, closed-loop concurrency, offline runs (all requests queued at once: NumRequests, MaxBatchSize, MaxNumTokens), open-loop request rates (RequestRate, ArrivalProcess, Burstiness), prefill/decode-disaggregated runs (Disaggregation, from the calibration CSV's prefill_* and decode_* columns) and MTP or EAGLE speculative decoding (SpeculativeTokens; the method's default acceptance). Percentiles the tool reports (p90/p99 of TTFT, TPOT and end-to-end latency) are compared with open-loop estimates, which have them; a closed-loop estimate has none, so they are left out there. A measurement the estimator cannot model (a disaggregated run without its layouts, a draft-model run, an unknown mode) or a configuration it refuses is one MeasurementNotComparable error; the others still compare.
'@
        Parameters  = @{
            Measurement = 'Measurements from Import-ServingBenchmark. Accepts pipeline input.'
            Calibration = 'A calibration profile (name or Get-EstimatorCalibration object) to estimate with; default the bundled calibration.'
            Summary     = 'Returns the median absolute % error per metric class and overall instead of one object per measurement.'
        }
        Examples    = @(
            @{ Code = 'Import-ServingBenchmark ./results/*.json -Hardware nvidia_h200_sxm_141gb -TensorParallel 4 -WeightPrecision mxfp4 | Compare-DeploymentEstimate | Format-Table'; Remarks = 'Shows the signed error per metric class for each run (vLLM results of gpt-oss-120b on four H200s).' }
            @{ Code = 'Import-ServingBenchmark ./results/*.json -Hardware nvidia_h200_sxm_141gb -TensorParallel 4 -WeightPrecision mxfp4 | Compare-DeploymentEstimate -Summary'; Remarks = 'The median absolute error per metric class and overall.' }
            @{ Code = '$m = Import-ServingBenchmark ./results/*.json -Hardware nvidia_h200_sxm_141gb -TensorParallel 4 -WeightPrecision mxfp4; $m | Compare-DeploymentEstimate -Calibration (Get-EstimatorCalibration my_h200_vllm -Path ~/calibration) -Summary'; Remarks = 'The same with the calibration profile that New-EstimatorCalibration''s first example writes to ~/calibration.' }
        )
        Links       = @('Import-ServingBenchmark', 'New-EstimatorCalibration', 'Measure-Deployment', 'about_ModelConfig')
    }
    'New-EstimatorCalibration' = @{
        Synopsis    = 'Fits the estimator efficiencies that measurements identify and writes a calibration profile.'
        Description = @'
Fits the named parameters of the bundled calibration (every numeric parameter, plus an entry for each engine of the data that has none) to the measurements, by maximum a-posteriori in log space: the squared log errors of the metrics, each metric class weighted equally, plus a log-prior pull to the bundled values (within a factor 1.5 at one standard deviation), solved with Levenberg-Marquardt. So 5-10 measurements suffice, and what they cannot tell stays at the bundled value.

Identifiability: at the priors the fit measures each parameter's sensitivity (RMS change of log predictions per unit change of log parameter). A parameter below 0.02 has no measurable effect; in order of sensitivity, a parameter whose effect is, for at least 75%, a combination of the effects of parameters already taken is not separable from them (e.g. one concurrency level cannot separate the per-step overhead from memory bandwidth). Such parameters are listed in Fit with Fitted = $false and the reason.

The profile records the hardware, families, engines, models and mode it was fitted on, the error with the bundled calibration (PriorErrors), with the profile (Residuals) and leave-one-out (each measurement predicted by a fit without it). It is written as <Name>.json (schema data/schemas/calibration-profile.schema.json) to -OutputDirectory, else the first folder of $env:MODELCONFIG_CALIBRATION_PATH, else the current folder; never into the installed module.
'@
        Parameters  = @{
            Measurement     = 'Measurements from Import-ServingBenchmark. Accepts pipeline input.'
            Name            = 'The profile name and file name (letters, digits, _, - and .).'
            OutputDirectory = 'The folder to write <Name>.json to.'
            Force           = 'Overwrites an existing profile file of the same name.'
            WhatIf          = 'Fits and returns the profile but writes no file.'
            Confirm         = 'Asks before writing the file.'
        }
        Examples    = @(
            @{ Code = 'Import-ServingBenchmark ./results/*.json -Hardware nvidia_h200_sxm_141gb -TensorParallel 4 -WeightPrecision mxfp4 | New-EstimatorCalibration -Name my_h200_vllm -OutputDirectory ~/calibration -Verbose'; Remarks = 'Fits a profile to vLLM results of gpt-oss-120b on four H200s, writes ~/calibration/my_h200_vllm.json and lists the parameters fitted and not fitted.' }
            @{ Code = '$m = Import-ServingBenchmark ./results/*.json -Hardware nvidia_h200_sxm_141gb -TensorParallel 4 -WeightPrecision mxfp4; (New-EstimatorCalibration -Measurement $m -Name trial -WhatIf).Fit | Format-Table Name, Prior, Value, Sensitivity, Fitted, Reason'; Remarks = 'Shows which parameters the measurements identify, without writing a file.' }
        )
        Links       = @('Get-EstimatorCalibration', 'Compare-DeploymentEstimate', 'Measure-Deployment', 'about_ModelConfig')
    }
    'Get-EstimatorCalibration' = @{
        Synopsis    = 'Lists calibration profiles.'
        Description = 'Returns ModelConfig.Core.Calibration.CalibrationProfile objects from the folders of -Path, then $env:MODELCONFIG_CALIBRATION_PATH (left to right), then the bundled data/calibration/profiles folder; the first folder holding a name wins. A profile file that cannot be read is one CalibrationProfileInvalid error; a name that matches nothing is CalibrationNotFound.'
        Parameters  = @{
            Name = 'Profile names; wildcards are allowed. Binds from the pipeline by property name.'
            Path = 'Extra profile folders, searched before $env:MODELCONFIG_CALIBRATION_PATH and the bundled profiles.'
        }
        Examples    = @(
            @{ Code = 'Get-EstimatorCalibration'; Remarks = 'Lists every profile of the search path.' }
            @{ Code = 'Get-EstimatorCalibration my_* -Path ~/calibration | Format-List Name, Hardware, Frameworks, Residuals, LeaveOneOut'; Remarks = 'Shows where the profiles in ~/calibration were fitted and how well (New-EstimatorCalibration''s first example writes one there).' }
        )
        Links       = @('New-EstimatorCalibration', 'Measure-Deployment', 'about_ModelConfig')
    }
}
