# -Verbose says what a command chose for the user (issue 13.23): the layout, every default, the calibration.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $script:SavedEnv = @{ MODELCONFIG_HARDWARE_PATH = $env:MODELCONFIG_HARDWARE_PATH; MODELCONFIG_PATH = $env:MODELCONFIG_PATH }
    $env:MODELCONFIG_HARDWARE_PATH = $null; $env:MODELCONFIG_PATH = $null
    function script:Get-VerboseText([scriptblock] $Command) {
        @(& $Command 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object Message)
    }
}
AfterAll {
    $env:MODELCONFIG_HARDWARE_PATH = $SavedEnv.MODELCONFIG_HARDWARE_PATH
    $env:MODELCONFIG_PATH = $SavedEnv.MODELCONFIG_PATH
}

Describe 'Measure-Deployment -Verbose' {
    It 'names the TP it chose, the defaults it applied and the calibration it used, each once' {
        $v = Get-VerboseText { Measure-Deployment llama_3.3_70b -Hardware nvidia_h100_sxm_80gb -Concurrency 8, 16 -Framework vllm -Verbose }
        $v | Where-Object { $_ -like 'Layout: llama_3.3_70b on nvidia_h100_sxm_80gb: TP 2 x PP 1*' } | Should -HaveCount 1
        $v | Where-Object { $_ -like 'Default: TP 2 chosen*' } | Should -HaveCount 1
        $v | Where-Object { $_ -like 'Default: Input length 1024*' } | Should -HaveCount 1
        $cal = @($v | Where-Object { $_ -like 'Calibration: *' })
        $cal | Should -HaveCount 1
        $cal[0] | Should -BeLike 'Calibration: the bundled calibration; entries *vllm/concurrency*; Error band from *'
    }

    It 'names the calibration profile given with -Calibration' {
        $m = Get-ChildItem (Join-Path $RepoRoot 'tests/fixtures/benchmarks/vllm') -Filter *.json |
            Import-ServingBenchmark -Hardware nvidia_h200_sxm_141gb -TensorParallel 4 -WeightPrecision mxfp4
        $cal = New-EstimatorCalibration -Measurement $m -Name pester_verbose -WhatIf
        $v = Get-VerboseText { Measure-Deployment gpt_oss_120b -Hardware nvidia_h200_sxm_141gb -TensorParallel 4 -WeightPrecision mxfp4 -Framework vllm -Concurrency 16 -Calibration $cal -Verbose }
        $v | Where-Object { $_ -like "Calibration: profile 'pester_verbose' over the bundled calibration*" } | Should -HaveCount 1
    }
}

Describe 'Find-Deployment -Verbose' {
    It 'states what it searched and which of it are defaults' {
        $v = Get-VerboseText { Find-Deployment llama_3.1_8b -MaxGpus 2 -Concurrency 4 -Top 1 -Verbose }
        $v | Where-Object { $_ -match '^Hardware \(default\): the \d+ chip-kind entries of the hardware library: .*nvidia_h100_sxm_80gb' } | Should -HaveCount 1
        $v | Where-Object { $_ -eq 'Layouts: up to 2 GPUs per replica; lengths 1024 input (default) / 256 output (default) tokens.' } | Should -HaveCount 1
        $v | Where-Object { $_ -eq 'Load: closed-loop concurrency 4; targets on the means.' } | Should -HaveCount 1
        $v | Where-Object { $_ -like 'Precisions: weights per chip (default)*KV cache (default)*' } | Should -HaveCount 1
        $v | Where-Object { $_ -like 'Engine: not given, generic calibrated overheads (default); calibration: the bundled calibration; objective ThroughputPerGpu (default)*' } | Should -HaveCount 1
        $v | Where-Object { $_ -like 'Targets: none*' } | Should -HaveCount 1
        $v | Where-Object { $_ -like 'llama_3.1_8b: * candidates*' } | Should -HaveCount 1
    }

    It 'shows the default request rates and the percentile of an open-loop search' {
        $v = Get-VerboseText { Find-Deployment llama_3.1_8b -Hardware nvidia_h100_sxm_80gb -Percentile 99 -MaxTtftMs 1000 -WeightPrecision fp8 -Top 1 -Verbose }
        $v | Where-Object { $_ -eq 'Hardware: nvidia_h100_sxm_80gb.' } | Should -HaveCount 1
        $v | Where-Object { $_ -like 'Load: open-loop request rates per replica 0.25, 0.5, 1, *, 512 req/s (default), targets at p99.' } | Should -HaveCount 1
        $v | Where-Object { $_ -like 'Precisions: weights fp8; *' } | Should -HaveCount 1
        $v | Where-Object { $_ -eq 'Targets: TTFT <= 1000 ms.' } | Should -HaveCount 1
    }
}
