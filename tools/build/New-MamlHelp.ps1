<#
.SYNOPSIS
    Writes the module's MAML help (en-US/ModelConfig.dll-Help.xml) from the help source and the cmdlets themselves.
.DESCRIPTION
    platyPS is not available here, so help is kept as a small PowerShell data file
    (module/en-US/ModelConfig.help.psd1: synopsis, description, parameter descriptions, examples per cmdlet)
    and the syntax (parameter sets, types, positions, pipeline input) is read from the compiled cmdlets,
    so the two can never disagree. Fails when a cmdlet or parameter has no description or no example.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $HelpSource,
    [Parameter(Mandatory)] [string] $OutFile
)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

$module = Import-Module $ModulePath -PassThru -Force
$source = Import-PowerShellDataFile $HelpSource
$common = [System.Management.Automation.Cmdlet]::CommonParameters + [System.Management.Automation.Cmdlet]::OptionalCommonParameters
$problems = [System.Collections.Generic.List[string]]::new()

function Esc([string] $s) { [System.Security.SecurityElement]::Escape($s) }
function Paras([string] $text) {
    ($text -split "\r?\n\r?\n" | ForEach-Object { "<maml:para>$(Esc ($_.Trim()))</maml:para>" }) -join ''
}

$sb = [System.Text.StringBuilder]::new()
$null = $sb.AppendLine('<?xml version="1.0" encoding="utf-8"?>')
$null = $sb.AppendLine('<helpItems schema="maml" xmlns="http://msh" xmlns:maml="http://schemas.microsoft.com/maml/2004/10" xmlns:command="http://schemas.microsoft.com/maml/dev/command/2004/10" xmlns:dev="http://schemas.microsoft.com/maml/dev/2004/10">')

foreach ($cmd in Get-Command -Module $module.Name -CommandType Cmdlet | Sort-Object Name) {
    $h = $source[$cmd.Name]
    if (-not $h) { $problems.Add("$($cmd.Name): no help entry"); continue }
    foreach ($key in 'Synopsis', 'Description', 'Examples', 'Parameters') {
        if (-not $h.ContainsKey($key) -or -not $h[$key]) { $problems.Add("$($cmd.Name): no $key") }
    }
    $params = $cmd.Parameters.Values | Where-Object { $_.Name -notin $common }
    foreach ($p in $params) {
        if (-not $h.Parameters -or -not $h.Parameters[$p.Name]) { $problems.Add("$($cmd.Name) -$($p.Name): no description") }
    }
    $verb, $noun = $cmd.Name -split '-', 2
    $null = $sb.AppendLine('<command:command>')
    $null = $sb.AppendLine("<command:details><command:name>$($cmd.Name)</command:name><command:verb>$verb</command:verb><command:noun>$noun</command:noun><maml:description>$(Paras $h.Synopsis)</maml:description></command:details>")
    $null = $sb.AppendLine("<maml:description>$(Paras $h.Description)</maml:description>")
    $null = $sb.AppendLine('<command:syntax>')
    foreach ($set in $cmd.ParameterSets) {
        $null = $sb.AppendLine("<command:syntaxItem><maml:name>$($cmd.Name)</maml:name>")
        foreach ($sp in $set.Parameters | Where-Object { $_.Name -notin $common }) {
            $pos = if ($sp.Position -ge 0) { $sp.Position + 1 } else { 'named' }
            $pipe = if ($sp.ValueFromPipeline -and $sp.ValueFromPipelineByPropertyName) { 'True (ByValue, ByPropertyName)' } elseif ($sp.ValueFromPipeline) { 'True (ByValue)' } elseif ($sp.ValueFromPipelineByPropertyName) { 'True (ByPropertyName)' } else { 'False' }
            $isSwitch = $sp.ParameterType -eq [switch]
            $null = $sb.Append("<command:parameter required=`"$($sp.IsMandatory.ToString().ToLower())`" variableLength=`"true`" globbing=`"false`" pipelineInput=`"$pipe`" position=`"$pos`"><maml:name>$($sp.Name)</maml:name>")
            if (-not $isSwitch) { $null = $sb.Append("<command:parameterValue required=`"true`" variableLength=`"false`">$(Esc $sp.ParameterType.Name)</command:parameterValue>") }
            $null = $sb.AppendLine('</command:parameter>')
        }
        $null = $sb.AppendLine('</command:syntaxItem>')
    }
    $null = $sb.AppendLine('</command:syntax><command:parameters>')
    foreach ($p in $params | Sort-Object Name) {
        $desc = if ($h.Parameters) { $h.Parameters[$p.Name] } else { '' }
        $attr = $p.Attributes | Where-Object { $_ -is [System.Management.Automation.ParameterAttribute] }
        $mandatory = [bool]($attr | Where-Object Mandatory)
        $positions = @($attr | Where-Object { $_.Position -ge 0 } | ForEach-Object { $_.Position + 1 })
        $pos = if ($positions) { $positions[0] } else { 'named' }
        $byValue = [bool]($attr | Where-Object ValueFromPipeline)
        $byName = [bool]($attr | Where-Object ValueFromPipelineByPropertyName)
        $pipe = if ($byValue -and $byName) { 'True (ByValue, ByPropertyName)' } elseif ($byValue) { 'True (ByValue)' } elseif ($byName) { 'True (ByPropertyName)' } else { 'False' }
        $glob = [bool]($p.Attributes | Where-Object { $_ -is [System.Management.Automation.SupportsWildcardsAttribute] })
        $null = $sb.AppendLine("<command:parameter required=`"$($mandatory.ToString().ToLower())`" variableLength=`"true`" globbing=`"$($glob.ToString().ToLower())`" pipelineInput=`"$pipe`" position=`"$pos`"><maml:name>$($p.Name)</maml:name><maml:description>$(Paras $desc)</maml:description><command:parameterValue required=`"true`" variableLength=`"false`">$(Esc $p.ParameterType.Name)</command:parameterValue><dev:type><maml:name>$(Esc $p.ParameterType.FullName)</maml:name></dev:type></command:parameter>")
    }
    $null = $sb.AppendLine('</command:parameters>')
    $outputs = @($cmd.OutputType | ForEach-Object { "<command:returnValue><dev:type><maml:name>$(Esc $_.Name)</maml:name></dev:type></command:returnValue>" }) -join ''
    $null = $sb.AppendLine("<command:returnValues>$outputs</command:returnValues>")
    $null = $sb.AppendLine('<command:examples>')
    $i = 0
    foreach ($ex in @($h.Examples)) {
        $i++
        $null = $sb.AppendLine("<command:example><maml:title>-------------------------- Example $i --------------------------</maml:title><dev:code>$(Esc $ex.Code)</dev:code><dev:remarks>$(Paras $ex.Remarks)</dev:remarks></command:example>")
    }
    $null = $sb.AppendLine('</command:examples>')
    $links = @(@($h['Links']) | Where-Object { $_ } | ForEach-Object { "<maml:navigationLink><maml:linkText>$(Esc $_)</maml:linkText></maml:navigationLink>" }) -join ''
    $null = $sb.AppendLine("<command:relatedLinks>$links</command:relatedLinks>")
    $null = $sb.AppendLine('</command:command>')
}
$null = $sb.AppendLine('</helpItems>')

if ($problems.Count) { throw "Help source is incomplete:`n  $($problems -join "`n  ")" }
$dir = Split-Path $OutFile
if (-not (Test-Path $dir)) { New-Item -ItemType Directory -Path $dir | Out-Null }
[System.IO.File]::WriteAllText($OutFile, $sb.ToString(), [System.Text.UTF8Encoding]::new($false))
[xml](Get-Content -LiteralPath $OutFile -Raw) | Out-Null  # must be well-formed
Write-Host "Help written: $OutFile"
