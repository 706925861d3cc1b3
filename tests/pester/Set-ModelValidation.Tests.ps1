BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    function New-LibraryCopy {
        # A private copy of two bundled configs: Set-ModelValidation never writes into the module.
        $dir = New-TestFolder
        foreach ($id in 'tinyllama_1.1b', 'llama_3.3_70b') {
            Copy-Item (Get-ModelConfig $id).SourcePath (Join-Path $dir "$id.json")
        }
        $dir
    }
}

Describe 'Set-ModelValidation' {
    BeforeEach {
        $script:lib = New-LibraryCopy
        $env:MODELCONFIG_PATH = $lib
        $script:file = Join-Path $lib 'tinyllama_1.1b.json'
    }
    AfterEach { Remove-Item $lib -Recurse -Force; $env:MODELCONFIG_PATH = $null }

    It 'records who, when and the notes, and preserves every other field' {
        $json = Get-Content $file -Raw | ConvertFrom-Json -AsHashtable
        $json.x_owner = @{ team = 'inference'; ticket = 7 }
        $json | ConvertTo-Json -Depth 50 | Set-Content $file
        $before = Get-Content $file -Raw | ConvertFrom-Json -AsHashtable

        $m = Set-ModelValidation tinyllama_1.1b -Validated:$false -Notes 'retracted for review' -PassThru
        $m.Validated | Should -BeFalse
        $m.ValidationNotes | Should -Be 'retracted for review'
        $m.Validation.ValidatedBy | Should -Be ([Environment]::UserName)
        ([datetime]::UtcNow - $m.Validation.ValidatedAtUtc).TotalMinutes | Should -BeLessThan 5

        $after = Get-Content $file -Raw | ConvertFrom-Json -AsHashtable
        $after.x_owner.ticket | Should -Be 7
        foreach ($key in $before.Keys | Where-Object { $_ -notin 'validated', 'validation_notes', 'validation' }) {
            ($after[$key] | ConvertTo-Json -Depth 50 -Compress) | Should -Be ($before[$key] | ConvertTo-Json -Depth 50 -Compress) -Because "field $key must be preserved"
        }
    }

    It 'marks validated from the pipeline when the checks pass' {
        Set-ModelValidation tinyllama_1.1b -Validated:$false
        Get-ModelConfig tiny* -Path $lib | Set-ModelValidation -Validated -Notes 're-checked' -ReferenceParams 1100048384 -ReferenceSource 'HF safetensors total'
        $m = Get-ModelConfig tinyllama_1.1b
        $m.Validated | Should -BeTrue
        $m.Validation.ReferenceParams | Should -Be 1100048384
        $m.Validation.ReferenceSource | Should -Be 'HF safetensors total'
    }

    It 'changes nothing with -WhatIf' {
        $before = Get-Content $file -Raw
        Set-ModelValidation tinyllama_1.1b -Validated:$false -Notes 'x' -WhatIf
        Get-Content $file -Raw | Should -Be $before
    }

    It 'refuses a reference count that disagrees without an explanation' {
        $before = Get-Content $file -Raw
        Set-ModelValidation tinyllama_1.1b -Validated -ReferenceParams 1034465280 -ReferenceSource 'original system' -Notes 'looks fine' -ErrorAction SilentlyContinue -ErrorVariable err
        $err[0].FullyQualifiedErrorId | Should -Be 'ValidationCheckFailed,ModelConfig.Commands.SetModelValidationCommand'
        $err[0].TargetObject | Should -Be 'tinyllama_1.1b'
        $err[0].Exception.Message | Should -BeLike '*ReferenceParamsAgree*'
        Get-Content $file -Raw | Should -Be $before
    }

    It 'accepts the same disagreement when the notes explain the difference' {
        Set-ModelValidation tinyllama_1.1b -Validated -ReferenceParams 1034465280 -ReferenceSource 'original system' `
            -Notes 'The original count omitted lm_head, the second norm and the final norm: 65,583,104 parameters.' -ErrorVariable err
        $err.Count | Should -Be 0
        (Get-ModelConfig tinyllama_1.1b).Validated | Should -BeTrue
    }

    It 'refuses when the architecture facts no longer reproduce the counts, unless -Force' {
        $json = Get-Content $file -Raw | ConvertFrom-Json -AsHashtable
        $json.architecture_facts.intermediate_size = 5000
        $json | ConvertTo-Json -Depth 50 | Set-Content $file
        Set-ModelValidation tinyllama_1.1b -Validated -ErrorAction SilentlyContinue -ErrorVariable err
        $err[0].FullyQualifiedErrorId | Should -Be 'ValidationCheckFailed,ModelConfig.Commands.SetModelValidationCommand'
        $err[0].Exception.Message | Should -BeLike '*FactsReproduceTotalParams*'

        Set-ModelValidation tinyllama_1.1b -Validated -Force -WarningAction SilentlyContinue
        $after = Get-Content $file -Raw | ConvertFrom-Json
        $after.validated | Should -BeTrue
        $after.validation.forced | Should -BeTrue
    }

    It 'requires -ReferenceSource with -ReferenceParams' {
        { Set-ModelValidation tinyllama_1.1b -Validated -ReferenceParams 5 } | Should -Throw -ErrorId 'ReferenceSourceRequired,ModelConfig.Commands.SetModelValidationCommand'
    }

    It 'never writes into the installed module' {
        $env:MODELCONFIG_PATH = $null
        Set-ModelValidation llama_3.3_70b -Validated:$false -ErrorAction SilentlyContinue -ErrorVariable err
        $err[0].FullyQualifiedErrorId | Should -Be 'ModuleFolderReadOnly,ModelConfig.Commands.SetModelValidationCommand'
    }

    It 'leaves no temporary files behind' {
        Set-ModelValidation tinyllama_1.1b -Validated:$false
        Get-ChildItem $lib -Force | Where-Object Name -like '*.tmp' | Should -BeNullOrEmpty
    }
}

Describe 'Test-ModelConfig' {
    It 'returns each check as an object, all passing for a bundled model' {
        $checks = Test-ModelConfig llama_3.3_70b
        $checks | Should -BeOfType ([ModelConfig.Core.Validation.ValidationCheck])
        $checks.Check | Should -Contain 'FactsReproduceTotalParams'
        $checks.Check | Should -Contain 'FactsReproduceLayers'
        $checks | Where-Object { -not $_.Passed } | Should -BeNullOrEmpty
    }

    It 'validates every bundled validated config' {
        Get-ModelConfig -Validated | Test-ModelConfig | Where-Object { -not $_.Passed } | Should -BeNullOrEmpty
    }

    It 'shows a failing reference check' {
        $c = Test-ModelConfig llama_3.3_70b -ReferenceParams 69502369792 -ReferenceSource 'original system' -Notes ''
        ($c | Where-Object Check -eq 'ReferenceParamsAgree').Passed | Should -BeFalse
    }
}
