#Requires -Version 7.4
<#
.SYNOPSIS
    Loads the estimate page in headless Chromium, lets it run one estimate, and checks the numbers it shows equal POST /v1/estimate's.
.DESCRIPTION
    Starts a server with the built module, opens /?...&run=1 (the page fills its form from the query and runs once) with
    --dump-dom, reads the data-value of every result cell and compares it with the API's answer to the same request.
    Returns an object with Status Passed, Failed or Skipped and a Message; Skipped when Chromium is not installed.
#>
param(
    [string] $ModulePath = (Join-Path $PSScriptRoot '../../out/ModelConfig/ModelConfig.psd1'),
    [string] $Chromium = '/usr/bin/chromium'
)
$ErrorActionPreference = 'Stop'
if (-not (Test-Path -LiteralPath $Chromium)) {
    return [pscustomobject]@{ Status = 'Skipped'; Message = "Chromium is not installed at $Chromium (apt-get install -y chromium); the browser test did not run." }
}
Import-Module $ModulePath
$request = [ordered]@{ model_id = 'llama_3.1_8b'; hardware_id = 'nvidia_h100_sxm_80gb'; tensor_parallel = 1; batch_size = 4; input_length = 1024; output_length = 128 }
$profileDir = Join-Path ([IO.Path]::GetTempPath()) ('mc-chromium-' + [guid]::NewGuid().ToString('N'))
$server = Start-ModelConfigServer
try {
    $query = ($request.GetEnumerator() | ForEach-Object { "$($_.Key)=$([uri]::EscapeDataString([string]$_.Value))" }) -join '&'
    $flags = '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
        '--disable-component-update', '--disable-sync', "--user-data-dir=$profileDir", '--virtual-time-budget=30000', '--dump-dom'
    $dom = (& $Chromium @flags "$($server.Url)/?$query&run=1" 2>$null) -join "`n"
    if ($dom -notmatch 'data-state="done"') {
        $state = if ($dom -match 'data-state="(\w+)"') { $Matches[1] } else { 'none' }
        $errorText = if ($dom -match '<p id="error"[^>]*>([^<]*)<') { $Matches[1] } else { '' }
        return [pscustomobject]@{ Status = 'Failed'; Message = "The page did not finish its estimate (state $state) $errorText" }
    }
    $shown = @{}
    foreach ($m in [regex]::Matches($dom, 'data-field="([a-z_0-9]+)" data-value="([^"]*)"')) { $shown[$m.Groups[1].Value] = $m.Groups[2].Value }
    $api = Invoke-RestMethod "$($server.Url)/v1/estimate" -Method Post -ContentType 'application/json' -Body ($request | ConvertTo-Json)
    $mismatches = foreach ($field in $shown.Keys) {
        $expected = $api.$field
        $actual = $shown[$field]
        $same = if ($expected -is [bool]) { $actual -eq $expected.ToString().ToLowerInvariant() }
            elseif ($expected -is [ValueType]) { [math]::Abs([double]$actual - [double]$expected) -le 1e-9 * [math]::Max(1, [math]::Abs([double]$expected)) }
            else { $actual -eq [string]$expected }
        if (-not $same) { "$field page=$actual api=$expected" }
    }
    if ($shown.Count -lt 10) { return [pscustomobject]@{ Status = 'Failed'; Message = "The page showed $($shown.Count) numbers" } }
    if ($mismatches) { return [pscustomobject]@{ Status = 'Failed'; Message = ($mismatches -join '; ') } }
    [pscustomobject]@{ Status = 'Passed'; Message = "$($shown.Count) values shown equal POST /v1/estimate's"; Fields = $shown.Count }
}
finally {
    $server | Stop-ModelConfigServer
    Remove-Item -LiteralPath $profileDir -Recurse -Force -ErrorAction SilentlyContinue
}
