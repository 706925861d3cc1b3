<#
.SYNOPSIS
    Writes the module's MAML help (en-US/ModelConfig.dll-Help.xml) from the help source and the cmdlets themselves.
.DESCRIPTION
    platyPS is not available here, so help is kept as a small PowerShell data file
    (module/en-US/ModelConfig.help.psd1: synopsis, description, parameter descriptions, examples per cmdlet)
    and everything the compiled cmdlets know is read from them by reflection: parameter sets, types, positions,
    pipeline input, aliases ([Alias]), wildcards, -WhatIf/-Confirm (SupportsShouldProcess), default values
    ([HelpDefault] or the property's initial value). So help and code can
    never disagree. Fails when a cmdlet or parameter has no description or no example, or when the README has no
    section for a cmdlet's online link.

    The online link (Get-Help -Online) is <ProjectUri>/blob/main/README.md#<section>: ProjectUri from the manifest's
    PrivateData.PSData, else $FallbackProjectUri; the section is the first README heading naming the cmdlet, else the
    first section (past the overview table) whose text names it.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $HelpSource,
    [Parameter(Mandatory)] [string] $OutFile,
    [string] $Readme = (Join-Path $PSScriptRoot '../../README.md'),
    [string] $FallbackProjectUri = 'https://github.com/modelconfig/ModelConfig'
)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

$module = Import-Module $ModulePath -PassThru -Force
$source = Import-PowerShellDataFile $HelpSource
$common = [System.Management.Automation.Cmdlet]::CommonParameters + [System.Management.Automation.Cmdlet]::OptionalCommonParameters
$problems = [System.Collections.Generic.List[string]]::new()

# -WhatIf and -Confirm are optional common parameters: reflection lists them only for SupportsShouldProcess cmdlets,
# and help shows them as parameters (PowerShell's own help does), with these texts unless the source has better ones.
$shouldProcessText = @{
    WhatIf  = 'Shows what would happen if the cmdlet runs. The cmdlet is not run.'
    Confirm = 'Prompts you for confirmation before running the cmdlet.'
}

function Esc([string] $s) { [System.Security.SecurityElement]::Escape($s) }
function Paras([string] $text) {
    ($text -split "\r?\n\r?\n" | ForEach-Object { "<maml:para>$(Esc ($_.Trim()))</maml:para>" }) -join ''
}

# Type names as PowerShell users write them: int, double[], string, switch, ModelConfiguration; Nullable<T> shows as T
# (a nullable parameter is only "not given" when omitted, the user passes a T).
$accelerators = @{}
foreach ($kv in [psobject].Assembly.GetType('System.Management.Automation.TypeAccelerators')::Get.GetEnumerator()) {
    $name = $kv.Key.ToLowerInvariant()
    if ($name -eq 'psobject' -or $name -eq 'pscustomobject') { continue }
    if (-not $accelerators.ContainsKey($kv.Value) -or $name.Length -lt $accelerators[$kv.Value].Length) { $accelerators[$kv.Value] = $name }
}
function Get-UnderlyingType([type] $t) {
    $u = [Nullable]::GetUnderlyingType($t)
    if ($u) { $u } else { $t }
}
function Get-FriendlyTypeName([type] $t) {
    $t = Get-UnderlyingType $t
    if ($t.IsArray) { return (Get-FriendlyTypeName $t.GetElementType()) + '[]' }
    if ($accelerators.ContainsKey($t)) { return $accelerators[$t] }
    $t.Name
}
function Get-FullTypeName([type] $t) {
    $t = Get-UnderlyingType $t
    if ($t.IsArray) { return (Get-FullTypeName $t.GetElementType()) + '[]' }
    $t.FullName
}
function Get-PipelineText([bool] $byValue, [bool] $byName) {
    if ($byValue -and $byName) { 'True (ByValue, ByPropertyName)' } elseif ($byValue) { 'True (ByValue)' } elseif ($byName) { 'True (ByPropertyName)' } else { 'False' }
}
function Get-AliasText($parameter) {
    $aliases = @($parameter.Aliases)
    if ($aliases.Count) { $aliases -join ', ' } else { 'none' }
}

# README sections as GitHub anchors them: lower case, punctuation but '-' and '_' dropped, spaces to '-'.
function Get-ReadmeSections([string] $path) {
    $sections = [System.Collections.Generic.List[object]]::new()
    $current = $null
    $inFence = $false
    foreach ($line in Get-Content -LiteralPath $path) {
        if ($line -match '^\s*```') { $inFence = -not $inFence }
        if (-not $inFence -and $line -match '^(#{1,6})\s+(.+?)\s*#*\s*$') {
            $title = $Matches[2]
            $slug = ($title.ToLowerInvariant() -replace '[^\p{L}\p{Nd}\s_-]', '' -replace '\s', '-')
            $current = [pscustomobject]@{ Title = $title; Anchor = $slug; Body = [System.Text.StringBuilder]::new() }
            $sections.Add($current)
        } elseif ($current) { $null = $current.Body.AppendLine($line) }
    }
    $sections
}
$readmeSections = Get-ReadmeSections $Readme
$manifest = Import-PowerShellDataFile $ModulePath
$projectUri = $null
if ($manifest.ContainsKey('PrivateData') -and $manifest.PrivateData.ContainsKey('PSData') -and $manifest.PrivateData.PSData.ContainsKey('ProjectUri')) {
    $projectUri = [string]$manifest.PrivateData.PSData.ProjectUri
}
if (-not $projectUri) { $projectUri = $FallbackProjectUri }
$projectUri = $projectUri.TrimEnd('/')
function Get-OnlineUri([string] $cmdletName) {
    $pattern = '(?<![\w-])' + [regex]::Escape($cmdletName) + '(?![\w-])'
    $section = $readmeSections | Where-Object { $_.Title -match $pattern } | Select-Object -First 1
    if (-not $section) {
        # the overview table names every cmdlet; the section that describes one comes later
        $section = $readmeSections | Where-Object { $_.Title -ne 'The cmdlets' -and $_.Body.ToString() -match $pattern } | Select-Object -First 1
    }
    if (-not $section) { $problems.Add("${cmdletName}: no README section names it (needed for Get-Help -Online)"); return $null }
    "$projectUri/blob/main/README.md#$($section.Anchor)"
}

# Parameters of one syntax line in the order PowerShell prints its own: positional by position, then the mandatory
# named ones, then the rest as declared; -WhatIf and -Confirm last.
function Get-SyntaxOrder($set) {
    $own = @($set.Parameters | Where-Object { $_.Name -notin $common })
    $i = 0
    $ordered = $own | ForEach-Object { [pscustomobject]@{ P = $_; I = $i++ } } | Sort-Object `
        @{ Expression = { if ($_.P.Position -ge 0) { 0 } elseif ($_.P.IsMandatory) { 1 } else { 2 } } },
        @{ Expression = { if ($_.P.Position -ge 0) { $_.P.Position } else { 0 } } },
        @{ Expression = { $_.I } }
    @($ordered.P) + @($set.Parameters | Where-Object { $_.Name -in 'WhatIf', 'Confirm' } | Sort-Object { $_.Name -ne 'WhatIf' })
}

# "Default value" of each parameter, from the code so it cannot drift from it: a [HelpDefault] on the property (a value
# such as DeploymentDefaults.InputLength, or a sentence), else the value a new cmdlet object starts with
# (MaxGpus = 8), else False for a switch and None for the rest, as PowerShell's own help writes them.
function Get-DefaultValues([type] $type) {
    $instance = [Activator]::CreateInstance($type)
    $values = @{}
    foreach ($prop in $type.GetProperties()) {
        if (-not [Attribute]::IsDefined($prop, [System.Management.Automation.ParameterAttribute])) { continue }
        $attr = $prop.GetCustomAttributes($true) | Where-Object { $_.GetType().Name -eq 'HelpDefaultAttribute' } | Select-Object -First 1
        $value = if ($attr) { $attr.Value } else { $prop.GetValue($instance) }
        if ($null -eq $value -or ($value -is [System.Management.Automation.SwitchParameter] -and -not $value.IsPresent)) { continue }
        if ($value -is [Array]) { if ($value.Count -eq 0) { continue }; $value = $value -join ', ' }
        if ([string]$value -eq '') { continue }
        $values[$prop.Name] = [string]$value
    }
    $values
}

# One <command:parameter> of the PARAMETERS section (ParameterMetadata $p, shown under $name).
function Get-ParameterXml($p, [string] $name, [string] $desc, [string] $aliases) {
    $attr = @($p.Attributes | Where-Object { $_ -is [System.Management.Automation.ParameterAttribute] })
    $mandatory = [bool]($attr | Where-Object Mandatory)
    $positions = @($attr | Where-Object { $_.Position -ge 0 } | ForEach-Object { $_.Position + 1 })
    $pos = if ($positions) { $positions[0] } else { 'named' }
    $pipe = Get-PipelineText ([bool]($attr | Where-Object ValueFromPipeline)) ([bool]($attr | Where-Object ValueFromPipelineByPropertyName))
    $glob = [bool]($p.Attributes | Where-Object { $_ -is [System.Management.Automation.SupportsWildcardsAttribute] })
    $value = if ($p.ParameterType -eq [switch]) { '' } else { "<command:parameterValue required=`"true`" variableLength=`"false`">$(Esc (Get-FriendlyTypeName $p.ParameterType))</command:parameterValue>" }
    $default = if ($defaults.ContainsKey($p.Name)) { $defaults[$p.Name] } elseif ($p.ParameterType -eq [switch]) { 'False' } else { 'None' }
    "<command:parameter required=`"$($mandatory.ToString().ToLower())`" variableLength=`"true`" globbing=`"$($glob.ToString().ToLower())`" pipelineInput=`"$pipe`" position=`"$pos`" aliases=`"$(Esc $aliases)`"><maml:name>$(Esc $name)</maml:name><maml:description>$(Paras $desc)</maml:description>$value<dev:type><maml:name>$(Esc (Get-FullTypeName $p.ParameterType))</maml:name></dev:type><dev:defaultValue>$(Esc $default)</dev:defaultValue></command:parameter>"
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
    $descriptions = if ($h.ContainsKey('Parameters') -and $h.Parameters) { $h.Parameters } else { @{} }
    $params = @($cmd.Parameters.Values | Where-Object { $_.Name -notin $common -or $_.Name -in 'WhatIf', 'Confirm' })
    foreach ($p in $params) {
        if (-not $descriptions[$p.Name] -and -not $shouldProcessText[$p.Name]) { $problems.Add("$($cmd.Name) -$($p.Name): no description") }
    }
    foreach ($name in $descriptions.Keys) {
        if ($name -notin $params.Name) { $problems.Add("$($cmd.Name): help describes -$name, which the cmdlet does not have") }
    }
    $defaults = Get-DefaultValues $cmd.ImplementingType
    $verb, $noun = $cmd.Name -split '-', 2
    $null = $sb.AppendLine('<command:command>')
    $null = $sb.AppendLine("<command:details><command:name>$($cmd.Name)</command:name><command:verb>$verb</command:verb><command:noun>$noun</command:noun><maml:description>$(Paras $h.Synopsis)</maml:description></command:details>")
    $null = $sb.AppendLine("<maml:description>$(Paras $h.Description)</maml:description>")
    $null = $sb.AppendLine('<command:syntax>')
    foreach ($set in $cmd.ParameterSets) {
        $null = $sb.AppendLine("<command:syntaxItem><maml:name>$($cmd.Name)</maml:name>")
        foreach ($sp in Get-SyntaxOrder $set) {
            $pos = if ($sp.Position -ge 0) { $sp.Position + 1 } else { 'named' }
            $pipe = Get-PipelineText $sp.ValueFromPipeline $sp.ValueFromPipelineByPropertyName
            $null = $sb.Append("<command:parameter required=`"$($sp.IsMandatory.ToString().ToLower())`" variableLength=`"true`" globbing=`"false`" pipelineInput=`"$pipe`" position=`"$pos`" aliases=`"$(Esc (Get-AliasText $sp))`"><maml:name>$($sp.Name)</maml:name>")
            if ($sp.ParameterType -ne [switch]) { $null = $sb.Append("<command:parameterValue required=`"true`" variableLength=`"false`">$(Esc (Get-FriendlyTypeName $sp.ParameterType))</command:parameterValue>") }
            $null = $sb.AppendLine('</command:parameter>')
        }
        $null = $sb.AppendLine('</command:syntaxItem>')
    }
    $null = $sb.AppendLine('</command:syntax><command:parameters>')
    foreach ($p in $params | Sort-Object Name) {
        $desc = if ($descriptions[$p.Name]) { $descriptions[$p.Name] } else { $shouldProcessText[$p.Name] }
        $null = $sb.AppendLine((Get-ParameterXml $p $p.Name $desc (Get-AliasText $p)))
    }
    # Get-Help -Parameter matches names only, never aliases: an alias the description promotes ("Alias TP.") gets an
    # entry of its own, so Get-Help Measure-Deployment -Parameter TP finds it. Plan-file column names stay in Aliases.
    foreach ($p in $params | Sort-Object Name) {
        $desc = [string]$descriptions[$p.Name]
        foreach ($m in [regex]::Matches($desc, '\bAlias(?:es)? ([A-Za-z][\w, ]*?)[.;)]')) {
            foreach ($alias in $m.Groups[1].Value -split ',\s*|\s+and\s+' | Where-Object { $_ }) {
                if ($alias -notin $p.Aliases) { $problems.Add("$($cmd.Name) -$($p.Name): the help names alias '$alias', which the parameter does not have"); continue }
                $others = @($p.Name) + @($p.Aliases | Where-Object { $_ -ne $alias })
                $null = $sb.AppendLine((Get-ParameterXml $p $alias "Alias of -$($p.Name). $($desc.Replace($m.Value, '').Trim())" ($others -join ', ')))
            }
        }
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
    # Get-Help -Online opens the first related link that has a URI
    $online = Get-OnlineUri $cmd.Name
    $links = @(if ($online) { "<maml:navigationLink><maml:linkText>Online Version:</maml:linkText><maml:uri>$(Esc $online)</maml:uri></maml:navigationLink>" }) +
        @(@($h['Links']) | Where-Object { $_ } | ForEach-Object { "<maml:navigationLink><maml:linkText>$(Esc $_)</maml:linkText></maml:navigationLink>" })
    $null = $sb.AppendLine("<command:relatedLinks>$($links -join '')</command:relatedLinks>")
    $null = $sb.AppendLine('</command:command>')
}
$null = $sb.AppendLine('</helpItems>')

if ($problems.Count) { throw "Help source is incomplete:`n  $($problems -join "`n  ")" }
$dir = Split-Path $OutFile
if (-not (Test-Path $dir)) { New-Item -ItemType Directory -Path $dir | Out-Null }
[System.IO.File]::WriteAllText($OutFile, $sb.ToString(), [System.Text.UTF8Encoding]::new($false))
[xml](Get-Content -LiteralPath $OutFile -Raw) | Out-Null  # must be well-formed
Write-Host "Help written: $OutFile (online links under $projectUri)"
