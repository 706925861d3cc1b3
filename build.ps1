#Requires -Version 7.4
<#
.SYNOPSIS
    Builds, tests and demonstrates the ModelConfig module.
.DESCRIPTION
    Build     assembles an importable module at out/ModelConfig (manifest, assemblies, format and help files, data).
    Test      builds, runs the xunit tests of ModelConfig.Core and the Pester tests of the built module, and
              ends with one line: tests: N passed, M failed, K skipped.
    Package   builds and packs the module into out/package/ModelConfig.<version>.nupkg (Install-PSResource installs it
              from a repository registered on that folder).
    Demo      builds and runs the main job on the bundled data in a fresh pwsh.
    Accuracy  predicts every row of ../shared/measured/calibration.csv and prints the error table.
    Benchmark runs the BenchmarkDotNet benchmarks and the cmdlet sweep benchmark.
    Clean     removes out/ and the build folders.
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Package', 'Demo', 'Accuracy', 'Benchmark', 'Clean')]
    [string] $Task = 'Build',
    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release'
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
$repo = $PSScriptRoot
$out = Join-Path $repo 'out'
$moduleOut = Join-Path $out 'ModelConfig'

function Invoke-ExternalTool {
    param([string] $Command, [string[]] $Arguments)
    & $Command @Arguments
    if ($LASTEXITCODE -ne 0) { throw "'$Command $($Arguments -join ' ')' failed with exit code $LASTEXITCODE." }
}

# Runs a script in a child pwsh so this session never loads (and locks) the module's DLL.
function Invoke-InChildPwsh {
    param([string] $Script, [switch] $AllowFailure)
    Push-Location $repo
    try {
        & dotnet pwsh -NoProfile -NonInteractive -Command $Script | Out-Host
        $code = $LASTEXITCODE
    }
    finally { Pop-Location }
    if ($code -ne 0 -and -not $AllowFailure) { throw "Child pwsh failed with exit code $code." }
    $code
}

function Get-ManifestVersion {
    (Import-PowerShellDataFile (Join-Path $repo 'ModelConfig.psd1')).ModuleVersion
}

function Invoke-BuildTask {
    $version = Get-ManifestVersion
    Write-Host "Building ModelConfig $version ($Configuration)"
    # ReadyToRun: the shipped assemblies carry precompiled code for this OS and CPU, so a fresh session's first estimate
    # does not wait for the JIT (the IL stays inside: elsewhere they still load and JIT).
    $r2rOut = Join-Path $out 'r2r'
    $rid = [System.Runtime.InteropServices.RuntimeInformation]::RuntimeIdentifier
    Invoke-ExternalTool dotnet @('publish', (Join-Path $repo 'tools/build/ReadyToRun/ReadyToRun.csproj'), '-c', $Configuration, '-r', $rid,
        "-p:Version=$version", '-o', $r2rOut, '--nologo', '-v', 'quiet')

    if (Test-Path $moduleOut) { Remove-Item $moduleOut -Recurse -Force }
    New-Item -ItemType Directory -Path $moduleOut, (Join-Path $moduleOut 'en-US') | Out-Null

    # Explicit file lists: a missing file fails the build instead of shipping a broken module.
    # System.Text.Json is not shipped: PowerShell 7.4+ carries it and its copy must win.
    $files = @(
        @{ From = Join-Path $repo 'ModelConfig.psd1'; To = $moduleOut }
        @{ From = Join-Path $repo 'LICENSE'; To = $moduleOut }
        @{ From = Join-Path $r2rOut 'ModelConfig.dll'; To = $moduleOut }
        @{ From = Join-Path $r2rOut 'ModelConfig.Core.dll'; To = $moduleOut }
        @{ From = Join-Path $r2rOut 'ModelConfig.Charts.dll'; To = $moduleOut }
        @{ From = Join-Path $r2rOut 'ScottPlot.dll'; To = $moduleOut }
        @{ From = Join-Path $r2rOut 'SkiaSharp.dll'; To = $moduleOut }
        @{ From = Join-Path $r2rOut 'SkiaSharp.HarfBuzz.dll'; To = $moduleOut }
        @{ From = Join-Path $r2rOut 'HarfBuzzSharp.dll'; To = $moduleOut }
        @{ From = Join-Path $repo 'module/ModelConfig.Format.ps1xml'; To = $moduleOut }
        @{ From = Join-Path $repo 'module/ModelConfig.Types.ps1xml'; To = $moduleOut }
        @{ From = Join-Path $repo 'module/en-US/about_ModelConfig.help.txt'; To = Join-Path $moduleOut 'en-US' }
    )
    foreach ($f in $files) {
        if (-not (Test-Path -LiteralPath $f.From)) { throw "Build input missing: $($f.From)" }
        Copy-Item -LiteralPath $f.From -Destination $f.To
    }
    # calibration/profiles: bundled calibration profiles (may hold only its README)
    foreach ($folder in 'model_configs', 'hardware', 'calibration', 'calibration/profiles', 'schemas') {
        $from = Join-Path $repo "data/$folder"
        if (-not (Test-Path $from)) { throw "Build input missing: $from" }
        $to = Join-Path $moduleOut "data/$folder"
        New-Item -ItemType Directory -Path $to -Force | Out-Null
        Copy-Item -Path (Join-Path $from '*.json') -Destination $to -ErrorAction SilentlyContinue
        if (@(Get-ChildItem $from -Filter *.json).Count -ne @(Get-ChildItem $to -Filter *.json).Count) { throw "Copying $from failed." }
    }

    # The server runs as its own process (Start-ModelConfigServer), so it ships as a framework-dependent publish in server/.
    $serverOut = Join-Path $moduleOut 'server'
    Invoke-ExternalTool dotnet @('publish', (Join-Path $repo 'src/ModelConfig.Server/ModelConfig.Server.csproj'), '-c', $Configuration,
        "-p:Version=$version", '-o', $serverOut, '--nologo', '-v', 'quiet')
    Get-ChildItem $serverOut -Filter '*.pdb' | Remove-Item
    # Export-DeploymentChart runs inside PowerShell, which finds native libraries next to the assembly that calls them,
    # not under runtimes/<rid>/: copy this platform's SkiaSharp and HarfBuzz natives beside the module's DLLs.
    $rid = [System.Runtime.InteropServices.RuntimeInformation]::RuntimeIdentifier -replace '^(linux-musl|linux|osx|win)-.*$', ('$1-' + [System.Runtime.InteropServices.RuntimeInformation]::OSArchitecture.ToString().ToLowerInvariant())
    $native = Join-Path $serverOut "runtimes/$rid/native"
    $natives = @(Get-ChildItem $native -File -ErrorAction SilentlyContinue | Where-Object Name -Match 'SkiaSharp|HarfBuzzSharp')
    if ($natives.Count -lt 2) { throw "Build input missing: the SkiaSharp and HarfBuzzSharp natives for $rid in $native" }
    $natives | Copy-Item -Destination $moduleOut
    # The module is built for one platform (ReadyToRun code and the in-process chart natives above are this platform's),
    # so the server keeps only this platform's natives as well: the other 14 runtimes/ folders were 150 MB of a 175 MB module.
    $keep = if ($rid -like 'osx-*') { 'osx' } else { $rid }
    Get-ChildItem (Join-Path $serverOut 'runtimes') -Directory | Where-Object Name -ne $keep | Remove-Item -Recurse -Force

    # MAML help is generated from module/en-US/ModelConfig.help.psd1 and the compiled cmdlets' own metadata.
    $null = Invoke-InChildPwsh ("& '{0}' -ModulePath '{1}' -HelpSource '{2}' -OutFile '{3}'" -f (Join-Path $repo 'tools/build/New-MamlHelp.ps1'),
        (Join-Path $moduleOut 'ModelConfig.psd1'), (Join-Path $repo 'module/en-US/ModelConfig.help.psd1'),
        (Join-Path $moduleOut 'en-US/ModelConfig.dll-Help.xml'))

    $forbidden = Get-ChildItem $moduleOut -Recurse -Include 'System.Management.Automation.dll', 'netstandard.dll', 'System.Text.Json.dll'
    if ($forbidden) { throw "The module must not ship: $($forbidden.Name -join ', ')" }
    Write-Host "Module assembled at $moduleOut"
}

function Get-TrxCounts([string] $TrxPath) {
    [xml] $trx = Get-Content -LiteralPath $TrxPath -Raw
    $c = $trx.TestRun.ResultSummary.Counters
    # vstest counts a skipped test as neither executed nor notExecuted: skipped = total - executed.
    [pscustomobject]@{ Passed = [int]$c.passed; Failed = [int]$c.failed + [int]$c.error + [int]$c.timeout + [int]$c.aborted; Skipped = [int]$c.total - [int]$c.executed }
}

function Invoke-XunitProject([string] $Project, [string] $Name, [string] $Results) {
    Write-Host "Running xunit tests ($Project)"
    & dotnet test (Join-Path $repo "tests/$Project/$Project.csproj") -c $Configuration --nologo `
        --logger "trx;LogFileName=$Name.trx" --logger 'console;verbosity=normal' --results-directory $Results | Out-Host
    $exit = $LASTEXITCODE
    $trxPath = Join-Path $Results "$Name.trx"
    $counts = if (Test-Path $trxPath) { Get-TrxCounts $trxPath } else { [pscustomobject]@{ Passed = 0; Failed = 1; Skipped = 0 } }
    if ($exit -ne 0 -and $counts.Failed -eq 0) { $counts.Failed = 1 }  # a build or runner failure counts as a failure
    $counts
}

function Invoke-TestTask {
    Invoke-BuildTask
    $results = Join-Path $out 'test-results'
    if (Test-Path $results) { Remove-Item $results -Recurse -Force }
    New-Item -ItemType Directory -Path $results | Out-Null

    $xunit = Invoke-XunitProject 'ModelConfig.Core.Tests' 'core' $results
    # The server on a loopback port and the charts rendered headless.
    $server = Invoke-XunitProject 'ModelConfig.Server.Tests' 'server' $results
    foreach ($p in 'Passed', 'Failed', 'Skipped') { $xunit.$p += $server.$p }

    Write-Host 'Restoring Pester (NuGet PackageDownload)'
    Invoke-ExternalTool dotnet @('restore', (Join-Path $repo 'tools/build/TestTools.proj'), '--nologo', '-v', 'quiet')
    $pester = Get-ChildItem (Join-Path $repo '.tools/nuget/pester') -Recurse -Filter 'Pester.psd1' | Select-Object -First 1
    if (-not $pester) { throw 'Pester.psd1 not found after restore.' }

    Write-Host 'Running Pester tests against the built module'
    $pesterJson = Join-Path $results 'pester.json'
    $script = @"
`$ErrorActionPreference = 'Stop'
Import-Module '$($pester.FullName)' -Force
`$c = New-PesterConfiguration
`$c.Run.Path = '$(Join-Path $repo 'tests/pester')'
`$c.Run.PassThru = `$true
`$c.Output.Verbosity = 'Detailed'
`$env:MODELCONFIG_MODULE = '$(Join-Path $moduleOut 'ModelConfig.psd1')'
`$r = Invoke-Pester -Configuration `$c
@{ Passed = `$r.PassedCount; Failed = `$r.FailedCount + `$r.FailedBlocksCount + `$r.FailedContainersCount; Skipped = `$r.SkippedCount } |
    ConvertTo-Json | Set-Content -LiteralPath '$pesterJson'
"@
    $null = Invoke-InChildPwsh $script -AllowFailure
    $pesterCounts = if (Test-Path $pesterJson) { Get-Content $pesterJson -Raw | ConvertFrom-Json } else { [pscustomobject]@{ Passed = 0; Failed = 1; Skipped = 0 } }

    $passed = $xunit.Passed + $pesterCounts.Passed
    $failed = $xunit.Failed + $pesterCounts.Failed
    $skipped = $xunit.Skipped + $pesterCounts.Skipped
    Write-Host "xunit: $($xunit.Passed) passed, $($xunit.Failed) failed, $($xunit.Skipped) skipped; pester: $($pesterCounts.Passed) passed, $($pesterCounts.Failed) failed, $($pesterCounts.Skipped) skipped"
    # CI reads this exact line.
    Write-Output "tests: $passed passed, $failed failed, $skipped skipped"
    if ($failed -gt 0) { exit 1 }
}

function Invoke-PackageTask {
    Invoke-BuildTask
    # In a child pwsh: Compress-PSResource validates the manifest, and this session must not load the module's DLL.
    $null = Invoke-InChildPwsh ("& '{0}' -ModuleFolder '{1}' -OutputDirectory '{2}' | ForEach-Object {{ 'Package written: ' + `$_.FullName }}" -f
        (Join-Path $repo 'tools/build/New-ModulePackage.ps1'), $moduleOut, (Join-Path $out 'package'))
}

function Invoke-DemoTask {
    Invoke-BuildTask
    $null = Invoke-InChildPwsh ". '$(Join-Path $repo 'tools/examples/Demo.ps1')' -ModulePath '$(Join-Path $moduleOut 'ModelConfig.psd1')'"
}

function Invoke-AccuracyTask {
    $csv = Join-Path $repo '../shared/measured/calibration.csv'
    if (-not (Test-Path $csv)) { throw "Calibration data not found at $csv (../shared beside the repository)." }
    Invoke-ExternalTool dotnet @('run', '--project', (Join-Path $repo 'tools/ModelConfig.Accuracy/ModelConfig.Accuracy.csproj'), '-c', 'Release', '--', $csv)
}

function Invoke-BenchmarkTask {
    Invoke-BuildTask
    Invoke-ExternalTool dotnet @('run', '--project', (Join-Path $repo 'benchmarks/ModelConfig.Benchmarks/ModelConfig.Benchmarks.csproj'), '-c', 'Release', '--', '--filter', 'ModelConfig.Benchmarks.*', '--job', 'short')
    $null = Invoke-InChildPwsh ". '$(Join-Path $repo 'benchmarks/Measure-CmdletPerformance.ps1')' -ModulePath '$(Join-Path $moduleOut 'ModelConfig.psd1')'"
}

switch ($Task) {
    'Build' { Invoke-BuildTask }
    'Test' { Invoke-TestTask }
    'Package' { Invoke-PackageTask }
    'Demo' { Invoke-DemoTask }
    'Accuracy' { Invoke-AccuracyTask }
    'Benchmark' { Invoke-BenchmarkTask }
    'Clean' {
        foreach ($p in @($out) + (Get-ChildItem $repo -Recurse -Directory -Include bin, obj | ForEach-Object FullName)) {
            if (Test-Path $p) { Remove-Item $p -Recurse -Force }
        }
    }
}
