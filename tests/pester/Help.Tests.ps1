# What Get-Help shows, against what the cmdlets are (issue 13.22): the MAML is generated from reflection at build time
# (tools/build/New-MamlHelp.ps1), so these check the generator, not a hand-kept list.
BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $script:Cmdlets = @(Get-Command -Module ModelConfig -CommandType Cmdlet | Sort-Object Name | ForEach-Object { @{ Name = $_.Name } })
}
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $script:Common = [System.Management.Automation.Cmdlet]::CommonParameters + [System.Management.Automation.Cmdlet]::OptionalCommonParameters
    # GitHub's anchors of the README headings
    $script:Anchors = Get-Content (Join-Path $RepoRoot 'README.md') | Where-Object { $_ -match '^#{1,6}\s+(.+?)\s*$' } |
        ForEach-Object { $Matches[1].ToLowerInvariant() -replace '[^\p{L}\p{Nd}\s_-]', '' -replace '\s', '-' }
}

Describe 'Get-Help of <Name>' -ForEach $Cmdlets {
    BeforeAll {
        $script:Cmd = Get-Command $Name
        $script:Help = Get-Help $Name -Full
    }

    It 'shows -WhatIf and -Confirm in every syntax line when the cmdlet supports ShouldProcess' {
        $supports = $Cmd.Parameters.ContainsKey('WhatIf')
        foreach ($item in @($Help.syntax.syntaxItem)) {
            $names = @($item.parameter.name)
            if ($supports) { $names | Should -Contain 'WhatIf'; $names | Should -Contain 'Confirm' }
            else { $names | Should -Not -Contain 'WhatIf' }
        }
        if ($supports) { (Get-Help $Name -Parameter WhatIf).description.Text | Should -Not -BeNullOrEmpty }
    }

    It 'lists every parameter set of the cmdlet, with its parameters' {
        @($Help.syntax.syntaxItem).Count | Should -Be $Cmd.ParameterSets.Count
        foreach ($set in $Cmd.ParameterSets) {
            $expected = @($set.Parameters.Name | Where-Object { $_ -notin $Common -or $_ -in 'WhatIf', 'Confirm' } | Sort-Object)
            $found = @($Help.syntax.syntaxItem | Where-Object { (@($_.parameter.name | Sort-Object) -join ',') -eq ($expected -join ',') })
            $found.Count | Should -BeGreaterThan 0 -Because "set $($set.Name) has -$($expected -join ', -')"
        }
    }

    It 'fills Aliases from the [Alias] attributes' {
        foreach ($p in $Cmd.Parameters.Values | Where-Object { $_.Name -notin $Common }) {
            $ph = @($Help.parameters.parameter | Where-Object name -eq $p.Name)
            $ph.Count | Should -Be 1 -Because "-$($p.Name) has one entry"
            $want = if ($p.Aliases.Count) { $p.Aliases -join ', ' } else { 'none' }
            $ph[0].aliases | Should -Be $want -Because "-$($p.Name) has the aliases $want"
        }
    }

    It 'names types as PowerShell does, never Nullable`1' {
        $types = @($Help.syntax.syntaxItem.parameter.parameterValue) + @($Help.parameters.parameter.parameterValue) + @($Help.parameters.parameter.type.name) |
            Where-Object { $_ } | ForEach-Object { "$_" }
        $types | Where-Object { $_ -match '`|Nullable' } | Should -BeNullOrEmpty
    }

    It 'links -Online to its section of the README' {
        $uri = @($Help.relatedLinks.navigationLink | Where-Object { $_.uri })[0].uri
        $uri | Should -Match '^https://[^#]+/blob/main/README\.md#[\w-]+$'
        $Anchors | Should -Contain ($uri -replace '^.*#')
        $manifest = Import-PowerShellDataFile $ModulePath
        $project = $manifest.PrivateData.PSData['ProjectUri']
        if ($project) { $uri | Should -BeLike "$($project.TrimEnd('/'))/*" }
        $Cmd.HelpUri | Should -Be $uri -Because 'Get-Command and Get-Help -Online read the same link'
    }
}

Describe 'Get-Help details' {
    It 'states the default of a parameter from the code: <Command> -<Parameter> = <Default>' -ForEach @(
        @{ Command = 'Measure-Deployment'; Parameter = 'InputLength'; Default = '1024' }
        @{ Command = 'Measure-Deployment'; Parameter = 'OutputLength'; Default = '256' }
        @{ Command = 'Measure-Deployment'; Parameter = 'WeightPrecision'; Default = 'bf16' }
        @{ Command = 'Measure-Deployment'; Parameter = 'TensorParallel'; Default = 'the fewest GPUs that fit*' }
        @{ Command = 'Measure-Deployment'; Parameter = 'ArrivalProcess'; Default = 'Poisson' }
        @{ Command = 'Measure-Deployment'; Parameter = 'Offline'; Default = 'False' }
        @{ Command = 'Find-Deployment'; Parameter = 'MaxGpus'; Default = '8' }
        @{ Command = 'Find-Deployment'; Parameter = 'Objective'; Default = 'ThroughputPerGpu' }
        @{ Command = 'Find-Deployment'; Parameter = 'InputLength'; Default = '1024' }
        @{ Command = 'New-ModelConfig'; Parameter = 'WhatIf'; Default = 'False' }
    ) {
        (Get-Help $Command -Parameter $Parameter).defaultValue | Should -BeLike $Default
    }

    It 'gives every parameter of every cmdlet a Default value line' {
        foreach ($c in Get-Command -Module ModelConfig -CommandType Cmdlet) {
            foreach ($p in @((Get-Help $c.Name -Full).parameters.parameter)) {
                "$($p.defaultValue)" | Should -Not -BeNullOrEmpty -Because "$($c.Name) -$($p.name) has a default value line"
            }
        }
    }

    It 'finds -TensorParallel of Measure-Deployment by its alias TP (13.22)' {
        $h = Get-Help Measure-Deployment -Parameter TP
        $h.name | Should -Be 'TP'
        ($h.description.Text -join ' ') | Should -BeLike 'Alias of -TensorParallel.*Tensor-parallel degrees*'
        (Get-Help Measure-Deployment -Parameter TensorParallel).aliases | Should -BeLike '*TP*'
    }

    It 'shows a nullable parameter with its value type: -ComputeEfficiency <double>' {
        (Get-Help Measure-Deployment -Parameter ComputeEfficiency).parameterValue | Should -Be 'double'
        (Get-Help Measure-Deployment -Parameter TensorParallel).parameterValue | Should -Be 'int[]'
        (Get-Help New-ModelConfig -Parameter TimeoutSec).parameterValue | Should -Be 'int'
        (Get-Help Measure-Deployment -Parameter ArrivalProcess).parameterValue | Should -Be 'ArrivalProcess'
    }

    It 'puts the positional model id first in the syntax of Measure-Deployment' {
        $item = @((Get-Help Measure-Deployment).syntax.syntaxItem)[0]
        @($item.parameter)[0].name | Should -Be 'ModelId'
        @($item.parameter)[0].position | Should -Be '1'
    }
}
