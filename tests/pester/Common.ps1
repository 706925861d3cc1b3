# Dot-sourced by every test file: imports the BUILT module (build.ps1 -Task Test sets MODELCONFIG_MODULE), so Pester
# tests what users install, not the source tree.
$script:ModulePath = if ($env:MODELCONFIG_MODULE) { $env:MODELCONFIG_MODULE } else { Join-Path $PSScriptRoot '../../out/ModelConfig/ModelConfig.psd1' }
Import-Module $script:ModulePath -Force
$script:RepoRoot = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
$script:SharedDir = if ($env:MODELCONFIG_SHARED_DIR) { $env:MODELCONFIG_SHARED_DIR } else { Join-Path $script:RepoRoot '../shared' }
$script:HasShared = Test-Path (Join-Path $script:SharedDir 'reference')

function New-TestFolder {
    $p = Join-Path ([IO.Path]::GetTempPath()) ("mc-pester-" + [guid]::NewGuid().ToString('N'))
    New-Item -ItemType Directory -Path $p | Out-Null
    $p
}
