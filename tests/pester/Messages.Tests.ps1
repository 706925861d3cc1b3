# Issue 13.21: error messages that say what to do. Close ids are suggested, a HuggingFace id in the wrong place is
# pointed to -HuggingFaceId, a folder without config.json says so, and no message echoes a 5,000-character input.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $script:SavedEnv = @{ MODELCONFIG_HARDWARE_PATH = $env:MODELCONFIG_HARDWARE_PATH; MODELCONFIG_PATH = $env:MODELCONFIG_PATH; MODELCONFIG_CALIBRATION_PATH = $env:MODELCONFIG_CALIBRATION_PATH }
    $env:MODELCONFIG_HARDWARE_PATH = $null; $env:MODELCONFIG_PATH = $null; $env:MODELCONFIG_CALIBRATION_PATH = $null
}
AfterAll {
    foreach ($k in $SavedEnv.Keys) { [Environment]::SetEnvironmentVariable($k, $SavedEnv[$k]) }
}

Describe 'Not-found errors suggest close ids (13.21)' {
    It 'ModelNotFound names the nearest model id' {
        Get-ModelConfig llama_3.3_70 -ErrorAction SilentlyContinue -ErrorVariable err | Should -BeNullOrEmpty
        $err.Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -Be 'ModelNotFound,ModelConfig.Commands.GetModelConfigCommand'
        $err[0].Exception.Message | Should -BeLike "*'llama_3.3_70' was found. Did you mean llama_3.3_70b? Searched:*"
        $err[0].TargetObject | Should -Be 'llama_3.3_70'
    }

    It 'every cmdlet that takes model ids suggests: <Command>' -ForEach @(
        @{ Command = 'Get-ModelMetadata'; Extra = @{} }
        @{ Command = 'Test-ModelConfig'; Extra = @{} }
        @{ Command = 'Measure-Deployment'; Extra = @{ Hardware = 'nvidia_h100_sxm_80gb' } }
    ) {
        & $Command -ModelId gtp2 @Extra -ErrorAction SilentlyContinue -ErrorVariable err | Out-Null
        $err[0].FullyQualifiedErrorId | Should -BeLike 'ModelNotFound,*'
        $err[0].Exception.Message | Should -BeLike '*Did you mean gpt2?*'
    }

    It 'says nothing about close ids when none is close' {
        Get-ModelConfig zzzzzzzz -ErrorAction SilentlyContinue -ErrorVariable err
        $err[0].Exception.Message | Should -Not -BeLike '*Did you mean*'
    }

    It 'HardwareNotFound names hardware holding what was typed, in one error' {
        Measure-Deployment gpt2 -Hardware h100 -ErrorAction SilentlyContinue -ErrorVariable err | Should -BeNullOrEmpty
        $err.Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -Be 'HardwareNotFound,ModelConfig.Commands.MeasureDeploymentCommand'
        $err[0].Exception.Message | Should -BeLike '*Did you mean *nvidia_h100*'
        Get-HardwareConfig nvidia_h100_sxm_80 -ErrorAction SilentlyContinue -ErrorVariable err2
        $err2[0].Exception.Message | Should -BeLike '*Did you mean nvidia_h100_sxm_80gb?*'
    }

    It 'a HuggingFace id that is not in the library suggests the close ones' {
        Get-ModelConfig -HuggingFaceId meta-llama/Llama-3.1-8 -ErrorAction SilentlyContinue -ErrorVariable err
        $err[0].FullyQualifiedErrorId | Should -Be 'ModelNotFound,ModelConfig.Commands.GetModelConfigCommand'
        $err[0].Exception.Message | Should -BeLike '*Did you mean meta-llama/Llama-3.1-8B?*'
    }

    It 'a calibration typo is one error, the specific one, also where it stops Measure-Deployment' {
        Get-EstimatorCalibration nope -ErrorAction SilentlyContinue -ErrorVariable err
        $err.Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -Be 'CalibrationNotFound,ModelConfig.Commands.GetEstimatorCalibrationCommand'
        $Error.Clear()
        # Not -ErrorAction Stop: that would turn the first of two errors into the only one.
        $threw = $false
        try { Measure-Deployment gpt2 -Hardware nvidia_h100_sxm_80gb -Calibration nope -ErrorAction SilentlyContinue } catch { $threw = $true }
        $threw | Should -BeTrue -Because 'estimates without the named profile would look calibrated'
        @($Error | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] }).Count | Should -Be 1
        $Error[0].FullyQualifiedErrorId | Should -Be 'CalibrationNotFound,ModelConfig.Commands.MeasureDeploymentCommand'
    }

    It 'a malformed calibration pattern says so, not that a name is the wrong type' {
        Get-EstimatorCalibration '[' -ErrorAction SilentlyContinue -ErrorVariable err
        $err[0].FullyQualifiedErrorId | Should -Be 'InvalidCalibrationName,ModelConfig.Commands.GetEstimatorCalibrationCommand'
        $err[0].Exception.Message | Should -Match "^'\[' is not a valid wildcard pattern"
    }
}

Describe 'A HuggingFace id given as a model id or path points to -HuggingFaceId (13.21)' {
    It 'Get-ModelConfig names the library id that records it' {
        Get-ModelConfig meta-llama/Llama-3.1-8B -ErrorAction SilentlyContinue -ErrorVariable err | Should -BeNullOrEmpty
        $err.Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -Be 'InvalidModelId,ModelConfig.Commands.GetModelConfigCommand'
        $err[0].Exception.Message | Should -BeLike "*HuggingFace id*'llama_3.1_8b'*Get-ModelConfig -HuggingFaceId 'meta-llama/Llama-3.1-8B'*"
        $err[0].TargetObject | Should -Be 'meta-llama/Llama-3.1-8B'
    }

    It 'Measure-Deployment points to New-ModelConfig -HuggingFaceId for an id the library lacks' {
        Measure-Deployment someorg/Some-Model-7B -Hardware nvidia_h100_sxm_80gb -ErrorAction SilentlyContinue -ErrorVariable err | Should -BeNullOrEmpty
        $err.Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -Be 'InvalidModelId,ModelConfig.Commands.MeasureDeploymentCommand'
        $err[0].Exception.Message | Should -BeLike "*looks like a HuggingFace id*New-ModelConfig -HuggingFaceId 'someorg/Some-Model-7B'*"
    }

    It 'New-ModelConfig with the id as its path points to -HuggingFaceId' {
        $dir = New-TestFolder
        Push-Location $dir
        try {
            New-ModelConfig meta-llama/Llama-3.1-8B -ErrorAction SilentlyContinue -ErrorVariable err
            $err.Count | Should -Be 1
            $err[0].FullyQualifiedErrorId | Should -Be 'PathNotFound,ModelConfig.Commands.NewModelConfigCommand'
            $err[0].Exception.Message | Should -BeLike "*does not exist. It looks like a HuggingFace id: New-ModelConfig -HuggingFaceId 'meta-llama/Llama-3.1-8B'*"
        }
        finally { Pop-Location; Remove-Item $dir -Recurse -Force }
    }
}

Describe 'New-ModelConfig -Path on a folder without config.json (13.21)' {
    It 'says the folder exists and what it lacks' {
        $dir = New-TestFolder
        try {
            New-ModelConfig -Path $dir -ErrorAction SilentlyContinue -ErrorVariable err
            $err.Count | Should -Be 1
            $err[0].FullyQualifiedErrorId | Should -Be 'PathNotFound,ModelConfig.Commands.NewModelConfigCommand'
            $err[0].Exception.Message | Should -BeLike "*'$dir' exists but holds no config.json*"
            $err[0].Exception.Message | Should -Not -BeLike '*does not exist*'
            $err[0].TargetObject | Should -Be $dir
        }
        finally { Remove-Item $dir -Recurse -Force }
    }
}

Describe 'No message echoes a 5,000-character input in full (13.21)' {
    BeforeAll {
        $script:Long = 'q' * 5000
        $script:LongPath = Join-Path ([IO.Path]::GetTempPath()) $Long
        $script:Tiny = New-TestFolder
        '{"model_type":"gpt2","n_embd":64,"n_head":4,"n_layer":2,"vocab_size":100,"n_positions":128}' | Set-Content (Join-Path $Tiny 'config.json')
    }
    AfterAll { Remove-Item $Tiny -Recurse -Force }

    It '<Case>' -ForEach @(
        @{ Case = 'Get-ModelConfig -HuggingFaceId'; Run = { Get-ModelConfig -HuggingFaceId $Long } }
        @{ Case = 'Get-ModelConfig -HuggingFaceId org/long'; Run = { Get-ModelConfig -HuggingFaceId "a/$Long" } }
        @{ Case = 'Get-ModelConfig bad pattern'; Run = { Get-ModelConfig "[$Long" } }
        @{ Case = 'Get-ModelConfig -Path'; Run = { Get-ModelConfig nope -Path $LongPath } }
        @{ Case = 'Get-HardwareConfig id'; Run = { Get-HardwareConfig $Long } }
        @{ Case = 'Get-HardwareConfig bad pattern'; Run = { Get-HardwareConfig "[$Long" } }
        @{ Case = 'Get-HardwareConfig -Vendor'; Run = { Get-HardwareConfig -Vendor "[$Long" } }
        @{ Case = 'New-ModelConfig -Path'; Run = { New-ModelConfig -Path $LongPath } }
        @{ Case = 'New-ModelConfig -HuggingFaceId'; Run = { New-ModelConfig -HuggingFaceId "a/$Long" } }
        @{ Case = 'New-ModelConfig -Revision'; Run = { New-ModelConfig -HuggingFaceId a/b -Revision $Long } }
        @{ Case = 'New-ModelConfig -OutputDirectory'; Run = { New-ModelConfig -Path $Tiny -OutputDirectory $LongPath } }
        @{ Case = 'Measure-Deployment -Hardware'; Run = { Measure-Deployment gpt2 -Hardware $Long } }
        @{ Case = 'Measure-Deployment -WeightPrecision'; Run = { Measure-Deployment gpt2 -Hardware nvidia_h100_sxm_80gb -WeightPrecision $Long } }
        @{ Case = 'Measure-Deployment -Framework (warning)'; Run = { Measure-Deployment gpt2 -Hardware nvidia_h100_sxm_80gb -Framework $Long } }
        @{ Case = 'Measure-Deployment -DraftModelId'; Run = { Measure-Deployment gpt2 -Hardware nvidia_h100_sxm_80gb -SpeculativeMethod DraftModel -DraftModelId $Long } }
        @{ Case = 'Measure-Deployment plan cell'; Run = { [pscustomobject]@{ ModelId = 'gpt2'; Hardware = 'nvidia_h100_sxm_80gb'; TP = $Long } | Measure-Deployment } }
        @{ Case = 'Measure-Deployment -GpuHourPrice key'; Run = { Measure-Deployment gpt2 -Hardware nvidia_h100_sxm_80gb -GpuHourPrice @{ $Long = 'x' } } }
        @{ Case = 'Find-Deployment -Hardware'; Run = { Find-Deployment gpt2 -Hardware $Long, nvidia_h100_sxm_80gb -MaxTtftMs 1e9 } }
        @{ Case = 'Get-EstimatorCalibration'; Run = { Get-EstimatorCalibration $Long } }
        @{ Case = 'Import-ServingBenchmark -Path'; Run = { Import-ServingBenchmark -Path $LongPath } }
        @{ Case = 'Start-ModelConfigServer -Address'; Run = { Start-ModelConfigServer -Address $Long } }
    ) {
        $Error.Clear()
        # Errors and warnings as records in the output; a terminating error still lands in $Error.
        $records = try { & $Run 2>&1 3>&1 } catch { }
        $messages = @($Error | ForEach-Object { if ($_ -is [System.Management.Automation.ErrorRecord]) { $_.Exception.Message } else { "$_" } }) +
            @($records | Where-Object { $_ -is [System.Management.Automation.WarningRecord] } | ForEach-Object { $_.Message })
        $messages.Count | Should -BeGreaterThan 0 -Because 'the input is wrong and must be reported'
        foreach ($m in $messages) { $m | Should -Not -Match 'q{300}' }
    }
}
