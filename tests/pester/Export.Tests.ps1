# Issue 13.24: objects export cleanly to CSV and JSON: enums as names, no type names in CSV cells, no JSON-library nodes.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $WarningPreference = 'SilentlyContinue'
    $script:CalOut = New-TestFolder
    $measured = Get-ChildItem (Join-Path $RepoRoot 'tests/fixtures/benchmarks/vllm') -Filter *.json |
        Import-ServingBenchmark -Hardware nvidia_h200_sxm_141gb -TensorParallel 4 -WeightPrecision mxfp4 -Framework vllm
    # One object of every type a cmdlet writes, with its collections and nested objects filled in.
    $script:Samples = [ordered]@{
        ModelConfiguration     = Get-ModelConfig llama_3.3_70b
        MoeModel               = Get-ModelConfig deepseek_v3
        MultimodalModel        = Get-ModelConfig gemma_3_27b_it
        LayerSpec              = (Get-ModelConfig gemma_3_27b_it).Layers[1]
        ModelMetadata          = Get-ModelMetadata llama_3.3_70b
        ValidationCheck        = Test-ModelConfig llama_3.1_8b | Select-Object -First 1
        HardwareConfig         = Get-HardwareConfig nvidia_h100_sxm_80gb
        DeploymentEstimate     = Measure-Deployment llama_3.3_70b -Hardware nvidia_h100_sxm_80gb -TensorParallel 4 -Concurrency 100 -OutputLength 256 -IncludeLayers
        CostedEstimate         = Measure-Deployment llama_3.1_8b -Hardware nvidia_h100_sxm_80gb -Concurrency 8 -GpuHourPrice 2
        PlannedDeployment      = Find-Deployment llama_3.1_8b -Hardware nvidia_h100_sxm_80gb -MaxTtftMs 2000 -Top 1
        DisaggregatedPlan      = Find-Deployment llama_3.1_70b -Hardware nvidia_h100_sxm_80gb -IncludeDisaggregated -Top 20 | Where-Object Disaggregation | Select-Object -First 1
        ServingMeasurement     = $measured[0]
        MeasurementComparison  = $measured | Select-Object -First 1 | Compare-DeploymentEstimate
        ComparisonSummary      = $measured | Compare-DeploymentEstimate -Summary | Select-Object -First 1
        CalibrationProfile     = New-EstimatorCalibration -Measurement $measured -Name pester_export -OutputDirectory $CalOut
    }
}
AfterAll { Remove-Item $CalOut -Recurse -Force -ErrorAction SilentlyContinue }

Describe 'Exports (13.24)' {
    It 'every sample exists' {
        foreach ($k in $Samples.Keys) { $Samples[$k] | Should -Not -BeNullOrEmpty -Because "the test needs a $k" }
    }

    It 'ConvertTo-Csv of a <_> has no .NET type name in any cell' -ForEach @(
        'ModelConfiguration', 'MoeModel', 'MultimodalModel', 'LayerSpec', 'ModelMetadata', 'ValidationCheck', 'HardwareConfig',
        'DeploymentEstimate', 'CostedEstimate', 'PlannedDeployment', 'DisaggregatedPlan', 'ServingMeasurement',
        'MeasurementComparison', 'ComparisonSummary', 'CalibrationProfile') {
        $row = $Samples[$_] | ConvertTo-Csv | ConvertFrom-Csv
        $bad = @($row.PSObject.Properties | Where-Object { "$($_.Value)" -match '(System|ModelConfig)\.[A-Z]\w*\.' } | ForEach-Object { "$($_.Name) = $($_.Value)" })
        $bad | Should -BeNullOrEmpty
    }

    It 'ConvertTo-Csv of an estimate has readable assumptions, warnings and load' {
        $e = $Samples.DeploymentEstimate
        $row = $e | ConvertTo-Csv | ConvertFrom-Csv
        $row.AssumptionsText | Should -BeLike "*$($e.Assumptions[0].Text)*"
        $row.Assumptions | Should -BeLike "$($e.Assumptions[0])*"
        $row.WarningsText | Should -Be ($e.Warnings -join '; ')
        $row.Warnings | Should -Be ($e.Warnings -join '; ')
        $row.Load | Should -Be 'c100 1024/256'
        $row.Mode | Should -Be 'Concurrency'
    }

    It 'ConvertTo-Json writes the load mode, objective and layer kind as names' {
        $json = $Samples.DeploymentEstimate | ConvertTo-Json -Depth 3
        $json | Should -Match '"Mode": "Concurrency"'
        $json | Should -Match '"SpeculativeMethod": "None"'
        $Samples.PlannedDeployment | ConvertTo-Json -Depth 2 | Should -Match '"Objective": "ThroughputPerGpu"'
        $Samples.LayerSpec | ConvertTo-Json -Depth 2 | Should -Match '"Kind": "Decoder"'
    }

    It 'no enum or System.Text.Json node is reachable from a public property of any output type' {
        # ConvertTo-Json writes enums as numbers and walks a JsonNode's Parent/Root/Options graph: neither may appear.
        $roots = @(Get-Command -Module ModelConfig | ForEach-Object { $_.OutputType.Type } | Where-Object { $_ -and $_.Namespace -like 'ModelConfig*' })
        $roots.Count | Should -BeGreaterThan 8
        $seen = [Collections.Generic.HashSet[type]]::new()
        $found = [Collections.Generic.List[string]]::new()
        $walk = {
            param([type] $t, [string] $path)
            if ($u = [Nullable]::GetUnderlyingType($t)) { $t = $u }
            if ($t.IsArray) { & $walk $t.GetElementType() "$path[]"; return }
            if ($t.IsGenericType) { foreach ($a in $t.GetGenericArguments()) { & $walk $a "$path<>" } }
            if ($t.IsEnum) { $found.Add("$path : enum $($t.Name)"); return }
            if ($t.FullName -like 'System.Text.Json*') { $found.Add("$path : $($t.FullName)"); return }
            if ($t.Namespace -notlike 'ModelConfig*' -or -not $seen.Add($t)) { return }
            foreach ($p in $t.GetProperties([Reflection.BindingFlags]'Public,Instance')) {
                if ($p.GetIndexParameters().Count -eq 0) { & $walk $p.PropertyType "$($t.Name).$($p.Name)" }
            }
        }
        foreach ($r in $roots) { & $walk $r $r.Name }
        $found | Should -BeNullOrEmpty
    }

    It 'Get-ModelConfig | ConvertTo-Json -Depth 5 is the model, not JSON-library internals or a per-layer copy' {
        $json = Get-ModelConfig llama_3.3_70b | ConvertTo-Json -Depth 5
        $json | Should -Not -Match '"(Parent|Root|Options)"\s*:'
        # 150 KB before: 96% of it was Layers, the 83-entry expansion of Blocks. The library file is 4.3 KB.
        $json.Length | Should -BeLessThan 12KB
        $o = $json | ConvertFrom-Json
        $o.ArchitectureFacts.hidden_size | Should -Be 8192
        $o.ArchitectureFacts.architectures | Should -Be @('LlamaForCausalLM')
        $o.DecoderLayerBlocks.Count | Should -Be 80
        $o.PSObject.Properties.Name | Should -Not -Contain 'Layers'
    }

    It 'the per-layer list stays one property away and in the list view' {
        $m = Get-ModelConfig llama_3.3_70b
        $m.Layers.Count | Should -Be 83
        $m.Layers[1].Kind | Should -Be 'Decoder'
        ($m | Format-List | Out-String) | Should -Match 'Layers\s+: 83 entries'
    }

    It 'CSV summaries: runs of one block collapse, architecture facts are compact JSON' {
        $row = Get-ModelConfig llama_3.3_70b | ConvertTo-Csv | ConvertFrom-Csv
        $row.DecoderLayerBlocks | Should -Be 'decoder x80'
        ($row.ArchitectureFacts | ConvertFrom-Json).num_hidden_layers | Should -Be 80
        (Get-HardwareConfig nvidia_h100_sxm_80gb | ConvertTo-Csv | ConvertFrom-Csv).DenseTflops | Should -Match 'bf16: \d'
    }
}
