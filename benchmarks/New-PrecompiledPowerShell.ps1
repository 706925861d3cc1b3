<#
.SYNOPSIS
    Copies this PowerShell ($PSHOME) to a folder and precompiles its own assemblies to ReadyToRun, as PowerShell's
    release packages are built (Start-PSBuild -Crossgen), so the first-estimate benchmark can be run under the kind of
    pwsh users install. Prints the folder.
.DESCRIPTION
    The repository's pwsh comes from the `powershell` .NET tool package, which is portable IL ("any"): System.Management.
    Automation carries no precompiled code, so a new session compiles PowerShell's own command lookup and parameter binding
    at run time (about 60 of the 110 methods of the first Measure-Deployment). The installed packages (tar.gz, deb, rpm,
    msi, brew) ship those assemblies precompiled. crossgen2 comes from the NuGet cache, where the build's ReadyToRun
    step restored it (microsoft.netcore.app.crossgen2.<rid>, the runtime's version).
.EXAMPLE
    $home2 = ./benchmarks/New-PrecompiledPowerShell.ps1 -Destination /tmp/pwsh-r2r
    ./benchmarks/Measure-CmdletPerformance.ps1 -ModulePath ./out/ModelConfig/ModelConfig.psd1 -PowerShellHome $home2
#>
[CmdletBinding()]
param([string] $Destination = (Join-Path ([IO.Path]::GetTempPath()) 'pwsh-readytorun'))
$ErrorActionPreference = 'Stop'
$rid = [System.Runtime.InteropServices.RuntimeInformation]::RuntimeIdentifier
$os, $arch = $rid -split '-', 2
$runtime = [System.Runtime.InteropServices.RuntimeEnvironment]::GetRuntimeDirectory()
$version = Split-Path $runtime.TrimEnd([IO.Path]::DirectorySeparatorChar) -Leaf
$nuget = if ($env:NUGET_PACKAGES) { $env:NUGET_PACKAGES } else { Join-Path $HOME '.nuget/packages' }
$crossgen = Get-ChildItem (Join-Path $nuget "microsoft.netcore.app.crossgen2.$rid/$version/tools") -Filter 'crossgen2*' -ErrorAction SilentlyContinue |
    Where-Object { $_.Extension -in '', '.exe' } | Select-Object -First 1
if (-not $crossgen) { throw "crossgen2 $version for $rid is not in $nuget; run build.ps1 -Task Build first (its ReadyToRun step restores it)." }

if (Test-Path $Destination) { Remove-Item $Destination -Recurse -Force }
Copy-Item $PSHOME $Destination -Recurse
foreach ($name in 'System.Management.Automation', 'Microsoft.PowerShell.ConsoleHost', 'Microsoft.PowerShell.Commands.Utility',
        'Microsoft.PowerShell.Commands.Management', 'Microsoft.PowerShell.Security') {
    $arguments = @((Join-Path $PSHOME "$name.dll"), "--out:$(Join-Path $Destination "$name.dll")", "--reference:$(Join-Path $runtime '*.dll')",
        "--reference:$(Join-Path $PSHOME '*.dll')", "--targetos:$os", "--targetarch:$arch", '--optimize')
    $out = & $crossgen.FullName @arguments 2>&1
    if ($LASTEXITCODE -ne 0) { throw "crossgen2 failed on ${name}: $($out | Select-Object -First 3)" }
}
$Destination
