<#
.SYNOPSIS
Writes data/hardware/<id>.json, one file per row of the reference hardware CSV.

.DESCRIPTION
A thin runner over the build-time ModelConfig.DataTools' HardwareCsvImport (all logic, and its tests, live there).
Builds ModelConfig.DataTools unless -AssemblyPath is given, loads it with Add-Type, and writes only files whose
text changes, so re-running on the same CSV changes nothing. The alias table for the original system's ids
lives in HardwareCsvImport.LegacyAliases. Plausibility warnings (dtype ratios that suggest a sparse figure)
are printed, never applied: fix the CSV, then re-run.

Run it in a child process (`dotnet pwsh -NoProfile -File ...`) so no long-lived session locks the DLL.

.EXAMPLE
dotnet tool restore; dotnet pwsh -NoProfile -File tools/hardware-import/Import-HardwareCsv.ps1

.EXAMPLE
dotnet pwsh -NoProfile -File tools/hardware-import/Import-HardwareCsv.ps1 -CsvPath ../shared/reference/hardware.csv -Prune
#>
[CmdletBinding()]
param(
    # The reference CSV; default ../shared/reference/hardware.csv beside the repository.
    [string] $CsvPath,
    # Where the files go; default data/hardware in the repository.
    [string] $OutputFolder,
    # A built ModelConfig.DataTools.dll (ModelConfig.Core.dll beside it); default: build tools/ModelConfig.DataTools (Debug).
    [string] $AssemblyPath,
    # Delete .json files in the output folder that no CSV row produces.
    [switch] $Prune
)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0

$repo = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
if (-not $CsvPath) {
    $shared = if ($env:MODELCONFIG_SHARED_DIR) { $env:MODELCONFIG_SHARED_DIR } else { Join-Path $repo '../shared' }
    $CsvPath = Join-Path $shared 'reference/hardware.csv'
}
if (-not $OutputFolder) { $OutputFolder = Join-Path $repo 'data/hardware' }
if (-not (Test-Path -LiteralPath $CsvPath -PathType Leaf)) { throw "CSV not found: $CsvPath" }

if (-not $AssemblyPath) {
    $project = Join-Path $repo 'tools/ModelConfig.DataTools/ModelConfig.DataTools.csproj'
    & dotnet build $project -c Debug --nologo -v quiet | Out-Host
    if ($LASTEXITCODE -ne 0) { throw "dotnet build $project failed with exit code $LASTEXITCODE" }
    $AssemblyPath = Join-Path $repo 'tools/ModelConfig.DataTools/bin/Debug/netstandard2.0/ModelConfig.DataTools.dll'
}
# The importer lives in the build-time DataTools assembly; the core it writes with sits beside it.
$dataTools = (Resolve-Path -LiteralPath $AssemblyPath).Path
Add-Type -LiteralPath (Join-Path (Split-Path $dataTools) 'ModelConfig.Core.dll')
Add-Type -LiteralPath $dataTools

$csvFull = (Resolve-Path -LiteralPath $CsvPath).Path
$outFull = [System.IO.Path]::GetFullPath($OutputFolder)
$result = [ModelConfig.DataTools.HardwareCsvImport]::ImportFile($csvFull, $outFull, $Prune.IsPresent)

foreach ($w in $result.Warnings) { Write-Warning $w }
foreach ($p in $result.Stale) { Write-Warning "Not produced by the CSV (kept; -Prune deletes it): $p" }
[pscustomobject]@{
    Csv       = $csvFull
    Output    = $outFull
    Created   = $result.Created.Count
    Updated   = $result.Updated.Count
    Unchanged = $result.Unchanged.Count
    Deleted   = $result.Deleted.Count
    Stale     = $result.Stale.Count
    Warnings  = $result.Warnings.Count
}
