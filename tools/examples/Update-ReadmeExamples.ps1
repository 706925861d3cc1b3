<#
.SYNOPSIS
    Runs the README's marked examples against the built module and writes their real output into the README; with
    -Check, fails instead when the README shows other output than the module prints.
.DESCRIPTION
    A fenced block whose previous line is `<!-- example-output -->` (or `<!-- example-output width=100 -->`) holds
    commands, each a line starting `PS> ` (a line ending in a backtick or a pipe continues on the next), and after each
    the output it printed. The commands run in order in one runspace, so a variable one sets is there for the next; in a scratch
    folder, on the bundled library only (the MODELCONFIG_* search paths are cleared), with en-US number formatting and
    plain-text rendering, at the block's width (default 120 columns). An output the README cut with a closing `...`
    line is cut to the same number of lines again. Errors read as PowerShell's concise view writes them
    ("Measure-Deployment: message"), warnings as "WARNING: message". The repository's folder reads as
    /home/me/ModelConfig, so the README does not depend on where it was cloned.

    Estimates move whenever the estimator or its calibration does, so this runs after such a change, and
    tests/pester/Readme.Tests.ps1 runs it with -Check.
.EXAMPLE
    ./tools/examples/Update-ReadmeExamples.ps1
.EXAMPLE
    ./tools/examples/Update-ReadmeExamples.ps1 -Check
#>
[CmdletBinding()]
param(
    [string] $ModulePath = (Join-Path $PSScriptRoot '../../out/ModelConfig/ModelConfig.psd1'),
    [string] $Readme = (Join-Path $PSScriptRoot '../../README.md'),
    [switch] $Check
)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

$marker = '^<!-- example-output(?:\s+width=(?<width>\d+))?\s*-->\s*$'
$prompt = 'PS> '
$continuation = '[`|]\s*$'   # a backtick or a pipe at the end: the command goes on on the next line

# One marked block: where it sits in the README, its width, and its commands with the output the README shows.
function Read-ExampleBlocks([string[]] $lines) {
    for ($i = 0; $i -lt $lines.Count; $i++) {
        if ($lines[$i] -notmatch $marker) { continue }
        $width = if ($Matches['width']) { [int]$Matches['width'] } else { 120 }
        $open = $i + 1
        if ($open -ge $lines.Count -or $lines[$open] -notmatch '^```') { throw "README line $($i + 1): an example-output marker must stand right above a fenced block." }
        $close = $open + 1
        while ($close -lt $lines.Count -and $lines[$close] -notmatch '^```\s*$') { $close++ }
        if ($close -ge $lines.Count) { throw "README line $($open + 1): the fenced block is not closed." }
        $commands = [System.Collections.Generic.List[object]]::new()
        $current = $null
        $continues = $false
        for ($j = $open + 1; $j -lt $close; $j++) {
            $line = $lines[$j]
            if ($continues -and $current) { $current.Source.Add($line); $continues = $line -match $continuation; continue }
            if ($line.StartsWith($prompt)) {
                $current = [pscustomobject]@{ Source = [System.Collections.Generic.List[string]]::new(); Output = [System.Collections.Generic.List[string]]::new() }
                $current.Source.Add($line)
                $commands.Add($current)
                $continues = $line -match $continuation
            } elseif ($current) { $current.Output.Add($line) }
            else { throw "README line $($j + 1): a marked example block must start with a '$prompt' command." }
        }
        [pscustomobject]@{ Open = $open; Close = $close; Width = $width; Commands = $commands }
    }
}

# The output lines without trailing blanks, and how many lines the README kept before a closing '...' (-1: not cut).
function Get-CutLength([System.Collections.Generic.List[string]] $output) {
    $kept = @($output)
    while ($kept.Count -and -not $kept[-1].Trim()) { $kept = @($kept | Select-Object -SkipLast 1) }
    if ($kept.Count -and $kept[-1].Trim() -eq '...') { $kept.Count - 1 } else { -1 }
}

$repoRoot = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path.TrimEnd([IO.Path]::DirectorySeparatorChar)
$scratch = Join-Path ([IO.Path]::GetTempPath()) ('mc-readme-' + [guid]::NewGuid().ToString('N'))
New-Item -ItemType Directory -Path $scratch | Out-Null
# The runspace's host takes the culture of the thread that opens it.
$culture = [cultureinfo]::GetCultureInfo('en-US')
$savedCulture = [cultureinfo]::CurrentCulture, [cultureinfo]::CurrentUICulture
[cultureinfo]::CurrentCulture = $culture
[cultureinfo]::CurrentUICulture = $culture
$runspace = [runspacefactory]::CreateRunspace([initialsessionstate]::CreateDefault2())
$runspace.ThreadOptions = [System.Management.Automation.Runspaces.PSThreadOptions]::ReuseThread
$runspace.Open()
$shell = [powershell]::Create()
$shell.Runspace = $runspace

function Invoke-Example([string] $code) {
    $shell.Commands.Clear()
    $null = $shell.AddScript($code)
    try { $result = $shell.Invoke() }
    catch {
        $e = $_.Exception
        while ($e.InnerException -and $e -isnot [System.Management.Automation.RuntimeException]) { $e = $e.InnerException }
        $record = if ($e -is [System.Management.Automation.IContainsErrorRecord]) { $e.ErrorRecord } else { $null }
        $name = if ($record -and $record.InvocationInfo -and $record.InvocationInfo.MyCommand) { "$($record.InvocationInfo.MyCommand.Name): " } else { '' }
        $result = @("$name$($e.Message)")
    }
    $shell.Streams.ClearStreams()
    @($result)
}

try {
    $setup = @"
`$PSStyle.OutputRendering = 'PlainText'
foreach (`$n in 'MODELCONFIG_PATH', 'MODELCONFIG_HARDWARE_PATH', 'MODELCONFIG_CALIBRATION_PATH') { [Environment]::SetEnvironmentVariable(`$n, `$null) }
Import-Module '$($ModulePath.Replace("'", "''"))' -Force
Set-Location -LiteralPath '$($scratch.Replace("'", "''"))'
"@
    Invoke-Example $setup | Out-Null
    if ($shell.HadErrors) { throw "Could not import $ModulePath." }

    $readmeText = [IO.File]::ReadAllText($Readme)
    $newline = if ($readmeText.Contains("`r`n")) { "`r`n" } else { "`n" }
    $lines = $readmeText -split '\r?\n'
    $blocks = @(Read-ExampleBlocks $lines)
    if (-not $blocks.Count) { throw "$Readme has no '<!-- example-output -->' block." }
    $result = [System.Collections.Generic.List[string]]::new()
    $changes = [System.Collections.Generic.List[string]]::new()
    $next = 0
    $commandCount = 0
    foreach ($block in $blocks) {
        for (; $next -le $block.Open; $next++) { $result.Add($lines[$next]) }
        for ($k = 0; $k -lt $block.Commands.Count; $k++) {
            $command = $block.Commands[$k]
            $commandCount++
            $code = (@($command.Source) -join "`n").Substring($prompt.Length)
            # dot-sourced, so assignments stay for the next command; every stream in the order written
            $render = @"
. {
$code
} *>&1 | ForEach-Object {
    if (`$_ -is [System.Management.Automation.ErrorRecord]) { `$(if (`$_.InvocationInfo -and `$_.InvocationInfo.MyCommand) { `$_.InvocationInfo.MyCommand.Name + ': ' } else { '' }) + `$_.Exception.Message }
    elseif (`$_ -is [System.Management.Automation.WarningRecord]) { 'WARNING: ' + `$_.Message }
    elseif (`$_ -is [System.Management.Automation.InformationRecord]) { [string]`$_.MessageData }
    elseif (`$_ -is [System.Management.Automation.VerboseRecord] -or `$_ -is [System.Management.Automation.DebugRecord]) { }
    else { `$_ }
} | Out-String -Width $($block.Width)
"@
            $text = (Invoke-Example $render) -join ''
            $output = @(($text.Replace($repoRoot, '/home/me/ModelConfig') -split '\r?\n') | ForEach-Object { $_.TrimEnd() })
            while ($output.Count -and -not $output[-1]) { $output = @($output | Select-Object -SkipLast 1) }
            # one blank line under the command at most, as the console shows a table
            while ($output.Count -gt 1 -and -not $output[0] -and -not $output[1]) { $output = @($output | Select-Object -Skip 1) }
            $cut = Get-CutLength $command.Output
            if ($cut -ge 0 -and $output.Count -gt $cut) { $output = @($output | Select-Object -First $cut) + '...' }
            foreach ($line in $command.Source) { $result.Add($line) }
            foreach ($line in $output) { $result.Add($line) }
            if ($output.Count -and $k -lt $block.Commands.Count - 1) { $result.Add('') }

            $old = @($command.Output)
            while ($old.Count -and -not $old[-1].Trim()) { $old = @($old | Select-Object -SkipLast 1) }
            if (($old -join "`n") -cne ($output -join "`n")) {
                $first = 0
                while ($first -lt [Math]::Min($old.Count, $output.Count) -and $old[$first] -ceq $output[$first]) { $first++ }
                $was = if ($first -lt $old.Count) { $old[$first] } else { '(nothing)' }
                $now = if ($first -lt $output.Count) { $output[$first] } else { '(nothing)' }
                $changes.Add("$($command.Source[0])`n    output line $($first + 1) was: $was`n                 now: $now")
            }
        }
        $next = $block.Close
    }
    for (; $next -lt $lines.Count; $next++) { $result.Add($lines[$next]) }

    if ($Check) {
        if ($changes.Count) {
            throw "README.md shows other output than the module prints for $($changes.Count) of $commandCount example commands (run tools/examples/Update-ReadmeExamples.ps1):`n$($changes -join "`n")"
        }
        Write-Host "README examples: $commandCount commands in $($blocks.Count) blocks show the module's output."
    } elseif ($changes.Count) {
        # whole file or nothing: a temporary file beside it, then a replace
        $temp = "$Readme.tmp"
        [IO.File]::WriteAllText($temp, ($result -join $newline), [Text.UTF8Encoding]::new($false))
        Move-Item -LiteralPath $temp -Destination $Readme -Force
        Write-Host "README examples: output of $($changes.Count) of $commandCount commands rewritten."
    } else {
        Write-Host "README examples: $commandCount commands, nothing to change."
    }
} finally {
    $shell.Dispose()
    $runspace.Dispose()
    [cultureinfo]::CurrentCulture, [cultureinfo]::CurrentUICulture = $savedCulture
    Remove-Item -LiteralPath $scratch -Recurse -Force -ErrorAction SilentlyContinue
}
