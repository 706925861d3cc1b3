<#
.SYNOPSIS
    Packs the built module (out/ModelConfig) into ModelConfig.<version>.nupkg, the package Install-PSResource and
    Save-PSResource take from a NuGet repository (a local folder, or the PowerShell Gallery).
.DESCRIPTION
    Uses Compress-PSResource from Microsoft.PowerShell.PSResourceGet, which ships with PowerShell 7.4 and later, so
    packing needs no repository and no API key. build.ps1 -Task Package runs it after a build; the Pester test
    (tests/pester/Package.Tests.ps1) runs it on the module under test and installs the result. Writes the package's
    FileInfo.
#>
[CmdletBinding()]
param(
    # The folder of the built module: it holds ModelConfig.psd1.
    [Parameter(Mandatory)] [string] $ModuleFolder,
    [Parameter(Mandatory)] [string] $OutputDirectory
)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

if (-not (Get-Command Compress-PSResource -ErrorAction SilentlyContinue)) {
    throw 'Compress-PSResource not found: packing needs Microsoft.PowerShell.PSResourceGet 1.1 or later (it ships with PowerShell 7.4+).'
}
$manifestPath = Join-Path $ModuleFolder 'ModelConfig.psd1'
if (-not (Test-Path -LiteralPath $manifestPath)) { throw "No built module at $ModuleFolder (run build.ps1 -Task Build)." }
$manifest = Import-PowerShellDataFile $manifestPath
foreach ($key in 'ProjectUri', 'LicenseUri', 'ReleaseNotes') {
    if (-not $manifest.PrivateData.PSData[$key]) { throw "ModelConfig.psd1 has no PrivateData.PSData.${key}: a published package must carry it." }
}

New-Item -ItemType Directory -Path $OutputDirectory -Force | Out-Null
$package = Join-Path $OutputDirectory "ModelConfig.$($manifest.ModuleVersion).nupkg"
# Compress-PSResource will not overwrite, and a stale package of the same version would be installed instead.
if (Test-Path -LiteralPath $package) { Remove-Item -LiteralPath $package -Force }
Compress-PSResource -Path $ModuleFolder -DestinationPath $OutputDirectory
if (-not (Test-Path -LiteralPath $package)) { throw "Compress-PSResource did not write $package." }
Get-Item -LiteralPath $package
