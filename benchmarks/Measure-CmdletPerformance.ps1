<#
.SYNOPSIS
    Prints wall-clock figures of the cmdlets on realistic workloads (a benchmark, not a test: nothing here fails on time).
.DESCRIPTION
    1. Listing the bundled library, and a library of 350 configs (the bundled ones copied ten times under new ids),
       cold (first call in the session, files parsed) and warm (files unchanged, parse cache hit).
    2. A 10,000-configuration Measure-Deployment sweep through the cmdlet (5 hardware x 4 TP x 2 precisions x
       5 batch sizes x 5 input lengths x 10 output lengths), and the same sweep count for a MoE model.
    3. Find-Deployment's full search for Llama-3.3-70B through the cmdlet, and the first estimate in a fresh process (in-process
       after the import, and as whole processes: pwsh alone, with the import, with the import and the estimate).
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    # Runs the first-estimate measures under another pwsh, e.g. a precompiled copy from New-PrecompiledPowerShell.ps1
    # (installed PowerShell packages ship precompiled; the repository's tool-package pwsh does not).
    [string] $PowerShellHome = $PSHOME
)
$ErrorActionPreference = 'Stop'
Import-Module $ModulePath -Force
$env:MODELCONFIG_PATH = $null

function Measure-Ms([scriptblock] $Block, [int] $Repeat = 1) {
    $times = foreach ($i in 1..$Repeat) { (Measure-Command $Block).TotalMilliseconds }
    ($times | Sort-Object)[[int][math]::Floor($times.Count / 2)]
}

$bundled = @(Get-ModelConfig).Count
$cold = Measure-Ms { $null = Get-ModelConfig } 1
$warm = Measure-Ms { $null = Get-ModelConfig } 5
$one = Measure-Ms { $null = Get-ModelConfig llama_3.3_70b } 5
$layers = Measure-Ms { $null = (Get-ModelConfig deepseek_v3).Layers.Count } 5
Write-Host ("Library, bundled ({0} configs): list warm {1:N1} ms (median of 5); first list in session {2:N1} ms; one id {3:N1} ms; one model's Layers {4:N1} ms" -f $bundled, $warm, $cold, $one, $layers)

$big = Join-Path ([IO.Path]::GetTempPath()) ("mc-bench-" + [guid]::NewGuid().ToString('N'))
New-Item -ItemType Directory $big | Out-Null
try {
    foreach ($m in Get-ModelConfig) {
        $text = Get-Content -LiteralPath $m.SourcePath -Raw
        foreach ($n in 1..10) {
            $id = "$($m.ModelId)_copy$n"
            $text.Replace("`"model_id`": `"$($m.ModelId)`"", "`"model_id`": `"$id`"") | Set-Content -LiteralPath (Join-Path $big "$id.json") -NoNewline
        }
    }
    $count = @(Get-ChildItem $big -Filter *.json).Count
    $bigCold = Measure-Ms { $null = Get-ModelConfig -Path $big } 1
    $bigWarm = Measure-Ms { $null = Get-ModelConfig -Path $big } 5
    $bigOne = Measure-Ms { $null = Get-ModelConfig gpt2_copy7 -Path $big } 5
    Write-Host ("Library, {0} configs: list cold {1:N0} ms ({2:N2} ms per config), warm {3:N0} ms; one id among them {4:N1} ms" -f ($count + $bundled), $bigCold, ($bigCold / ($count + $bundled)), $bigWarm, $bigOne)
}
finally { Remove-Item $big -Recurse -Force }

$hardware = 'nvidia_h100_sxm_80gb', 'nvidia_h200_sxm_141gb', 'nvidia_b200_hgx_180gb', 'amd_mi300x', 'amd_mi355x'
$sweep = @{ Hardware = $hardware; TensorParallel = 1, 2, 4, 8; WeightPrecision = 'bf16', 'fp8'; BatchSize = 1, 8, 32, 64, 128
            InputLength = 128, 512, 1024, 2048, 4096; OutputLength = 64, 128, 256, 512, 768, 1024, 1536, 2048, 3072, 4096 }
foreach ($id in 'llama_3.3_70b', 'qwen3_30b_a3b') {
    $n = 0
    $ms = (Measure-Command { Measure-Deployment $id @sweep -ErrorAction SilentlyContinue | ForEach-Object { $n++ } }).TotalMilliseconds
    Write-Host ("Sweep through Measure-Deployment, {0}: {1:N0} configurations in {2:N0} ms = {3:N0} estimates/s (pipeline output included)" -f $id, $n, $ms, ($n / $ms * 1000))
}

# Find-Deployment's full search: Llama-3.3-70B on every bundled chip, every layout up to 8 GPUs, native precisions, 12 load levels.
$null = Find-Deployment llama_3.3_70b -Hardware nvidia_h100_sxm_80gb -Concurrency 1  # warm-up: JIT of the search path
$search = Measure-Ms { $null = Find-Deployment llama_3.3_70b -InputLength 2048 -OutputLength 512 -MaxTtftMs 2000 -MaxTpotMs 50 } 5
$stats = Find-Deployment llama_3.3_70b -InputLength 2048 -OutputLength 512 -MaxTtftMs 2000 -MaxTpotMs 50 -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }
# -Verbose states what was searched first; its last line holds the search statistics
Write-Host ("Find-Deployment full search, llama_3.3_70b, every chip: {0:N0} ms (median of 5); {1}" -f $search, @($stats)[-1].Message)

# The first estimate in a fresh process, two ways. In-process: a stopwatch around the first Measure-Deployment after
# Import-Module (what the JIT, type loading and first file reads cost a new session; the module's background warm-up runs
# during the import and the command). Whole process: wall time of pwsh running import + estimate, minus pwsh running the
# import alone and minus a bare pwsh; runs alternate so a drifting machine affects all three alike.
# The host's own pwsh.dll through the dotnet host: 'dotnet pwsh' resolves the local tool manifest on every start, which
# adds a few hundred milliseconds of its own and most of the noise.
$pwsh = Join-Path $PowerShellHome 'pwsh.dll'
# whether that PowerShell's engine carries precompiled (ReadyToRun) code: its share of the first estimate depends on it
$sma = [System.Reflection.PortableExecutable.PEReader]::new([IO.File]::OpenRead((Join-Path $PowerShellHome 'System.Management.Automation.dll')))
$precompiled = $sma.PEHeaders.CorHeader.ManagedNativeHeaderDirectory.Size -gt 0
$sma.Dispose()
Write-Host ("First-estimate measures under {0} (System.Management.Automation {1})" -f $PowerShellHome, $(if ($precompiled) { 'precompiled, as installed packages ship it' } else { 'not precompiled: the portable tool package' }))
$estimate = 'Measure-Deployment llama_3.3_70b -Hardware nvidia_h100_sxm_80gb -TensorParallel 4 -Concurrency 64'
$first = foreach ($i in 1..7) {
    # CPU time (all threads, the runtime's background compilation included) varies less than wall time on a busy machine.
    $out = & dotnet $pwsh -NoProfile -NonInteractive -Command ("Import-Module '{0}'; `$p = [Diagnostics.Process]::GetCurrentProcess(); `$c = `$p.TotalProcessorTime; `$j = [System.Runtime.JitInfo]::GetCompiledMethodCount(`$false); `$s = [Diagnostics.Stopwatch]::StartNew(); `$null = {1}; `$ms = `$s.Elapsed.TotalMilliseconds; `$p.Refresh(); '{{0}} {{1}} {{2}}' -f `$ms, ([System.Runtime.JitInfo]::GetCompiledMethodCount(`$false) - `$j), (`$p.TotalProcessorTime - `$c).TotalMilliseconds" -f $ModulePath, $estimate)
    , [double[]] ($out -split ' ')
}
$firstMs = ($first | ForEach-Object { $_[0] } | Sort-Object)[3]
$firstJit = ($first | ForEach-Object { $_[1] } | Sort-Object)[3]
$firstCpu = ($first | ForEach-Object { $_[2] } | Sort-Object)[3]
$commands = [ordered]@{
    bare     = '$null'
    import   = "Import-Module '$ModulePath'"
    estimate = "Import-Module '$ModulePath'; `$null = $estimate"
}
$wall = @{}; foreach ($k in $commands.Keys) { $wall[$k] = [System.Collections.Generic.List[double]]::new() }
foreach ($i in 1..11) {
    foreach ($k in $commands.Keys) {
        $s = [Diagnostics.Stopwatch]::StartNew()
        $null = & dotnet $pwsh -NoProfile -NonInteractive -Command $commands[$k]
        $wall[$k].Add($s.Elapsed.TotalMilliseconds)
    }
}
$median = @{}; foreach ($k in $commands.Keys) { $median[$k] = ($wall[$k] | Sort-Object)[5] }
# wall-clock figures mean little without the machine's load beside them
$load = if (Test-Path /proc/loadavg) { ' (load average ' + ((Get-Content /proc/loadavg -Raw) -split ' ')[0] + ')' } else { '' }
Write-Host ("First estimate in a fresh pwsh: {0:N0} ms in-process after Import-Module, {1:N0} ms CPU, {2:N0} methods compiled at run time, medians of 7{3}" -f $firstMs, $firstCpu, $firstJit, $load)
$load = if (Test-Path /proc/loadavg) { ' (load average ' + ((Get-Content /proc/loadavg -Raw) -split ' ')[0] + ')' } else { '' }
Write-Host ("Whole process, medians of 11: pwsh {0:N0} ms; + Import-Module {1:N0} ms; + first estimate {2:N0} ms{3}" -f $median.bare, ($median.import - $median.bare), ($median.estimate - $median.import), $load)
