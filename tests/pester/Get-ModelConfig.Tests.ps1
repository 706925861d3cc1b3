BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
}

Describe 'Get-ModelConfig' {
    BeforeEach { $env:MODELCONFIG_PATH = $null }
    AfterAll { $env:MODELCONFIG_PATH = $null }

    It 'lists the bundled library sorted by id, with exact counts' {
        $all = Get-ModelConfig
        $all.Count | Should -BeGreaterOrEqual 2
        $sorted = [string[]]$all.ModelId
        [Array]::Sort($sorted, [StringComparer]::OrdinalIgnoreCase)
        ($all.ModelId -join ',') | Should -Be ($sorted -join ',')
        (Get-ModelConfig tinyllama_1.1b).TotalParams | Should -Be 1100048384
        (Get-ModelConfig llama_3.3_70b).TotalParams | Should -Be 70553706496
    }

    It 'returns typed objects with the documented properties' {
        $m = Get-ModelConfig llama_3.3_70b
        $m | Should -BeOfType ([ModelConfig.Core.Models.ModelConfiguration])
        $m.TotalParams | Should -BeOfType ([long])
        $m.HfModelId | Should -Be 'meta-llama/Llama-3.3-70B-Instruct'
        $m.NumLayers | Should -Be 80
        $m.NumKeyValueHeads | Should -Be 8
        $m.HeadDim | Should -Be 128
        $m.TotalParamsFormatted | Should -Be '70.55B'
        $m.SourcePath | Should -BeLike '*llama_3.3_70b.json'
    }

    It 'lists a layer for every tensor group' {
        $layers = (Get-ModelConfig tinyllama_1.1b).Layers
        $layers[0].Kind | Should -Be 'Embedding'
        @($layers | Where-Object Kind -eq 'Decoder').Count | Should -Be 22
        $layers[-2].Kind | Should -Be 'FinalNorm'
        $layers[-1].Kind | Should -Be 'LmHead'
        ($layers | Measure-Object Params -Sum).Sum | Should -Be 1100048384
        $layers[1].Norms.Name | Should -Be @('input_layernorm', 'post_attention_layernorm')
    }

    It 'accepts wildcards and pipeline input' {
        (Get-ModelConfig llama*).ModelId | Should -Contain 'llama_3.3_70b'
        ('tinyllama_1.1b' | Get-ModelConfig).ModelId | Should -Be 'tinyllama_1.1b'
        ([pscustomobject]@{ ModelId = 'tinyllama_1.1b' } | Get-ModelConfig).ModelId | Should -Be 'tinyllama_1.1b'
    }

    It 'finds a model by HuggingFace id' {
        (Get-ModelConfig -HuggingFaceId 'meta-llama/llama-3.3-70b-instruct').ModelId | Should -Be 'llama_3.3_70b'
    }

    It 'writes ModelNotFound naming the id and the folders searched, and goes on' {
        $found = Get-ModelConfig nope, tinyllama_1.1b -ErrorAction SilentlyContinue -ErrorVariable err
        $found.ModelId | Should -Be 'tinyllama_1.1b'
        $err.Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -Be 'ModelNotFound,ModelConfig.Commands.GetModelConfigCommand'
        $err[0].TargetObject | Should -Be 'nope'
        $err[0].Exception.Message | Should -BeLike "*'nope'*model_configs*"
        $err[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }

    It 'matches a wildcard with a / against HuggingFace ids, as model ids have none' {
        $m = Get-ModelConfig 'meta-llama/Llama-3.1-*', 'llama_3.1_8b' -ErrorVariable err
        $err.Count | Should -Be 0
        $m.ModelId | Should -Contain 'llama_3.1_70b'
        $m.ModelId | Should -Contain 'llama_3.1_8b'
        @($m | Where-Object ModelId -eq 'llama_3.1_8b').Count | Should -Be 1
        $m.HfModelId | ForEach-Object { $_ | Should -BeLike 'meta-llama/Llama-3.1-*' }
        Get-ModelConfig 'no-such-org/*' -ErrorVariable err2 | Should -BeNullOrEmpty
        $err2.Count | Should -Be 0
    }

    It 'returns nothing and no error for a wildcard that matches nothing' {
        Get-ModelConfig 'zzz*' -ErrorVariable err | Should -BeNullOrEmpty
        $err.Count | Should -Be 0
    }

    It 'rejects ids that would escape the library: <Id>' -ForEach @(
        @{ Id = '../secrets' }, @{ Id = '/etc/passwd' }, @{ Id = 'a/b' }, @{ Id = '..' }
    ) {
        Get-ModelConfig $Id -ErrorAction SilentlyContinue -ErrorVariable err | Should -BeNullOrEmpty
        $err[0].FullyQualifiedErrorId | Should -Be 'InvalidModelId,ModelConfig.Commands.GetModelConfigCommand'
    }

    It 'writes one non-terminating InvalidModelId for a malformed pattern and goes on with the other values' {
        $found = Get-ModelConfig '[', llama_3.1_8b -ErrorAction SilentlyContinue -ErrorVariable err
        $found.ModelId | Should -Be 'llama_3.1_8b'
        $err.Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -Be 'InvalidModelId,ModelConfig.Commands.GetModelConfigCommand'
        $err[0].TargetObject | Should -Be '['
        ('[', 'llama_3.1_8b' | Get-ModelConfig -ErrorAction SilentlyContinue -ErrorVariable err2).ModelId | Should -Be 'llama_3.1_8b'
        $err2.Count | Should -Be 1
    }

    It 'gives the same one error for a malformed pattern in every cmdlet that takes model ids: <Command>' -ForEach @(
        @{ Command = 'Get-ModelMetadata'; Id = 'GetModelMetadataCommand'; Extra = @{} }
        @{ Command = 'Test-ModelConfig'; Id = 'TestModelConfigCommand'; Extra = @{} }
        @{ Command = 'Set-ModelValidation'; Id = 'SetModelValidationCommand'; Extra = @{ Validated = $true; WhatIf = $true } }
        @{ Command = 'Measure-Deployment'; Id = 'MeasureDeploymentCommand'; Extra = @{ Hardware = 'nvidia_h100_sxm_80gb'; TensorParallel = 1 } }
    ) {
        $out = & $Command -ModelId '[', tinyllama_1.1b @Extra -ErrorAction SilentlyContinue -ErrorVariable err 3>$null
        # tinyllama still ran: it gave output, or (Set-ModelValidation on the read-only bundled file) its own error.
        (@($out).Count + @($err | Where-Object FullyQualifiedErrorId -notlike 'InvalidModelId,*').Count) | Should -BeGreaterThan 0
        @($err | Where-Object FullyQualifiedErrorId -like 'InvalidModelId,*').Count | Should -Be 1
        ($err | Where-Object FullyQualifiedErrorId -like 'InvalidModelId,*').FullyQualifiedErrorId | Should -Be "InvalidModelId,ModelConfig.Commands.$Id"
        ($err | Where-Object FullyQualifiedErrorId -like 'InvalidModelId,*').TargetObject | Should -Be '['
    }

    It 'writes one non-terminating error for a malformed -HuggingFaceId pattern and still finds the others' {
        $found = Get-ModelConfig -HuggingFaceId '[', 'meta-llama/llama-3.3-70b-instruct' -ErrorAction SilentlyContinue -ErrorVariable err
        $found.ModelId | Should -Be 'llama_3.3_70b'
        $err.Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -Be 'InvalidHuggingFaceId,ModelConfig.Commands.GetModelConfigCommand'
        $err[0].TargetObject | Should -Be '['
    }

    It 'hands out copies: changing a returned config does not change the next result' {
        $m = Get-ModelConfig llama_3.1_8b
        $total = $m.TotalParams
        $blocks = $m.Blocks.Count
        $m.TotalParams = 1
        $m.Blocks.Clear()
        $again = Get-ModelConfig llama_3.1_8b
        $again.TotalParams | Should -Be $total
        $again.Blocks.Count | Should -Be $blocks
        Import-Module $ModulePath -Force
        (Get-ModelConfig llama_3.1_8b).TotalParams | Should -Be $total
    }

    It 'filters with -Validated' {
        $all = Get-ModelConfig
        $validated = Get-ModelConfig -Validated
        $validated.Count | Should -Be @($all | Where-Object Validated).Count
    }

    Context 'user folders in MODELCONFIG_PATH and -Path' {
        BeforeAll {
            $script:userDir = New-TestFolder
            $script:otherDir = New-TestFolder
            $bundled = Get-ModelConfig tinyllama_1.1b
            $json = Get-Content -LiteralPath $bundled.SourcePath -Raw | ConvertFrom-Json -AsHashtable
            $json.model_id = 'my_tiny'
            $json | ConvertTo-Json -Depth 50 | Set-Content (Join-Path $userDir 'my_tiny.json')
            $json.model_id = 'tinyllama_1.1b'
            $json.name = 'Overridden TinyLlama'
            $json | ConvertTo-Json -Depth 50 | Set-Content (Join-Path $userDir 'tinyllama_1.1b.json')
            '{ "schema_version": 1, "model_id": ' | Set-Content (Join-Path $userDir 'corrupt.json')
            $json.model_id = 'from_path'
            $json | ConvertTo-Json -Depth 50 | Set-Content (Join-Path $otherDir 'from_path.json')
        }
        AfterAll { Remove-Item $userDir, $otherDir -Recurse -Force }

        It 'adds models, overrides bundled ids and reports one error for a corrupt file' {
            $env:MODELCONFIG_PATH = $userDir
            $all = Get-ModelConfig -ErrorAction SilentlyContinue -ErrorVariable err
            $all.ModelId | Should -Contain 'my_tiny'
            $all.ModelId | Should -Contain 'llama_3.3_70b'
            ($all | Where-Object ModelId -eq 'tinyllama_1.1b').Name | Should -Be 'Overridden TinyLlama'
            ($all | Where-Object ModelId -eq 'tinyllama_1.1b').SourcePath | Should -BeLike "$userDir*"
            $err.Count | Should -Be 1
            $err[0].FullyQualifiedErrorId | Should -Be 'ModelConfigInvalid,ModelConfig.Commands.GetModelConfigCommand'
            $err[0].TargetObject | Should -BeLike '*corrupt.json'
            $err[0].Exception.Message | Should -BeLike '*corrupt.json*not valid JSON*'
        }

        It 'searches -Path folders first' {
            $env:MODELCONFIG_PATH = $userDir
            (Get-ModelConfig from_path -Path $otherDir).ModelId | Should -Be 'from_path'
            Get-ModelConfig from_path -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        }

        It 'takes an id from a -Path folder over MODELCONFIG_PATH over the bundled library, and lists them in that order' {
            $pathDir = New-TestFolder
            try {
                $json = Get-Content -LiteralPath (Get-ModelConfig tinyllama_1.1b).SourcePath -Raw | ConvertFrom-Json -AsHashtable
                $json.name = 'From -Path'
                $json | ConvertTo-Json -Depth 50 | Set-Content (Join-Path $pathDir 'tinyllama_1.1b.json')
                $env:MODELCONFIG_PATH = $userDir
                (Get-ModelConfig tinyllama_1.1b -Path $pathDir).Name | Should -Be 'From -Path'
                (Get-ModelConfig tinyllama_1.1b).Name | Should -Be 'Overridden TinyLlama'
                $env:MODELCONFIG_PATH = $null
                (Get-ModelConfig tinyllama_1.1b).Name | Should -Not -BeIn @('From -Path', 'Overridden TinyLlama')
                $env:MODELCONFIG_PATH = $userDir
                Get-ModelConfig nope -Path $pathDir -ErrorAction SilentlyContinue -ErrorVariable err
                $searched = ($err[0].Exception.Message -split 'Searched: ')[1]
                $searched.IndexOf($pathDir) | Should -BeLessThan $searched.IndexOf($userDir)
                $searched.IndexOf($userDir) | Should -BeLessThan $searched.IndexOf('model_configs')
            }
            finally { Remove-Item $pathDir -Recurse -Force }
        }

        It 'splits MODELCONFIG_PATH on the platform path separator' {
            $env:MODELCONFIG_PATH = $otherDir + [IO.Path]::PathSeparator + $userDir
            (Get-ModelConfig from_path, my_tiny).ModelId | Should -Be @('from_path', 'my_tiny')
        }
    }
}

Describe 'Get-ModelMetadata' {
    It 'returns the summary record from the pipeline' {
        $meta = Get-ModelConfig llama* | Get-ModelMetadata
        $row = $meta | Where-Object ModelId -eq 'llama_3.3_70b'
        $row | Should -BeOfType ([ModelConfig.Core.Models.ModelMetadata])
        $row.TotalParams | Should -Be 70553706496
        $row.TotalParamsFormatted | Should -Be '70.55B'
        $row.HfModelId | Should -Be 'meta-llama/Llama-3.3-70B-Instruct'
        $row.Architecture | Should -Be 'LlamaForCausalLM'
        $row.NumLayers | Should -Be 80
        $row.VocabSize | Should -Be 128256
        $row.HiddenSize | Should -Be 8192
    }

    It 'takes ids by property name and reports unknown ones' {
        $r = [pscustomobject]@{ ModelId = 'tinyllama_1.1b' }, [pscustomobject]@{ ModelId = 'nope' } |
            Get-ModelMetadata -ErrorAction SilentlyContinue -ErrorVariable err
        $r.ModelId | Should -Be 'tinyllama_1.1b'
        $err[0].FullyQualifiedErrorId | Should -Be 'ModelNotFound,ModelConfig.Commands.GetModelMetadataCommand'
    }
}
