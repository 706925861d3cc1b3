<#
.SYNOPSIS
    The main job on the bundled data: what is in the library, and what a deployment costs.
#>
param([Parameter(Mandatory)] [string] $ModulePath)
$ErrorActionPreference = 'Stop'
Import-Module $ModulePath -Force

Write-Host "`n== The model library ==" -ForegroundColor Cyan
Get-ModelConfig | Format-Table -AutoSize | Out-Host

Write-Host "== Llama models, summary records ==" -ForegroundColor Cyan
Get-ModelConfig llama* | Get-ModelMetadata | Format-Table -AutoSize | Out-Host
