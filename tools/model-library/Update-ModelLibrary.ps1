<#
.SYNOPSIS
    Regenerates the bundled model library (data/model_configs) from the reference configs, with the module's own cmdlets.
.DESCRIPTION
    For every row of ../shared/reference/hf-configs/manifest.csv that has a config file: New-ModelConfig builds the
    config; when the manifest gives an exact expected count and the computed count equals it, Test-ModelConfig's
    checks run and Set-ModelValidation marks it validated with notes saying what was compared against what (the Hub
    safetensors total is the reference; a difference must be explained, as the manifest does). Rows without an
    expected count are written unvalidated. Then every entry of tools/model-library/extra-models.json (our own data
    file: per model the config.json fields the builder reads, their source, an exact reference total, its source and
    the reconciliation) is built the same way from a config written from those facts, and validated when its
    expected_params is set and the computed count equals it. One command regenerates the whole library; the Pester
    test ModelLibrary.Tests.ps1 checks the committed files equal its output apart from timestamps.
    Run after `build.ps1 -Task Build`: dotnet pwsh -File tools/model-library/Update-ModelLibrary.ps1
#>
[CmdletBinding()]
param(
    [string] $SharedDir = (Join-Path $PSScriptRoot '../../../shared'),
    [string] $OutputDirectory = (Join-Path $PSScriptRoot '../../data/model_configs'),
    [string] $ModulePath = (Join-Path $PSScriptRoot '../../out/ModelConfig/ModelConfig.psd1'),
    [string] $ExtraModelsPath = (Join-Path $PSScriptRoot 'extra-models.json')
)
$ErrorActionPreference = 'Stop'
Import-Module $ModulePath -Force
$manifestPath = Join-Path $SharedDir 'reference/hf-configs/manifest.csv'
if (-not (Test-Path $manifestPath)) { throw "Reference manifest not found: $manifestPath" }

# The original system's ids are kept; every other id is derived from the HuggingFace name.
$idOverrides = @{
    'TinyLlama/TinyLlama-1.1B-Chat-v1.0' = 'tinyllama_1.1b'
    'meta-llama/Llama-3.3-70B-Instruct'  = 'llama_3.3_70b'
}

# Rows with no exact logical count in the manifest whose Hub total the builder reconciles to the parameter: the Hub total
# minus a part this config copy does not describe, computed by the builder itself and pinned by an xunit test.
$reconciled = @{
    'meta-llama/Llama-4-Scout-17B-16E-Instruct' = @{
        Missing = 871932416
        Why     = 'the vision tower and multimodal projector, 871,932,416, which the builder computes for the published vision_config (1408 wide, 34 layers, 336 px; xunit Llama4FamilyTests.Scout_WithItsVisionTowerEqualsTheHubTotal reproduces the Hub total exactly); the reference config copy carries text_config only'
    }
}

$rows = Import-Csv $manifestPath | Where-Object { $_.config_file }
$report = foreach ($row in $rows) {
    $configPath = Join-Path $SharedDir "reference/hf-configs/$($row.config_file)"
    $newArgs = @{ Path = $configPath; HuggingFaceId = $row.hf_id; OutputDirectory = $OutputDirectory; Force = $true; PassThru = $true }
    if ($idOverrides[$row.hf_id]) { $newArgs.ModelId = $idOverrides[$row.hf_id] }
    $model = New-ModelConfig @newArgs -ErrorAction Continue
    if (-not $model) {
        [pscustomobject]@{ HfModelId = $row.hf_id; ModelId = ''; Computed = $null; Expected = $row.expected_total_params; Status = 'not built' }
        continue
    }
    $expected = if ($row.expected_total_params) { [long]$row.expected_total_params } else { $null }
    $status = 'unvalidated (no exact reference count)'
    $known = $reconciled[$row.hf_id]
    if (-not $expected -and $known -and $row.hub_total_params) {
        $reference = [long]$row.hub_total_params
        if ($reference - $model.TotalParams -ne $known.Missing) { $status = 'MISMATCH' }
        else {
            $config = Split-Path $row.config_file -Parent
            $refSource = "HuggingFace Hub safetensors total of $($row.hf_id) as recorded in the ModelConfig reference manifest"
            $notes = "Built from $config/config.json by New-ModelConfig (builder $($model.BuilderVersion)). TotalParams $($model.TotalParams) is the Hub safetensors total $reference minus $($known.Why). Checks: facts rebuild the same counts and layers; per-layer and per-component counts add up."
            $null = $model | Set-ModelValidation -Validated -Notes $notes -ReferenceParams $reference -ReferenceSource $refSource -Confirm:$false -ErrorAction Continue
            $status = if ((Get-ModelConfig $model.ModelId -Path $OutputDirectory).Validated) { 'validated (reconciled)' } else { 'validation refused' }
        }
    }
    if ($expected) {
        if ($model.TotalParams -ne $expected) {
            $status = 'MISMATCH'
        }
        else {
            $config = Split-Path $row.config_file -Parent
            if ($row.hub_total_params) {
                $reference = [long]$row.hub_total_params
                $refSource = "HuggingFace Hub safetensors total of $($row.hf_id) as recorded in the ModelConfig reference manifest"
                $delta = $model.TotalParams - $reference
                $notes = "Built from $config/config.json by New-ModelConfig (builder $($model.BuilderVersion)). TotalParams $($model.TotalParams) equals the expected logical count (transformers num_parameters: tied weights once, no buffers, no MTP modules) $expected. " +
                    $(if ($delta -eq 0) { "It equals the Hub safetensors total $reference." }
                      else { "The Hub safetensors total $reference differs by $([math]::Abs($delta)): $($row.expected_total_note)." }) +
                    " Checks: facts rebuild the same counts and layers; per-layer and per-component counts add up."
            }
            else {
                $reference = $expected
                $refSource = "expected logical count in the ModelConfig reference manifest ($($row.expected_total_note))"
                $notes = "Built from $config/config.json by New-ModelConfig (builder $($model.BuilderVersion)). TotalParams $($model.TotalParams) equals the manifest's expected count $expected ($($row.expected_total_note)); no Hub total is recorded for this repository. Checks: facts rebuild the same counts and layers; per-layer and per-component counts add up."
            }
            $null = $model | Set-ModelValidation -Validated -Notes $notes -ReferenceParams $reference -ReferenceSource $refSource -Confirm:$false -ErrorAction Continue
            $status = if ((Get-ModelConfig $model.ModelId -Path $OutputDirectory).Validated) { 'validated' } else { 'validation refused' }
        }
    }
    [pscustomobject]@{ HfModelId = $row.hf_id; ModelId = $model.ModelId; Computed = $model.TotalParams; Expected = $expected; Status = $status }
}
# Extra models: the config is written from the recorded facts into a scratch folder. Model files keep only the config's
# file name and HF id as their source, so the output does not depend on where it was generated.
$extra = (Get-Content -Raw $ExtraModelsPath | ConvertFrom-Json -AsHashtable).models
$scratch = Join-Path ([IO.Path]::GetTempPath()) ('modelconfig-extra-' + [guid]::NewGuid().ToString('N'))
try {
    $report = @($report) + @(foreach ($entry in $extra) {
        $hfId = $entry.hf_id
        $folder = Join-Path $scratch ($hfId -replace '/', '--')
        $null = New-Item -ItemType Directory -Path $folder -Force
        $configPath = Join-Path $folder 'config.json'
        $entry.config | ConvertTo-Json -Depth 20 | Set-Content -Path $configPath -Encoding utf8NoBOM
        $newArgs = @{ Path = $configPath; HuggingFaceId = $hfId; OutputDirectory = $OutputDirectory; Force = $true; PassThru = $true }
        if ($entry.model_id) { $newArgs.ModelId = $entry.model_id }
        $model = New-ModelConfig @newArgs -ErrorAction Continue
        if (-not $model) {
            [pscustomobject]@{ HfModelId = $hfId; ModelId = ''; Computed = $null; Expected = $entry.expected_params; Status = 'not built' }
            continue
        }

        $expected = if ($null -ne $entry.expected_params) { [long]$entry.expected_params } else { $null }
        $reference = [long]$entry.reference_params
        $status = 'unvalidated (no exact reference count)'
        if ($null -ne $expected) {
            if ($model.TotalParams -ne $expected) { $status = 'MISMATCH' }
            else {
                $delta = $reference - $model.TotalParams
                $notes = "Built by New-ModelConfig (builder $($model.BuilderVersion)) from the config.json fields recorded in tools/model-library/extra-models.json, taken from $($entry.config_source) ($($entry.config_fidelity)). " +
                    "TotalParams $($model.TotalParams) (transformers num_parameters: tied weights once, no buffers, no MTP modules) was checked against the reference total $reference from: $($entry.reference_source.TrimEnd('.')). " +
                    $(if ($delta -eq 0) { "It equals that total: $($entry.reconciliation)." }
                      else { "The reference is $delta higher: $($entry.reconciliation)." }) +
                    ' Checks: facts rebuild the same counts and layers; per-layer and per-component counts add up.'
                $null = $model | Set-ModelValidation -Validated -Notes $notes -ReferenceParams $reference -ReferenceSource $entry.reference_source -Confirm:$false -ErrorAction Continue
                $status = if ((Get-ModelConfig $model.ModelId -Path $OutputDirectory).Validated) { 'validated (extra)' } else { 'validation refused' }
            }
        }
        else {
            $notes = "Built by New-ModelConfig (builder $($model.BuilderVersion)) from the config.json fields recorded in tools/model-library/extra-models.json, taken from $($entry.config_source). Not validated: $($entry.reconciliation). Reference seen: $reference from $($entry.reference_source)."
            $null = $model | Set-ModelValidation -Validated:$false -Notes $notes -Confirm:$false -ErrorAction Continue
        }
        [pscustomobject]@{ HfModelId = $hfId; ModelId = $model.ModelId; Computed = $model.TotalParams; Expected = $expected; Status = $status }
    })
}
finally { Remove-Item -Recurse -Force $scratch -ErrorAction SilentlyContinue }

$report | Format-Table -AutoSize | Out-String -Width 200 | Write-Host
$bad = @($report | Where-Object Status -in 'MISMATCH', 'not built', 'validation refused')
if ($bad) { Write-Warning "$($bad.Count) model(s) need attention." }
