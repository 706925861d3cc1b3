<#
.SYNOPSIS
    The main job on the bundled data: what is in the library, what the hardware is, and what a deployment costs.
#>
param([Parameter(Mandatory)] [string] $ModulePath)
$ErrorActionPreference = 'Stop'
Import-Module $ModulePath -Force
$env:MODELCONFIG_PATH = $null

function Show([string] $Title, [scriptblock] $Block) {
    Write-Host "`n== $Title ==" -ForegroundColor Cyan
    Write-Host "PS> $($Block.ToString().Trim())"
    & $Block | Out-String -Width 140 | Write-Host
}

Show 'The model library: exact parameter counts, validated against reference totals' { Get-ModelConfig | Format-Table -AutoSize }
Show 'Summary records of the Llama models' { Get-ModelConfig llama_3* | Get-ModelMetadata | Format-Table ModelId, Name, TotalParams, Validated -AutoSize }
Show 'Where the parameters of a MoE model are' { Get-ModelConfig qwen3_30b_a3b | Select-Object ModelId, TotalParams, ActiveParams, NumExperts, ExpertsPerToken, @{ n = 'ExpertsShare'; e = { '{0:P1}' -f ($_.ParamsBreakdown.Experts / $_.TotalParams) } } | Format-List }
Show 'The checks behind the validated flag' { Test-ModelConfig llama_3.3_70b | Format-Table Check, Passed, Message -Wrap }
Show 'Hardware: dense peak figures, every one with a source' { Get-HardwareConfig nvidia_h100_sxm_80gb, nvidia_h200_sxm_141gb, nvidia_b200_hgx_180gb, nvidia_nvl72_rack, amd_mi300x, amd_mi355x | Format-Table }
Show 'Llama 3.3 70B on H200: a sweep over tensor parallelism and weight precision, 32 requests in flight' {
    Measure-Deployment llama_3.3_70b -Hardware nvidia_h200_sxm_141gb -TensorParallel 2, 4, 8 -WeightPrecision bf16, fp8 -Concurrency 32 -InputLength 2048 -OutputLength 512 | Format-Table
}
Show 'DeepSeek-R1 (MLA + MoE) on 8x B200 with expert parallelism and data-parallel attention' {
    Measure-Deployment deepseek_r1 -Hardware nvidia_b200_hgx_180gb -TensorParallel 8 -ExpertParallel 8 -DataParallelAttention -WeightPrecision fp8 -Concurrency 64 -InputLength 1024 -OutputLength 1024 |
        Format-List ModelId, NumGpus, Fits, WeightsGB, KvCacheGB, MemoryPerGpuGB, TtftMs, TpotMs, OutputTokensPerSecondPerGpu, PrefillBottleneck, DecodeBottleneck, ErrorBand
}
Show 'What does not fit says why' { Measure-Deployment llama_3.1_70b -Hardware nvidia_l40s_48gb -TensorParallel 1 | Format-List ModelId, HardwareId, Fits, FitReason, MemoryPerGpuGB, MemoryCapacityGB }
Show 'Defaults are stated: gpt-oss-120b in MXFP4, fewest GPUs that fit' { (Measure-Deployment gpt_oss_120b -Hardware nvidia_h100_sxm_80gb -WeightPrecision mxfp4 -Concurrency 16).Assumptions | Where-Object Source -eq default | Format-Table Name, Text -Wrap }
