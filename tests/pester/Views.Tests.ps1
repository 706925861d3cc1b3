# Issue 13.19 and 13.20: the default tables fit an 80-column terminal, and every column header is a property name
# (or an alias from ModelConfig.Types.ps1xml), so Sort-Object / Where-Object on what the user sees works.
BeforeDiscovery {
    $formatFile = Join-Path $PSScriptRoot '../../module/ModelConfig.Format.ps1xml'
    $script:TableViews = foreach ($v in ([xml](Get-Content $formatFile -Raw)).Configuration.ViewDefinitions.View) {
        if ($v.TableControl) {
            @{ View = $v.Name; TypeName = [string]$v.ViewSelectedBy.TypeName; Labels = @($v.TableControl.TableHeaders.TableColumnHeader | ForEach-Object Label) }
        }
    }
}
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $script:Fixtures = Join-Path $RepoRoot 'tests/fixtures/benchmarks'
    $script:CalOut = New-TestFolder
    $measured = Get-ChildItem (Join-Path $Fixtures 'vllm') -Filter *.json |
        Import-ServingBenchmark -Hardware nvidia_h200_sxm_141gb -TensorParallel 4 -WeightPrecision mxfp4 -Framework vllm
    $profile = New-EstimatorCalibration -Measurement $measured -Name pester_views -OutputDirectory $CalOut
    # One sample per default table view, keyed by the type the view selects.
    $script:Samples = @{
        'ModelConfig.Core.Models.ModelConfiguration'        = @(Get-ModelConfig llama_3.1_8b, deepseek_v3)
        'ModelConfig.Core.Models.ModelMetadata'             = @(Get-ModelMetadata llama_3.1_8b, deepseek_v3)
        'ModelConfig.Core.Models.LayerSpec'                 = @((Get-ModelConfig deepseek_v3).Layers | Select-Object -First 5)
        'ModelConfig.Core.Hardware.HardwareConfig'          = @(Get-HardwareConfig)
        'ModelConfig.Core.Planning.PlannedDeployment'       = @(Find-Deployment llama_3.1_8b -Hardware nvidia_h100_sxm_80gb -InputLength 2048 -OutputLength 512 | Select-Object -First 3)
        'ModelConfig.Core.Estimation.DeploymentEstimate'    = @(Measure-Deployment llama_3.1_70b -Hardware nvidia_h100_sxm_80gb -TensorParallel 4 -Concurrency 32, 256 -InputLength 2048, 32768 -OutputLength 512 -WarningAction SilentlyContinue)
        'ModelConfig.Core.Validation.ValidationCheck'       = @(Test-ModelConfig llama_3.1_8b)
        'ModelConfig.Core.Estimation.LayerEstimate'         = @((Measure-Deployment llama_3.1_8b -Hardware nvidia_h100_sxm_80gb -BatchSize 4 -IncludeLayers).Layers | Select-Object -First 5)
        'ModelConfig.Core.Calibration.ServingMeasurement'   = $measured
        'ModelConfig.Core.Calibration.MeasurementComparison' = @($measured | Select-Object -First 2 | Compare-DeploymentEstimate)
        'ModelConfig.Core.Calibration.ComparisonSummary'    = @($measured | Compare-DeploymentEstimate -Summary)
        'ModelConfig.Core.Calibration.CalibrationProfile'   = @($profile)
        'ModelConfig.Core.Calibration.ParameterFit'         = @($profile.Fit)
        'ModelConfig.Core.Calibration.MetricError'          = @(($measured | Select-Object -First 1 | Compare-DeploymentEstimate).Errors)
    }
}
AfterAll { Remove-Item $CalOut -Recurse -Force -ErrorAction SilentlyContinue }

Describe 'Default table views at 80 columns (13.19)' {
    It '<View> shows every column within 80 columns' -ForEach $TableViews {
        if ($TypeName -eq 'ModelConfig.Commands.ModelConfigServer') { Set-ItResult -Skipped -Because 'needs a running server (its view is three short columns)'; return }
        $objects = $Samples[$TypeName]
        $objects | Should -Not -BeNullOrEmpty -Because "the test needs a sample of $TypeName"
        $text = $objects | Format-Table | Out-String -Width 80
        $lines = $text -split "`r?`n" | Where-Object { $_.Trim() }
        $header = $lines[0]
        foreach ($label in $Labels) { $header | Should -Match "(^|\s)$([regex]::Escape($label))(\s|$)" -Because "the '$label' column must be shown at 80 columns`n$text" }
        foreach ($line in $lines) { $line.TrimEnd().Length | Should -BeLessOrEqual 80 -Because "no line may wrap past 80 columns:`n$line" }
    }

    It 'Measure-Deployment shows model, hardware, layout, load with lengths, fits, TTFT, TPOT and tokens/s/GPU' {
        $text = Measure-Deployment llama_3.1_8b -Hardware nvidia_h100_sxm_80gb -Concurrency 32 -InputLength 2048 -OutputLength 512 | Format-Table | Out-String -Width 80
        $text | Should -Match 'ModelId\s+Hardware\s+Layout\s+Load\s+Fits\s+TtftMs\s+TpotMs\s+TpsPerGpu'
        $text | Should -Match 'llama_3.1_8b\s+h100_sxm_80gb\s+TP1\s+c32 2048/512\s+True\s'
    }

    It 'marks an estimate with Warnings as True!' {
        $e = Measure-Deployment llama_3.1_70b -Hardware nvidia_h100_sxm_80gb -TensorParallel 2 -Concurrency 100 -OutputLength 256 -WarningAction SilentlyContinue
        $e.Warnings | Should -Not -BeNullOrEmpty
        ($e | Format-Table | Out-String -Width 80) | Should -Match '\sTrue!\s'
    }
}

Describe 'Table headers are property names (13.20)' {
    It '<View>: every header is a property of <TypeName>' -ForEach $TableViews {
        $type = ($TypeName -as [type])
        $type | Should -Not -BeNullOrEmpty
        $names = [Collections.Generic.HashSet[string]]::new([StringComparer]::OrdinalIgnoreCase)
        foreach ($p in $type.GetProperties()) { $null = $names.Add($p.Name) }
        for ($t = $type; $t; $t = $t.BaseType) { foreach ($m in (Get-TypeData $t.FullName).Members.Keys) { $null = $names.Add($m) } }
        foreach ($label in $Labels) { $names.Contains($label) | Should -BeTrue -Because "'$label' must be a property or alias of $TypeName" }
    }

    It 'Sort-Object and Where-Object work on the headers Measure-Deployment shows' {
        $e = Measure-Deployment llama_3.1_8b -Hardware nvidia_h100_sxm_80gb, nvidia_a100_sxm_80gb -Concurrency 1, 64
        (@($e | Sort-Object TtftMs)[0].TtftMs) | Should -Be (($e.TtftMs | Measure-Object -Minimum).Minimum)
        @($e | Where-Object Hardware -Like '*a100*').Count | Should -Be 2
        @($e | Where-Object Load -Like 'c64 *').Count | Should -Be 2
        @($e | Where-Object Layout -EQ 'TP1').Count | Should -Be 4
        ($e | Sort-Object TpsPerGpu -Descending)[0].OutputTokensPerSecondPerGpu | Should -Be (($e.OutputTokensPerSecondPerGpu | Measure-Object -Maximum).Maximum)
    }
}
