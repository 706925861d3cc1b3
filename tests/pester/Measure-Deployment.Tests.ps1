BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $script:SavedEnv = @{ MODELCONFIG_HARDWARE_PATH = $env:MODELCONFIG_HARDWARE_PATH; MODELCONFIG_PATH = $env:MODELCONFIG_PATH }
    $script:Cmd = 'ModelConfig.Commands.MeasureDeploymentCommand'
}
AfterAll {
    $env:MODELCONFIG_HARDWARE_PATH = $SavedEnv.MODELCONFIG_HARDWARE_PATH
    $env:MODELCONFIG_PATH = $SavedEnv.MODELCONFIG_PATH
}

Describe 'Measure-Deployment' {
    BeforeEach { $env:MODELCONFIG_HARDWARE_PATH = $null; $env:MODELCONFIG_PATH = $null }
    AfterEach { $env:MODELCONFIG_HARDWARE_PATH = $null; $env:MODELCONFIG_PATH = $null }

    Context 'one estimate' {
        BeforeAll {
            $script:e = Measure-Deployment llama_3.1_8b -Hardware nvidia_h100_sxm_80gb -TensorParallel 1 -BatchSize 4 -InputLength 2048 -OutputLength 512
        }

        It 'is one typed object describing the request' {
            @($e).Count | Should -Be 1
            $e | Should -BeOfType ([ModelConfig.Core.Estimation.DeploymentEstimate])
            $e.ModelId | Should -Be 'llama_3.1_8b'
            $e.HardwareId | Should -Be 'nvidia_h100_sxm_80gb'
            $e.NumGpus | Should -Be 1
            $e.TensorParallel | Should -Be 1
            $e.PipelineParallel | Should -Be 1
            $e.Mode | Should -Be 'StaticBatch'
            $e.BatchSize | Should -Be 4
            $e.Concurrency | Should -BeNullOrEmpty
            $e.InputLength | Should -Be 2048
            $e.OutputLength | Should -Be 512
            $e.WeightPrecision | Should -Be 'bf16'
        }

        It 'has memory figures that add up and fit' {
            $e.Fits | Should -BeTrue
            $e.FitReason | Should -BeNullOrEmpty
            # 8.03 B parameters in bf16: about 16 GB of weights on one GPU
            $e.WeightsGB | Should -BeGreaterThan 15
            $e.WeightsGB | Should -BeLessThan 17
            # KV: 32 layers x 8 KV heads x 128 x 2 (K and V) x 2 bytes = 131072 bytes per token, x 4 x 2560 tokens
            $e.KvCacheGB | Should -BeGreaterThan 1.3
            $e.KvCacheGB | Should -BeLessThan 1.4
            $e.MemoryPerGpuGB | Should -BeLessOrEqual $e.MemoryCapacityGB
            $e.MemoryCapacityGB | Should -Be (80 * [math]::Pow(2, 30) / 1e9) -Because "memory_gb counts GiB; estimate figures are decimal GB"
            $sum = $e.WeightsGB + $e.KvCacheGB + $e.ActivationsGB + $e.ReservedGB
            [math]::Abs($e.MemoryPerGpuGB - $sum) | Should -BeLessThan 1e-9
            $e.MaxBatchSize | Should -BeGreaterOrEqual 4
            $e.MaxContextLength | Should -BeGreaterOrEqual 2560
        }

        It 'has positive latencies that add up' {
            $e.TtftMs | Should -BeGreaterThan 0
            $e.TpotMs | Should -BeGreaterThan 0
            $e.TpotFirstMs | Should -BeGreaterThan 0
            $e.TpotLastMs | Should -BeGreaterOrEqual $e.TpotFirstMs
            # TpotMs is the mean time of output tokens 2..OSL, and the end-to-end latency is defined as the first token
            # plus those OSL-1 tokens, so the identity is exact: only floating-point rounding (~1e-16 relative) may differ.
            $expected = $e.TtftMs + ($e.OutputLength - 1) * $e.TpotMs
            [math]::Abs($e.EndToEndLatencyMs - $expected) / $expected | Should -BeLessThan 1e-9
            $e.PrefillBottleneck | Should -BeIn 'compute', 'memory', 'communication', 'overhead'
            $e.DecodeBottleneck | Should -Be 'memory' -Because 'a batch of 4 decoding an 8B model streams weights'
        }

        It 'has consistent throughputs' {
            $e.OutputTokensPerSecond | Should -BeGreaterThan 0
            $e.OutputTokensPerSecondPerGpu | Should -Be ($e.OutputTokensPerSecond / $e.NumGpus)
            $e.TotalTokensPerSecondPerGpu | Should -Be ($e.TotalTokensPerSecond / $e.NumGpus)
            # static batch: batch x OSL tokens in one end-to-end latency
            $expected = 4 * 512 / ($e.EndToEndLatencyMs / 1000)
            [math]::Abs($e.OutputTokensPerSecond - $expected) / $expected | Should -BeLessThan 1e-9
            $e.RequestsPerSecond | Should -BeGreaterThan 0
            $e.TokensPerSecondPerUser | Should -BeGreaterThan 0
        }

        It 'has an error band and states its assumptions' {
            $e.ErrorBand | Should -Not -BeNullOrEmpty
            $e.ErrorBand.Regime | Should -Be 'static_batch'
            $e.ErrorBand.Ttft | Should -BeGreaterThan 0
            $e.ErrorBand.Tpot | Should -BeGreaterThan 0
            $e.ErrorBand.Throughput | Should -BeGreaterThan 0
            $e.ErrorBand.Source | Should -Not -BeNullOrEmpty
            $e.Assumptions.Count | Should -BeGreaterThan 3
            foreach ($a in $e.Assumptions) {
                $a.Name | Should -Not -BeNullOrEmpty
                $a.Source | Should -Not -BeNullOrEmpty
                $a.Text | Should -Not -BeNullOrEmpty
            }
            $e.Assumptions.Name | Should -Contain 'compute_efficiency'
            $e.Assumptions.Name | Should -Contain 'memory_efficiency'
            $e.Layers | Should -BeNullOrEmpty
        }
    }

    It 'states every default it applied in Assumptions, and none the caller gave' {
        $d = Measure-Deployment llama_3.1_8b -Hardware nvidia_h100_sxm_80gb
        $d.BatchSize | Should -Be 1
        $d.InputLength | Should -Be 1024
        $d.OutputLength | Should -Be 256
        $defaults = $d.Assumptions | Where-Object Source -eq 'default'
        foreach ($name in 'batch_size', 'input_length', 'output_length', 'weight_precision', 'kv_cache_precision', 'tensor_parallel') {
            $defaults.Name | Should -Contain $name -Because "the default $name must be stated"
        }
        ($defaults | Where-Object Name -eq 'input_length').Value | Should -Be 1024
        ($defaults | Where-Object Name -eq 'output_length').Value | Should -Be 256

        $given = Measure-Deployment llama_3.1_8b -Hardware nvidia_h100_sxm_80gb -TensorParallel 1 -BatchSize 1 -InputLength 1024 -OutputLength 256 -WeightPrecision bf16 -KvCachePrecision bf16
        $givenDefaults = @(($given.Assumptions | Where-Object Source -eq 'default').Name)
        $givenDefaults | Where-Object { $_ -in 'batch_size', 'input_length', 'output_length', 'weight_precision', 'kv_cache_precision', 'tensor_parallel' } |
            Should -BeNullOrEmpty
        $given.TtftMs | Should -Be $d.TtftMs
    }

    It 'picks the fewest GPUs that fit when -TensorParallel is not given, and says so' {
        $one = Measure-Deployment llama_3.1_70b -Hardware nvidia_h100_sxm_80gb -TensorParallel 1
        $one.Fits | Should -BeFalse
        $auto = Measure-Deployment llama_3.1_70b -Hardware nvidia_h100_sxm_80gb
        $auto.TensorParallel | Should -Be 2
        $auto.NumGpus | Should -Be 2
        $auto.Fits | Should -BeTrue
        $tp = $auto.Assumptions | Where-Object Name -eq 'tensor_parallel'
        $tp.Source | Should -Be 'default'
        $tp.Value | Should -Be 2
        $tp.Text | Should -BeLike '*fewest GPUs*'
        (Measure-Deployment llama_3.1_8b -Hardware nvidia_h100_sxm_80gb).NumGpus | Should -Be 1
    }

    It 'expands a pipeline of models times TP degrees' {
        $models = @(Get-ModelConfig llama*)
        $models.Count | Should -BeGreaterOrEqual 3
        $r = Get-ModelConfig llama* | Measure-Deployment -Hardware nvidia_h200_sxm_141gb -TensorParallel 2, 4, 8 -ErrorVariable err
        $err.Count | Should -Be 0
        $r.Count | Should -Be ($models.Count * 3)
        foreach ($m in $models) {
            ($r | Where-Object ModelId -eq $m.ModelId).TensorParallel | Should -Be @(2, 4, 8)
        }
        $r.HardwareId | Sort-Object -Unique | Should -Be 'nvidia_h200_sxm_141gb'
    }

    It 'expands every array parameter into one estimate per combination' {
        $r = Measure-Deployment llama_3.1_8b -Hardware nvidia_h100_sxm_80gb, amd_mi300x -TensorParallel 1, 2 -WeightPrecision bf16, fp8 -BatchSize 1, 4 -InputLength 128, 512 -OutputLength 64
        $r.Count | Should -Be 32
        $keys = $r | ForEach-Object { "$($_.HardwareId)/$($_.TensorParallel)/$($_.WeightPrecision)/$($_.BatchSize)/$($_.InputLength)" }
        ($keys | Sort-Object -Unique).Count | Should -Be 32
        ($r | Where-Object WeightPrecision -eq 'fp8').Count | Should -Be 16
        ($r | Where-Object InputLength -eq 512).Count | Should -Be 16
        ($r | Where-Object BatchSize -eq 4).Count | Should -Be 16
        # fp8 weights are half the bf16 bytes
        $bf = $r | Where-Object { $_.WeightPrecision -eq 'bf16' -and $_.TensorParallel -eq 1 } | Select-Object -First 1
        $f8 = $r | Where-Object { $_.WeightPrecision -eq 'fp8' -and $_.TensorParallel -eq 1 } | Select-Object -First 1
        $f8.WeightsGB | Should -BeLessThan ($bf.WeightsGB * 0.6)
    }

    It 'takes model ids by property name and writes ModelNotFound for an unknown one' {
        ([pscustomobject]@{ ModelId = 'tinyllama_1.1b' } | Measure-Deployment -Hardware nvidia_l4_24gb).ModelId | Should -Be 'tinyllama_1.1b'
        $r = Measure-Deployment nope_model, tinyllama_1.1b -Hardware nvidia_l4_24gb -ErrorAction SilentlyContinue -ErrorVariable err
        $r.ModelId | Should -Be 'tinyllama_1.1b'
        $err.Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -Be "ModelNotFound,$Cmd"
    }

    It 'accepts hardware objects from Get-HardwareConfig, alone or with ids' {
        $hw = Get-HardwareConfig amd_mi300x
        (Measure-Deployment llama_3.1_8b -Hardware $hw).HardwareId | Should -Be 'amd_mi300x'
        $r = Measure-Deployment llama_3.1_8b -Hardware (Get-HardwareConfig nvidia_l40s_48gb), nvidia_h100_80gb -TensorParallel 1
        $r.HardwareId | Should -Be @('nvidia_l40s_48gb', 'nvidia_h100_sxm_80gb')
        (Measure-Deployment llama_3.1_8b -Hardware nvidia_nvl72_rack -TensorParallel 1).HardwareId | Should -Be 'nvidia_gb200_nvl72'
    }

    It 'refuses -BatchSize with -Concurrency as a terminating BatchSizeOrConcurrency error' {
        { Measure-Deployment llama_3.1_8b -Hardware nvidia_h100_sxm_80gb -BatchSize 8 -Concurrency 8 } |
            Should -Throw -ErrorId "BatchSizeOrConcurrency,$Cmd"
    }

    It 'estimates continuous batching with -Concurrency' {
        $c = Measure-Deployment llama_3.1_8b -Hardware nvidia_h100_sxm_80gb -TensorParallel 1 -Concurrency 16
        $c.Mode | Should -Be 'Concurrency'
        $c.Concurrency | Should -Be 16
        $c.BatchSize | Should -BeNullOrEmpty
        $c.ErrorBand.Regime | Should -Be 'concurrency'
        $expected = $c.TtftMs + ($c.OutputLength - 1) * $c.TpotMs
        [math]::Abs($c.EndToEndLatencyMs - $expected) / $expected | Should -BeLessThan 1e-9
        $c.Assumptions.Name | Should -Not -Contain 'batch_size'
    }

    It 'writes InvalidDeployment naming the head constraint for TP 3 and goes on with the sweep' {
        $r = Measure-Deployment llama_3.3_70b -Hardware nvidia_h100_sxm_80gb -TensorParallel 2, 3, 4 -ErrorAction SilentlyContinue -ErrorVariable err
        $r.TensorParallel | Should -Be @(2, 4)
        $err.Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -Be "InvalidDeployment,$Cmd"
        $err[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $err[0].Exception.Message | Should -BeLike '*64 attention heads*not divisible by TP 3*'
        $err[0].TargetObject | Should -BeLike '*llama_3.3_70b*TP=3*'
    }

    It 'writes InvalidDeployment for more GPUs than a node holds' {
        $r = Measure-Deployment llama_3.3_70b -Hardware nvidia_hgx_h100_8gpu -TensorParallel 8, 16 -ErrorAction SilentlyContinue -ErrorVariable err
        $r.TensorParallel | Should -Be 8
        $err.Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -Be "InvalidDeployment,$Cmd"
        $err[0].Exception.Message | Should -BeLike '*16 GPUs*8 accelerators*nvidia_hgx_h100_8gpu*'
    }

    It 'writes InvalidDeployment for expert parallelism on a dense model' {
        Measure-Deployment llama_3.1_8b -Hardware nvidia_h100_sxm_80gb -TensorParallel 8 -ExpertParallel 8 -ErrorAction SilentlyContinue -ErrorVariable err |
            Should -BeNullOrEmpty
        $err[0].FullyQualifiedErrorId | Should -Be "InvalidDeployment,$Cmd"
        $err[0].Exception.Message | Should -BeLike '*EP 8*dense*'
    }

    It 'returns an out-of-memory configuration with Fits = $false and the reason, not an error' {
        $o = Measure-Deployment llama_3.1_70b -Hardware nvidia_l40s_48gb -TensorParallel 1 -ErrorVariable err
        $err.Count | Should -Be 0
        $o.Fits | Should -BeFalse
        $o.FitReason | Should -BeLike '*(48 GiB)*nvidia_l40s_48gb*'
        $o.WeightsGB | Should -BeGreaterThan 130
        $o.MemoryPerGpuGB | Should -BeGreaterThan $o.MemoryCapacityGB
        $o.MaxBatchSize | Should -Be 0
    }

    It 'writes HardwareNotFound for unknown hardware once, alone or beside known hardware (issue 13.21: no second, vaguer error)' {
        $r = Measure-Deployment llama_3.1_8b -Hardware nope_gpu, nvidia_l4_24gb -ErrorAction SilentlyContinue -ErrorVariable err
        $r.HardwareId | Should -Be 'nvidia_l4_24gb'
        $err.Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -Be "HardwareNotFound,$Cmd"
        $err[0].TargetObject | Should -Be 'nope_gpu'
        $Error.Clear()
        $r = Measure-Deployment llama_3.1_8b -Hardware nope_gpu -ErrorAction SilentlyContinue -ErrorVariable err
        $r | Should -BeNullOrEmpty
        $err.Count | Should -Be 1
        $Error[0].FullyQualifiedErrorId | Should -Be "HardwareNotFound,$Cmd"
        $Error[0].TargetObject | Should -Be 'nope_gpu'
    }

    It 'estimates DeepSeek-V3 with EP 8, data-parallel attention and fp8 on a B200 node' {
        $d = Measure-Deployment deepseek_v3 -Hardware nvidia_b200_hgx_180gb -ExpertParallel 8 -DataParallelAttention -WeightPrecision fp8 -ErrorVariable err
        $err.Count | Should -Be 0
        $d.NumGpus | Should -Be 8
        $d.TensorParallel | Should -Be 8
        $d.ExpertParallel | Should -Be 8
        $d.DataParallelAttention | Should -BeTrue
        $d.WeightPrecision | Should -Be 'fp8'
        $d.Fits | Should -BeTrue
        # 671 B parameters at ~1 byte over 8 GPUs, plus replicated attention under DP attention
        $d.WeightsGB | Should -BeGreaterThan 80
        $d.WeightsGB | Should -BeLessThan 180
        $d.TtftMs | Should -BeGreaterThan 0
        $d.TpotMs | Should -BeGreaterThan 0
        # bf16 weights (1,342 GB): memory_gb counts GiB, so 8 x 141 GiB (1,211 GB) is too small and 8 x 180 GiB (1,546 GB) is not
        (Measure-Deployment deepseek_v3 -Hardware nvidia_h200_sxm_141gb -TensorParallel 8 -WeightPrecision bf16).Fits | Should -BeFalse -Because '1,342 GB of bf16 weights exceed 8 x 141 GiB'
        (Measure-Deployment deepseek_v3 -Hardware nvidia_b200_hgx_180gb -TensorParallel 8 -WeightPrecision bf16).Fits | Should -BeTrue -Because '8 x 180 GiB = 1,546 GB hold them'
    }

    It 'estimates gpt-oss-120b with MXFP4 experts on a single H100' {
        $g = Measure-Deployment gpt_oss_120b -Hardware nvidia_h100_sxm_80gb -WeightPrecision mxfp4
        $g.WeightPrecision | Should -Be 'mxfp4'
        $g.NumGpus | Should -Be 1
        $g.Fits | Should -BeTrue
        # 117 B parameters, nearly all in routed experts at 4.25 bits: ~61-66 GB, not the 234 GB of bf16
        $g.WeightsGB | Should -BeGreaterThan 55
        $g.WeightsGB | Should -BeLessThan 70
        ($g.Assumptions | Where-Object Name -eq 'weight_precision_scope').Text | Should -BeLike '*routed experts only*'
        (Measure-Deployment gpt_oss_120b -Hardware nvidia_h100_sxm_80gb -WeightPrecision bf16 -TensorParallel 1).Fits | Should -BeFalse
    }

    It 'adds per-layer prefill and decode rows with -IncludeLayers' {
        $l = Measure-Deployment llama_3.1_8b -Hardware nvidia_h100_sxm_80gb -TensorParallel 2 -IncludeLayers
        $l.Layers.Count | Should -BeGreaterThan 4
        ($l.Layers.Phase | Sort-Object -Unique) | Should -Be @('decode', 'prefill')
        foreach ($row in $l.Layers) {
            $row | Should -BeOfType ([ModelConfig.Core.Estimation.LayerEstimate])
            $row.Layer | Should -Not -BeNullOrEmpty
            $row.Operation | Should -Not -BeNullOrEmpty
            $row.Flops | Should -BeGreaterThan 0
            $row.BytesMoved | Should -BeGreaterThan 0
            $row.Bound | Should -BeIn 'compute', 'memory'
            $row.TimeMs | Should -BeGreaterThan 0
        }
        ($l.Layers | Where-Object Phase -eq 'prefill').Operation | Should -Contain 'mlp'
        ($l.Layers | Where-Object Phase -eq 'decode').Operation | Should -Contain 'attention_decode'
        # The rows are the GEMM and attention work; the step adds overheads and collectives on top.
        ($l.Layers | Where-Object Phase -eq 'prefill' | Measure-Object TimeMs -Sum).Sum | Should -BeLessOrEqual $l.PrefillMs
        $l.Communications.Collective | Should -Contain 'all_reduce'
        # The breakdown does not change the estimate.
        (Measure-Deployment llama_3.1_8b -Hardware nvidia_h100_sxm_80gb -TensorParallel 2).TtftMs | Should -Be $l.TtftMs
    }

    It 'slows decode as the KV cache grows in a static batch' {
        $s = Measure-Deployment llama_3.1_8b -Hardware nvidia_h100_sxm_80gb -TensorParallel 1 -BatchSize 8 -InputLength 1024 -OutputLength 8192
        $s.TpotLastMs | Should -BeGreaterThan $s.TpotFirstMs
        $s.TpotMs | Should -BeGreaterThan $s.TpotFirstMs
        $s.TpotMs | Should -BeLessThan $s.TpotLastMs
    }

    It 'gets more throughput from a larger batch' {
        $r = Measure-Deployment llama_3.1_8b -Hardware nvidia_h100_sxm_80gb -TensorParallel 1 -BatchSize 1, 8, 64
        $r.BatchSize | Should -Be @(1, 8, 64)
        $r[1].OutputTokensPerSecond | Should -BeGreaterThan $r[0].OutputTokensPerSecond
        $r[2].OutputTokensPerSecond | Should -BeGreaterThan $r[1].OutputTokensPerSecond
        $r[2].TpotMs | Should -BeGreaterOrEqual $r[0].TpotMs
    }

    It 'slows a compute-bound prefill when -ComputeEfficiency is lowered' {
        $base = Measure-Deployment llama_3.1_8b -Hardware nvidia_h100_sxm_80gb -TensorParallel 1 -InputLength 8192 -OutputLength 16
        $base.PrefillBottleneck | Should -Be 'compute'
        $default = ($base.Assumptions | Where-Object Name -eq 'compute_efficiency').Value
        $default | Should -BeGreaterThan 0.5
        $slow = Measure-Deployment llama_3.1_8b -Hardware nvidia_h100_sxm_80gb -TensorParallel 1 -InputLength 8192 -OutputLength 16 -ComputeEfficiency ($default / 2)
        $ce = $slow.Assumptions | Where-Object Name -eq 'compute_efficiency'
        $ce.Source | Should -Be 'request'
        $ce.Value | Should -Be ($default / 2)
        # Halving the GEMM efficiency doubles the GEMM time; attention (own efficiency) and overheads are unchanged,
        # so TTFT grows by more than half and by less than twice.
        $ratio = $slow.TtftMs / $base.TtftMs
        $ratio | Should -BeGreaterThan 1.5
        $ratio | Should -BeLessThan 2.0
    }
}

Describe 'Measure-Deployment serving modes' {
    It 'estimates offline max throughput with the running batch reached' {
        $e = Measure-Deployment llama_3.1_8b -Hardware nvidia_h100_sxm_80gb -TensorParallel 1 -Offline -NumRequests 500 -InputLength 128 -OutputLength 128
        $e.Mode | Should -Be 'Offline'
        $e.RunningBatch | Should -BeGreaterThan 1
        $e.OutputTokensPerSecond | Should -BeGreaterThan 0
    }
    It 'returns open-loop percentiles and flags saturation' {
        $e = Measure-Deployment llama_3.1_8b -Hardware nvidia_h100_sxm_80gb -TensorParallel 1 -RequestRate 2 -ArrivalProcess Constant
        $e.TtftP99Ms | Should -BeGreaterOrEqual $e.TtftP50Ms
        $e.Saturated | Should -BeFalse
        (Measure-Deployment llama_3.1_8b -Hardware nvidia_h100_sxm_80gb -TensorParallel 1 -RequestRate 100000).Saturated | Should -BeTrue
    }
    It 'splits prefill and decode pools' {
        $e = Measure-Deployment llama_3.1_8b -Hardware nvidia_h100_sxm_80gb -Concurrency 32 -PrefillWorkers 1 -DecodeWorkers 2
        $e.PrefillGpus | Should -Be 1
        $e.DecodeGpus | Should -Be 2
        $e.LimitingPool | Should -BeIn @('Prefill', 'Decode')
    }
    It 'models speculative decoding and prefix caching' {
        $e = Measure-Deployment deepseek_r1 -Hardware nvidia_h200_sxm_141gb -TensorParallel 8 -WeightPrecision fp8 -Concurrency 1 -SpeculativeMethod Mtp
        $e.SpeculativeTokens | Should -Be 1
        $e.AcceptedTokensPerStep | Should -BeGreaterThan 1
        (Measure-Deployment llama_3.1_8b -Hardware nvidia_h100_sxm_80gb -Concurrency 8 -PrefixCacheHitRate 0.5).PrefixCacheHitRate | Should -Be 0.5
    }
}
