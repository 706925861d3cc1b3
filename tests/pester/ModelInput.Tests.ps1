# The model input of Get-ModelMetadata, Test-ModelConfig, Set-ModelValidation, Measure-Deployment and Find-Deployment
# (issue 13.22): run bare, they prompt for ModelId and take a typed id; a piped model is used as it is.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $script:ModelCmdlets = 'Get-ModelMetadata', 'Test-ModelConfig', 'Set-ModelValidation', 'Measure-Deployment', 'Find-Deployment'

    # A pwsh like this one, for a session whose prompts read from redirected standard input.
    function script:Invoke-ChildPwsh([string] $Script, [string[]] $InputLines) {
        $dir = New-TestFolder
        try {
            $file = Join-Path $dir 'child.ps1'
            Set-Content -LiteralPath $file -Value $Script
            $exe = [Environment]::ProcessPath
            $pwshArgs = @('-NoProfile', '-File', $file)
            if ((Split-Path -Leaf $exe) -like 'dotnet*') { $pwshArgs = @((Join-Path $PSHOME 'pwsh.dll')) + $pwshArgs }
            $out = $InputLines | & $exe @pwshArgs 2>&1
            ($out | ForEach-Object { "$_" }) -join "`n"
        } finally { Remove-Item $dir -Recurse -Force -ErrorAction SilentlyContinue }
    }
}

Describe 'A cmdlet run without a model id' {
    It '<_> has ModelId, not InputObject, as the mandatory parameter of its default set' -ForEach 'Get-ModelMetadata', 'Test-ModelConfig', 'Set-ModelValidation', 'Measure-Deployment', 'Find-Deployment' {
        $default = (Get-Command $_).ParameterSets | Where-Object IsDefault
        $default.Name | Should -Be 'ByModelId'
        ($default.Parameters | Where-Object IsMandatory).Name | Should -Contain 'ModelId'
        ($default.Parameters | Where-Object IsMandatory).Name | Should -Not -Contain 'InputObject'
    }

    It 'prompts for ModelId and takes the id typed there' {
        $script = @"
Import-Module '$ModulePath'
`$m = Get-ModelMetadata
"metadata=`$(`$m.ModelId)"
`$t = @(Test-ModelConfig)
"checks=`$(`$t.Count) of `$(`$t[0].ModelId)"
`$d = Measure-Deployment -Hardware nvidia_h100_sxm_80gb
"estimate=`$(`$d.ModelId) tp=`$(`$d.TensorParallel)"
`$f = Find-Deployment -Hardware nvidia_h100_sxm_80gb -Concurrency 4 -Top 1
"plan=`$(`$f.ModelId)"
"@
        # one id per prompt, then an empty line to end the ModelId[] list
        $out = Invoke-ChildPwsh $script @('llama_3.1_8b', '', 'qwen3_8b', '', 'llama_3.1_8b', '', 'qwen3_0.6b', '')
        $out | Should -Not -Match 'InputObject'
        $out | Should -Match 'ModelId\[0\]'
        $out | Should -Match 'metadata=llama_3.1_8b'
        $out | Should -Match 'checks=\d+ of qwen3_8b'
        $out | Should -Match 'estimate=llama_3.1_8b tp=1'
        $out | Should -Match 'plan=qwen3_0.6b'
        $out | Should -Not -Match 'Cannot (bind|convert)'
    }
}

Describe 'A piped model config' {
    BeforeAll {
        # a model only -Path knows: looking it up again by its id would not find it
        $script:Dir = New-TestFolder
        $json = Get-Content (Join-Path (Split-Path $ModulePath) 'data/model_configs/llama_3.1_8b.json') -Raw | ConvertFrom-Json -AsHashtable
        $json.model_id = 'pester_private_model'
        $json | ConvertTo-Json -Depth 50 | Set-Content (Join-Path $Dir 'pester_private_model.json')
        $script:Model = Get-ModelConfig pester_private_model -Path $Dir
    }
    AfterAll { Remove-Item $Dir -Recurse -Force -ErrorAction SilentlyContinue }

    It 'binds as it is to Measure-Deployment (it was looked up again by ModelId: ModelNotFound)' {
        $e = $Model | Measure-Deployment -Hardware nvidia_h100_sxm_80gb -TensorParallel 1 -ErrorVariable err -ErrorAction SilentlyContinue
        $err | Should -BeNullOrEmpty
        $e.ModelId | Should -Be 'pester_private_model'
    }

    It 'binds as it is to <_>' -ForEach 'Get-ModelMetadata', 'Test-ModelConfig' {
        $r = @($Model | & $_ -ErrorVariable err -ErrorAction SilentlyContinue)
        $err | Should -BeNullOrEmpty
        $r.Count | Should -BeGreaterThan 0
        $r[0].ModelId | Should -Be 'pester_private_model'
    }

    It 'binds as it is to Find-Deployment' {
        $p = $Model | Find-Deployment -Hardware nvidia_h100_sxm_80gb -Concurrency 4 -Top 1 -ErrorVariable err -ErrorAction SilentlyContinue
        $err | Should -BeNullOrEmpty
        $p.ModelId | Should -Be 'pester_private_model'
    }

    It 'edits the file it came from in Set-ModelValidation -WhatIf' {
        $Model | Set-ModelValidation -Validated:$false -Notes 'pester' -WhatIf -ErrorVariable err
        $err | Should -BeNullOrEmpty
    }

    It 'still lets a plan-file row bind its ModelId by property name' {
        $row = [pscustomobject]@{ ModelId = 'llama_3.1_8b'; Hardware = 'nvidia_h100_sxm_80gb'; TP = '1'; Concurrency = '' }
        $e = $row | Measure-Deployment
        $e.ModelId | Should -Be 'llama_3.1_8b'
        $e.TensorParallel | Should -Be 1
    }
}
