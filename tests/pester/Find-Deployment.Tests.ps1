BeforeDiscovery {
    # the examples are test cases, so the help is read at discovery, from the built module
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $script:Examples = @(Get-Help Find-Deployment -Examples).Examples.Example | ForEach-Object -Begin { $i = 0 } -Process { $i++; @{ Index = $i; Code = $_.Code } }
}
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    # Measure-Deployment for the layout and precision of a returned configuration, at the load given in $Load
    function script:Measure-Same($Model, $W, [hashtable] $Load) {
        Measure-Deployment $Model -Hardware $W.HardwareId -TensorParallel $W.TensorParallel -PipelineParallel $W.PipelineParallel `
            -WeightPrecision $W.WeightPrecision -KvCachePrecision $W.KvCachePrecision @Load
    }
    $script:SavedEnv = @{ MODELCONFIG_HARDWARE_PATH = $env:MODELCONFIG_HARDWARE_PATH; MODELCONFIG_PATH = $env:MODELCONFIG_PATH }
    $env:MODELCONFIG_HARDWARE_PATH = $null; $env:MODELCONFIG_PATH = $null
    # A small search every test can afford exhaustively: two chips, up to 4 GPUs, bf16 and fp8, six load levels.
    $script:Small = @{ Hardware = 'nvidia_h100_sxm_80gb', 'nvidia_h200_sxm_141gb'; MaxGpus = 4; WeightPrecision = 'bf16', 'fp8'
                       Concurrency = 1, 4, 16, 64, 256, 1024; InputLength = 2048; OutputLength = 512; MaxTtftMs = 2000; MaxTpotMs = 40; Top = 1000 }
}
AfterAll {
    $env:MODELCONFIG_HARDWARE_PATH = $SavedEnv.MODELCONFIG_HARDWARE_PATH
    $env:MODELCONFIG_PATH = $SavedEnv.MODELCONFIG_PATH
}

Describe 'Find-Deployment' {
    Context 'a small search' {
        BeforeAll {
            $script:ranked = @(Find-Deployment llama_3.1_70b @Small)
            $script:all = @(Find-Deployment llama_3.1_70b @Small -Exhaustive)
            $script:verbose = @(Find-Deployment llama_3.1_70b @Small -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] })
        }

        It 'returns ranked, typed estimates' {
            $ranked.Count | Should -BeGreaterThan 1
            $ranked[0] | Should -BeOfType ([ModelConfig.Core.Planning.PlannedDeployment])
            $ranked[0] | Should -BeOfType ([ModelConfig.Core.Estimation.DeploymentEstimate])
            # not $ranked.Rank: that is the array's own Rank (its dimension count)
            (($ranked | ForEach-Object Rank) -join ',') | Should -Be ((1..$ranked.Count) -join ',')
            $ranked[0].Why | Should -Match '^#1 of \d+ configurations meeting TTFT <= 2000 ms, TPOT <= 40 ms'
        }

        It 'returns only configurations that meet every target' {
            foreach ($p in $ranked) {
                $p.Fits | Should -BeTrue
                $p.TtftMs | Should -BeLessOrEqual 2000
                $p.TpotMs | Should -BeLessOrEqual 40
                $p.MeetsServiceLevel | Should -BeTrue
            }
        }

        It 'gives the figures Measure-Deployment gives for the same configuration' {
            $w = $ranked[0]
            $m = Measure-Same llama_3.1_70b $w @{ Concurrency = $w.Concurrency; InputLength = 2048; OutputLength = 512 }
            $w.TtftMs | Should -Be $m.TtftMs
            $w.TpotMs | Should -Be $m.TpotMs
            $w.OutputTokensPerSecondPerGpu | Should -Be $m.OutputTokensPerSecondPerGpu
        }

        It 'prunes nothing that would beat the winner' {
            # the pruned search skipped candidates...
            "$verbose" | Should -Match '[1-9][\d,]* pruned by memory, [1-9][\d,]* by the targets'
            # ...yet the exhaustive run, every candidate estimated, finds no better configuration for any layout and precision
            $all.Count | Should -Be $ranked.Count
            $all[0].ObjectiveValue | Should -Be $ranked[0].ObjectiveValue
            for ($i = 0; $i -lt $all.Count; $i++) { $all[$i].ObjectiveValue | Should -Be $ranked[$i].ObjectiveValue }
        }
    }

    Context 'cost, energy and fleet size' {
        It 'costs each result from -GpuHourPrice and sizes the fleet' {
            $p = Find-Deployment llama_3.1_8b -Hardware nvidia_h200_sxm_141gb -MaxTtftMs 1000 -GpuHourPrice @{ nvidia_h200_sxm_141gb = 3.5 } -TotalRequestRate 20 -Top 1
            $p.GpuHourPriceUsd | Should -Be 3.5
            $p.CostPerMillionOutputTokens | Should -BeGreaterThan 0
            $p.CostPerMillionInputTokens | Should -BeGreaterThan 0
            $p.JoulesPerOutputToken | Should -BeGreaterThan 0
            $p.FleetReplicas | Should -Be ([math]::Ceiling(20 / $p.RequestsPerSecond))
            $p.FleetGpus | Should -Be ($p.FleetReplicas * $p.NumGpus)
        }

        It 'leaves out hardware without a price when ranking by cost, with a warning' {
            $r = @(Find-Deployment llama_3.1_8b -Hardware nvidia_h200_sxm_141gb, nvidia_h100_sxm_80gb -Objective CostPerMillionTokens -GpuHourPrice @{ nvidia_h100_sxm_80gb = 2 } -Concurrency 8 -WarningVariable w -WarningAction SilentlyContinue)
            $r.HardwareId | Sort-Object -Unique | Should -Be 'nvidia_h100_sxm_80gb'
            "$w" | Should -Match 'nvidia_h200_sxm_141gb left out'
        }

        It 'adds cost properties to Measure-Deployment with -GpuHourPrice' {
            $e = Measure-Deployment llama_3.1_8b -Hardware nvidia_h100_sxm_80gb -Concurrency 8 -GpuHourPrice 2
            $e.CostPerMillionOutputTokens | Should -BeGreaterThan 0
            $e.JoulesPerOutputToken | Should -BeGreaterThan 0
            { Measure-Deployment llama_3.1_8b -Hardware nvidia_h100_sxm_80gb -GpuHourPrice 'cheap' } | Should -Throw -ErrorId 'InvalidGpuHourPrice,ModelConfig.Commands.MeasureDeploymentCommand'
        }
    }

    Context 'nothing qualifies' {
        It 'warns, writes NoFeasibleDeployment with the binding constraint and returns nothing' {
            $r = @(Find-Deployment llama_3.1_70b -Hardware nvidia_h100_sxm_80gb -Concurrency 1, 8 -MaxTpotMs 1 -ErrorVariable err -ErrorAction SilentlyContinue -WarningAction SilentlyContinue)
            $r.Count | Should -Be 0
            $err[0].FullyQualifiedErrorId | Should -Be 'NoFeasibleDeployment,ModelConfig.Commands.FindDeploymentCommand'
            $err[0].TargetObject.BindingConstraint | Should -Be 'Tpot'
            $err[0].TargetObject.NearestRatio | Should -BeGreaterThan 1
            $err[0].TargetObject.Nearest.HardwareId | Should -Be 'nvidia_h100_sxm_80gb'
        }
    }

    Context 'the frontier' {
        It 'is Pareto-optimal per hardware' {
            $f = @(Find-Deployment gpt_oss_120b -Hardware nvidia_b200_hgx_180gb, amd_mi355x -Concurrency 1, 8, 64, 512 -Frontier)
            $f.Count | Should -BeGreaterThan 1
            foreach ($g in $f | Group-Object HardwareId) {
                $pts = @($g.Group)
                for ($i = 1; $i -lt $pts.Count; $i++) {
                    $pts[$i].TokensPerSecondPerUser | Should -BeGreaterThan $pts[$i - 1].TokensPerSecondPerUser
                    $pts[$i].OutputTokensPerSecondPerGpu | Should -BeLessThan $pts[$i - 1].OutputTokensPerSecondPerGpu
                }
            }
        }
    }

    Context 'request-rate candidates' {
        BeforeAll {
            # open loop at percentiles: two chips, up to 2 GPUs, default rate levels 0.25 ... 512 requests/s per replica
            $script:Rate = @{ Hardware = 'nvidia_h100_sxm_80gb', 'nvidia_h200_sxm_141gb'; MaxGpus = 2; WeightPrecision = 'bf16', 'fp8'
                              InputLength = 2048; OutputLength = 256; Percentile = '99'; MaxTtftMs = 1500; MaxTpotMs = 30; Top = 1000 }
            $script:rr = @(Find-Deployment llama_3.1_8b @Rate)
            $script:rrAll = @(Find-Deployment llama_3.1_8b @Rate -Exhaustive)
        }

        It 'meets the targets at the asked percentile and never returns a saturated configuration' {
            $rr.Count | Should -BeGreaterThan 1
            foreach ($p in $rr) {
                $p.CandidateSource | Should -Be 'request-rate'
                $p.Saturated | Should -BeFalse
                $p.TtftP99Ms | Should -BeLessOrEqual 1500
                $p.TpotP99Ms | Should -BeLessOrEqual 30
                $p.RequestsPerSecond | Should -Be $p.RequestRate
            }
            $rr[0].Why | Should -Match 'p99 TTFT <= 1500 ms, p99 TPOT <= 30 ms: .* at [\d.]+ requests/s'
        }

        It 'prunes no rate that would beat the winner' {
            $rrAll.Count | Should -Be $rr.Count
            for ($i = 0; $i -lt $rr.Count; $i++) { $rrAll[$i].ObjectiveValue | Should -Be $rr[$i].ObjectiveValue }
        }

        It 'gives the figures Measure-Deployment gives at that rate' {
            $w = $rr[0]
            $m = Measure-Same llama_3.1_8b $w @{ RequestRate = $w.RequestRate; InputLength = 2048; OutputLength = 256 }
            $w.TtftP99Ms | Should -Be $m.TtftP99Ms
            $w.TpotP99Ms | Should -Be $m.TpotP99Ms
        }

        It 'evaluates a given -RequestRate and sizes the fleet on it' {
            $p = @(Find-Deployment llama_3.1_8b -Hardware nvidia_h200_sxm_141gb -MaxGpus 1 -RequestRate 5 -Percentile 90 -MaxTtftMs 1000 -TotalRequestRate 20 -Top 1)
            $p.Count | Should -Be 1
            $p[0].RequestRate | Should -Be 5
            $p[0].TtftP90Ms | Should -BeLessOrEqual 1000
            $p[0].FleetReplicas | Should -Be 4
        }

        It 'skips saturated rates and says so in the shortfall' {
            $r = @(Find-Deployment llama_3.1_70b -Hardware nvidia_h100_sxm_80gb -MaxGpus 2 -RequestRate 500 -MaxTtftMs 5000 -ErrorVariable err -ErrorAction SilentlyContinue -WarningAction SilentlyContinue)
            $r.Count | Should -Be 0
            $err[0].TargetObject.BindingConstraint | Should -Be 'Saturated'
            $err[0].TargetObject.Message | Should -Match 'saturated'
        }
    }

    Context 'disaggregated candidates' {
        BeforeAll {
            $script:Disagg = @{ Hardware = 'nvidia_h100_sxm_80gb'; MaxGpus = 4; WeightPrecision = 'fp8'; Concurrency = 4, 32, 256
                                InputLength = 2048; OutputLength = 256; MaxTtftMs = 2000; MaxTpotMs = 40; Top = 1000; IncludeDisaggregated = $true }
            $script:dis = @(Find-Deployment llama_3.1_8b @Disagg)
            $script:disAll = @(Find-Deployment llama_3.1_8b @Disagg -Exhaustive)
        }

        It 'adds prefill/decode pairs within -MaxGpus that meet every target' {
            $pairs = @($dis | Where-Object CandidateSource -eq 'disaggregated closed-loop')
            $pairs.Count | Should -BeGreaterThan 0
            @($dis | Where-Object CandidateSource -eq 'closed-loop').Count | Should -BeGreaterThan 0
            foreach ($p in $pairs) {
                $p.NumGpus | Should -BeLessOrEqual 4
                ($p.PrefillGpus + $p.DecodeGpus) | Should -Be $p.NumGpus
                $p.Disaggregation.PrefillWorkers | Should -BeGreaterOrEqual 1
                $p.Layout | Should -Match '^prefill \dx TP\d \+ decode \dx TP\d$'
            }
            foreach ($p in $dis) {
                $p.TtftMs | Should -BeLessOrEqual 2000
                $p.TpotMs | Should -BeLessOrEqual 40
            }
        }

        It 'prunes no pair that would beat the winner' {
            $disAll.Count | Should -Be $dis.Count
            for ($i = 0; $i -lt $dis.Count; $i++) { $disAll[$i].ObjectiveValue | Should -Be $dis[$i].ObjectiveValue }
        }

        It 'gives the figures Measure-Deployment gives for the same pools' {
            $w = $dis | Where-Object CandidateSource -eq 'disaggregated closed-loop' | Select-Object -First 1
            $d = $w.Disaggregation
            $m = Measure-Deployment llama_3.1_8b -Hardware nvidia_h100_sxm_80gb -WeightPrecision fp8 -KvCachePrecision $w.KvCachePrecision -Concurrency $w.Concurrency `
                -InputLength 2048 -OutputLength 256 -PrefillWorkers $d.PrefillWorkers -PrefillTensorParallel $d.PrefillTensorParallel `
                -DecodeWorkers $d.DecodeWorkers -DecodeTensorParallel $d.DecodeTensorParallel
            $w.TtftMs | Should -Be $m.TtftMs
            $w.TpotMs | Should -Be $m.TpotMs
            $w.OutputTokensPerSecondPerGpu | Should -Be $m.OutputTokensPerSecondPerGpu
        }
    }

    Context 'speculative decoding' {
        It 'passes -SpeculativeMethod to every estimate' {
            $p = @(Find-Deployment llama_3.1_8b -Hardware nvidia_h100_sxm_80gb -MaxGpus 1 -WeightPrecision fp8 -Concurrency 1, 8 -SpeculativeMethod Eagle -Top 1)
            $p[0].SpeculativeMethod | Should -Be 'Eagle'
            $p[0].AcceptedTokensPerStep | Should -BeGreaterThan 1
            $m = Measure-Deployment llama_3.1_8b -Hardware nvidia_h100_sxm_80gb -TensorParallel 1 -WeightPrecision fp8 -KvCachePrecision $p[0].KvCachePrecision -Concurrency $p[0].Concurrency -SpeculativeMethod Eagle
            $p[0].TpotMs | Should -Be $m.TpotMs
        }
    }

    Context 'the help examples' {
        It 'has the examples of issue 10' {
            $Examples.Count | Should -BeGreaterOrEqual 4
        }

        It 'runs example <Index>' -ForEach $Examples {
            $WarningPreference = 'SilentlyContinue'   # the cost example leaves out unpriced hardware with a warning
            $out = @(Invoke-Expression $Code -ErrorVariable err)
            $err.Count | Should -Be 0
            $out.Count | Should -BeGreaterThan 0
        }
    }

    It 'takes models from the pipeline by property name' {
        $r = [pscustomobject]@{ ModelId = 'llama_3.1_8b' } | Find-Deployment -Hardware nvidia_h100_sxm_80gb -Concurrency 8 -Top 1
        $r.ModelId | Should -Be 'llama_3.1_8b'
    }
}
