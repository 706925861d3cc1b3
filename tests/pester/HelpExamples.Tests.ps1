# Every example of every cmdlet's help, run as written (issue 13.22): in a fresh folder per cmdlet, with HOME, the
# library, calibration and HuggingFace paths pointing into it and the Hub replaced by the fake one. The folder holds
# the inputs the examples name (./Llama-3.1-8B/config.json, ./configs, ./results, ~/calibration/my_h200_vllm.json),
# made from the bundled library and tests/fixtures. An example passes when it writes no error, and when every property
# its closing Select-Object / Format-Table / Format-List names exists on the objects it formats.
BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    # Only examples that cannot run unattended here are skipped, each with its reason.
    $skips = @{
        'Start-ModelConfigServer 1' = 'it opens the estimate page in a browser'
        'Start-ModelConfigServer 2' = 'it listens on the fixed port 5080, which a parallel test run may hold'
        'Start-ModelConfigServer 3' = 'it listens on every interface (0.0.0.0:8080)'
        'Stop-ModelConfigServer 2'  = 'it needs a running server with process id 12345'
    }
    $script:Cmdlets = foreach ($c in Get-Command -Module ModelConfig -CommandType Cmdlet | Sort-Object Name) {
        $i = 0
        $examples = foreach ($ex in @((Get-Help $c.Name -Examples).Examples.Example)) {
            $i++
            @{ Command = $c.Name; Index = $i; Code = ($ex.Code -join "`n"); Skip = $skips["$($c.Name) $i"] }
        }
        @{ Name = $c.Name; Examples = @($examples) }
    }
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    . (Join-Path $PSScriptRoot 'FakeHub.ps1')

    $script:EnvNames = 'MODELCONFIG_PATH', 'MODELCONFIG_HARDWARE_PATH', 'MODELCONFIG_CALIBRATION_PATH', 'HF_HOME', 'HF_HUB_CACHE',
        'HUGGINGFACE_HUB_CACHE', 'HF_ENDPOINT', 'HF_TOKEN', 'HUGGING_FACE_HUB_TOKEN', 'HF_TOKEN_PATH', 'HF_HUB_OFFLINE', 'TRANSFORMERS_OFFLINE'
    $script:SavedEnv = @{}
    foreach ($n in $EnvNames) { $SavedEnv[$n] = [Environment]::GetEnvironmentVariable($n) }
    $script:SavedHome = $HOME
    $script:SavedProviderHome = (Get-PSProvider FileSystem).Home
    $script:SavedLocation = Get-Location

    # The Hub the New-ModelConfig example asks: Qwen/Qwen3-8B at main, answered with the bundled config's facts.
    $sha = '0123456789abcdef0123456789abcdef01234567'
    $script:Hub = Start-FakeHub -Routes @{
        '/api/models/Qwen/Qwen3-8B/revision/main' = @{ Body = @{ sha = $sha } }
        "/Qwen/Qwen3-8B/resolve/$sha/config.json"  = @{ Body = (Get-ModelConfig qwen3_8b).ArchitectureFacts }
    }

    function script:New-ExampleFolder {
        $root = New-TestFolder
        foreach ($d in 'home', 'home/my-models', 'work', 'hf') { New-Item -ItemType Directory (Join-Path $root $d) | Out-Null }
        $work = Join-Path $root 'work'
        foreach ($pair in @(@('Llama-3.1-8B', 'llama_3.1_8b'), @('configs/Qwen3-8B', 'qwen3_8b'), @('configs/gemma-2-9b-it', 'gemma_2_9b_it'))) {
            $dir = New-Item -ItemType Directory (Join-Path $work $pair[0]) -Force
            Set-Content -LiteralPath (Join-Path $dir 'config.json') -Value (Get-ModelConfig $pair[1]).ArchitectureFacts
        }
        New-Item -ItemType Directory (Join-Path $work 'results') | Out-Null
        Copy-Item (Join-Path $RepoRoot 'tests/fixtures/benchmarks/vllm/*.json') (Join-Path $work 'results')
        $root
    }

    # ../shared/measured/calibration.csv, as examples run from the repository root see it (a copy: the folder is removed)
    function script:Add-SharedData([string] $Root) {
        $measured = New-Item -ItemType Directory (Join-Path $Root 'shared/measured') -Force
        Copy-Item (Join-Path $SharedDir 'measured/calibration.csv') $measured
    }

    function script:Enter-ExampleFolder([string] $Root) {
        foreach ($n in $EnvNames) { [Environment]::SetEnvironmentVariable($n, $null) }
        $env:HF_HOME = Join-Path $Root 'hf'
        $env:HF_HUB_CACHE = Join-Path $Root 'hf/hub'
        $env:HF_ENDPOINT = $Hub.Url
        Set-Variable -Name HOME -Value (Join-Path $Root 'home') -Scope Global -Force
        (Get-PSProvider FileSystem).Home = Join-Path $Root 'home'
        Set-Location (Join-Path $Root 'work')
    }

    # The property names a closing Select-Object / Format-Table / Format-List of the last statement asks for, and the
    # code that produces its input; $null when the example does not end so.
    function script:Split-Formatting([string] $Code) {
        $ast = [System.Management.Automation.Language.Parser]::ParseInput($Code, [ref]$null, [ref]$null)
        $last = $ast.EndBlock.Statements[-1]
        if ($last -isnot [System.Management.Automation.Language.PipelineAst] -or $last.PipelineElements.Count -lt 2) { return $null }
        $cmd = $last.PipelineElements[-1]
        if ($cmd -isnot [System.Management.Automation.Language.CommandAst] -or $cmd.GetCommandName() -notin 'Select-Object', 'Format-Table', 'Format-List') { return $null }
        $names = [System.Collections.Generic.List[string]]::new()
        $elements = $cmd.CommandElements | Select-Object -Skip 1
        $skipNext = $false
        foreach ($e in $elements) {
            if ($skipNext) { $skipNext = $false; continue }
            if ($e -is [System.Management.Automation.Language.CommandParameterAst]) {
                # -First 3, -ExpandProperty x: a value that is not a property list
                if ($e.ParameterName -notmatch '^(Property|p)$' -and -not $e.Argument) { $skipNext = $e.ParameterName -match '^(First|Last|Skip|ExpandProperty|Index|GroupBy|View)$' }
                continue
            }
            $values = if ($e -is [System.Management.Automation.Language.ArrayLiteralAst]) { $e.Elements } else { @($e) }
            foreach ($v in $values) { if ($v -is [System.Management.Automation.Language.StringConstantExpressionAst]) { $names.Add($v.Value) } }
        }
        if ($names.Count -eq 0) { return $null }
        $before = ($ast.EndBlock.Statements | Select-Object -SkipLast 1 | ForEach-Object { $_.Extent.Text }) -join "`n"
        $producer = ($last.PipelineElements | Select-Object -SkipLast 1 | ForEach-Object { $_.Extent.Text }) -join ' | '
        [pscustomobject]@{ Names = $names; Producer = "$before`n$producer"; Formatter = $cmd.Extent.Text }
    }

    # Runs one example in a child scope; returns its errors (non-terminating and terminating) and missing properties.
    function script:Invoke-Example([string] $Code) {
        $Error.Clear()
        $missing = @()
        $split = Split-Formatting $Code
        try {
            if ($split) {
                $objects = @(& ([scriptblock]::Create($split.Producer)) 3>$null 4>$null 6>$null)
                foreach ($name in $split.Names | Where-Object { -not [WildcardPattern]::ContainsWildcardCharacters($_) }) {
                    if (-not ($objects | Where-Object { $_.PSObject.Properties[$name] })) { $missing += $name }
                }
                $null = $objects | & ([scriptblock]::Create($split.Formatter))
            } else {
                $null = & ([scriptblock]::Create($Code)) 3>$null 4>$null 6>$null
            }
        } catch { }
        [pscustomobject]@{ Errors = @($Error | ForEach-Object { "$_" }); Missing = $missing }
    }
}

AfterAll {
    $Hub.Stop()
    foreach ($n in $EnvNames) { [Environment]::SetEnvironmentVariable($n, $SavedEnv[$n]) }
    Set-Variable -Name HOME -Value $SavedHome -Scope Global -Force
    (Get-PSProvider FileSystem).Home = $SavedProviderHome
    Set-Location $SavedLocation
}

Describe 'The help examples of <Name>' -ForEach $Cmdlets {
    BeforeAll {
        $script:Root = New-ExampleFolder
        if ($HasShared -and ($Examples.Code -match '\.\./shared/')) { Add-SharedData $Root }
        Enter-ExampleFolder $Root
        # the calibration profile the calibrated examples use, as New-EstimatorCalibration's first example writes it
        if (($Examples.Code -match '~/calibration') -and -not ($Examples.Code -match 'New-EstimatorCalibration .*-Name my_h200_vllm')) {
            $null = Import-ServingBenchmark ./results/*.json -Hardware nvidia_h200_sxm_141gb -TensorParallel 4 -WeightPrecision mxfp4 |
                New-EstimatorCalibration -Name my_h200_vllm -OutputDirectory ~/calibration
        }
    }
    AfterAll {
        Set-Location $SavedLocation
        Remove-Item $Root -Recurse -Force -ErrorAction SilentlyContinue
    }

    It 'has examples' {
        $Examples.Count | Should -BeGreaterOrEqual 1
    }

    It 'runs example <Index>: <Code>' -ForEach $Examples {
        if ($Skip) { Set-ItResult -Skipped -Because $Skip; return }
        if ($Code -match '\.\./shared/' -and -not $HasShared) { Set-ItResult -Skipped -Because 'it reads ../shared, which is not beside the repository'; return }
        Enter-ExampleFolder $Root
        try {
            $r = Invoke-Example $Code
        } finally {
            # an example may set $env:MODELCONFIG_PATH; the next one starts from the same environment
            Enter-ExampleFolder $Root
        }
        $r.Errors | Should -BeNullOrEmpty
        $r.Missing | Should -BeNullOrEmpty -Because 'the example formats properties its objects do not have'
    }
}
