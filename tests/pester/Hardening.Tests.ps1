# Issue 13 ("nothing lost, nothing leaked, no wrong answer without a warning"): the cmdlet side of its items.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $script:SavedEnv = @{ MODELCONFIG_HARDWARE_PATH = $env:MODELCONFIG_HARDWARE_PATH; MODELCONFIG_PATH = $env:MODELCONFIG_PATH }
    $env:MODELCONFIG_HARDWARE_PATH = $null; $env:MODELCONFIG_PATH = $null
}
AfterAll {
    $env:MODELCONFIG_HARDWARE_PATH = $SavedEnv.MODELCONFIG_HARDWARE_PATH
    $env:MODELCONFIG_PATH = $SavedEnv.MODELCONFIG_PATH
}

Describe 'Ctrl+C stops long loops (13.10)' {
    It 'Get-ModelConfig -HuggingFaceId over a large library stops within a second' {
        $dir = New-TestFolder
        try {
            $src = Get-Content (Join-Path (Split-Path $ModulePath) 'data/model_configs/llama_3.1_8b.json') -Raw
            foreach ($i in 1..6000) { [IO.File]::WriteAllText((Join-Path $dir "m$i.json"), $src.Replace('"llama_3.1_8b"', "`"m$i`"")) }
            $ps = [powershell]::Create()
            try {
                $null = $ps.AddScript("Import-Module '$ModulePath'").Invoke()
                $ps.Commands.Clear()
                # Matches nothing, so nothing is written that PowerShell itself could stop on.
                $null = $ps.AddScript("Get-ModelConfig -Path '$dir' -HuggingFaceId 'no-such/model' -ErrorAction SilentlyContinue")
                $sw = [Diagnostics.Stopwatch]::StartNew()
                $h = $ps.BeginInvoke()
                Start-Sleep -Milliseconds 1000
                $h.IsCompleted | Should -BeFalse -Because 'parsing 6,000 files takes longer than a second'
                $stopAt = $sw.Elapsed.TotalSeconds
                $ps.Stop()
                ($sw.Elapsed.TotalSeconds - $stopAt) | Should -BeLessThan 1.0
            }
            finally { $ps.Dispose() }
        }
        finally { Remove-Item $dir -Recurse -Force }
    }
}

Describe 'Measure-Deployment warnings and verbose lines (13.16, 13.23)' {
    It 'puts queueing behind a full KV cache in Warnings and writes it once for a sweep' {
        $e = Measure-Deployment llama_3.1_70b -Hardware nvidia_h100_sxm_80gb -TensorParallel 2 -Concurrency 100 -OutputLength 256, 257 -WarningVariable w -WarningAction SilentlyContinue
        @($e).Count | Should -Be 2
        $e | ForEach-Object { $_.Fits | Should -BeTrue; $_.Warnings -join ' ' | Should -Match 'KV cache holds \d+ of the 100 concurrent requests' }
        @($w | Where-Object { "$_" -match 'KV cache holds' }).Count | Should -BeIn 1, 2 -Because 'a message is written once, two only when the figures differ'
    }

    It 'writes an identical warning once, not per sweep element' {
        $null = Measure-Deployment llama_3.1_8b -Hardware nvidia_h100_sxm_80gb -Framework vllmx -BatchSize 1, 2, 4 -WarningVariable w -WarningAction SilentlyContinue
        @($w | Where-Object { "$_" -match "Unknown framework 'vllmx'" }).Count | Should -Be 1
    }

    It 'warns when the context exceeds the model maximum' {
        $e = Measure-Deployment llama_3.1_8b -Hardware nvidia_h100_sxm_80gb -TensorParallel 8 -InputLength 200000 -WarningAction SilentlyContinue
        $e.Warnings -join ' ' | Should -Match "exceeds the model's maximum of 131072"
    }

    It 'writes the chosen layout and the applied defaults as verbose lines' {
        $v = Measure-Deployment llama_3.1_8b -Hardware nvidia_h100_sxm_80gb -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }
        ($v.Message -join "`n") | Should -Match 'Layout: llama_3.1_8b on nvidia_h100_sxm_80gb: TP 1 x PP 1'
        ($v.Message -join "`n") | Should -Match 'Default: TP 1 chosen'
        ($v.Message -join "`n") | Should -Match 'Default: Input length 1024 tokens by default'
    }

    It 'writes them under $VerbosePreference too, and states the assumptions on the output either way' {
        $v = & { $VerbosePreference = 'Continue'; Measure-Deployment llama_3.1_8b -Hardware nvidia_h100_sxm_80gb 4>&1 } | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }
        ($v.Message -join "`n") | Should -Match 'Default: Input length 1024 tokens by default'
        $e = Measure-Deployment llama_3.1_8b -Hardware nvidia_h100_sxm_80gb -TensorParallel 2 -Concurrency 8
        $e.Assumptions.Name | Should -Contain 'memory_efficiency'
        $e.Assumptions.Name | Should -Contain 'input_length'
        $e.Assumptions[-1].Name | Should -Be 'output_length'
    }
}

Describe 'Measure-Deployment errors (13.14, 13.21, overflow)' {
    It 'refuses TP 4096 with DP attention, naming the limit' {
        $r = Measure-Deployment gpt2 -Hardware nvidia_h100_sxm_80gb -TensorParallel 4096 -DataParallelAttention -ErrorVariable err -ErrorAction SilentlyContinue
        $r | Should -BeNullOrEmpty
        $err[0].FullyQualifiedErrorId | Should -BeLike 'InvalidDeployment,*'
        $err[0].Exception.Message | Should -Match 'limit of 64 GPUs'
    }

    It 'writes one layout error once for a sweep over loads and lengths' {
        $null = Measure-Deployment llama_3.1_8b -Hardware nvidia_h100_sxm_80gb -TensorParallel 3 -BatchSize 1, 2, 4 -InputLength 128, 256 -ErrorVariable err -ErrorAction SilentlyContinue
        @($err).Count | Should -Be 1
        $err[0].Exception.Message | Should -Match 'not divisible by TP 3'
    }
}

Describe 'Plan files bind every sweep parameter by property name (13.17)' {
    It 'estimates each row of a plan CSV as the row asks' {
        $dir = New-TestFolder
        try {
            $csv = Join-Path $dir 'plan.csv'
            @(
                'Model,HardwareId,TP,PP,Precision,kv_dtype,Concurrency,BatchSize,ISL,OSL,Framework,dp_attention'
                'llama_3.1_8b,nvidia_h100_sxm_80gb,2,1,fp8,fp8,32,,4096,1024,vllm,false'
                'llama_3.1_8b,nvidia_a100_sxm_80gb,1,,bf16,,,8,2048,512,sglang,'
                'llama_3.1_70b,nvidia_h200_sxm_141gb,4,2,fp8,,64,,1024,256,trtllm,no'
            ) | Set-Content -LiteralPath $csv
            $rows = Import-Csv -LiteralPath $csv
            $e = @($rows | Measure-Deployment -WarningAction SilentlyContinue)
            $e.Count | Should -Be 3
            for ($i = 0; $i -lt 3; $i++) {
                $r = $rows[$i]; $x = $e[$i]
                $x.ModelId | Should -Be $r.Model
                $x.HardwareId | Should -Be $r.HardwareId
                $x.TensorParallel | Should -Be ([int]$r.TP)
                $x.PipelineParallel | Should -Be $(if ($r.PP) { [int]$r.PP } else { 1 })
                $x.WeightPrecision | Should -Be $r.Precision
                if ($r.kv_dtype) { $x.KvCachePrecision | Should -Be $r.kv_dtype }
                if ($r.Concurrency) { $x.Concurrency | Should -Be ([int]$r.Concurrency); $x.Mode | Should -Be 'Concurrency' }
                if ($r.BatchSize) { $x.BatchSize | Should -Be ([int]$r.BatchSize); $x.Mode | Should -Be 'StaticBatch' }
                $x.InputLength | Should -Be ([int]$r.ISL)
                $x.OutputLength | Should -Be ([int]$r.OSL)
                $x.Framework | Should -Be $r.Framework
                $x.DataParallelAttention | Should -BeFalse
            }
        }
        finally { Remove-Item $dir -Recurse -Force }
    }

    It 'binds hardware objects piped from Get-HardwareConfig' {
        $e = @(Get-HardwareConfig nvidia_h100_sxm_80gb, nvidia_l4_24gb | Measure-Deployment llama_3.1_8b -WarningAction SilentlyContinue)
        $e.HardwareId | Should -Be @('nvidia_h100_sxm_80gb', 'nvidia_l4_24gb')
    }

    It 'reads "true" as DP attention and refuses a cell that is no number' {
        $e = [pscustomobject]@{ ModelId = 'deepseek_v3'; Hardware = 'nvidia_b200_hgx_180gb'; EP = '8'; DPAttention = 'true'; WeightPrecision = 'fp8' } | Measure-Deployment -WarningAction SilentlyContinue
        $e.DataParallelAttention | Should -BeTrue
        $e.ExpertParallel | Should -Be 8
        { [pscustomobject]@{ ModelId = 'llama_3.1_8b'; Hardware = 'nvidia_l4_24gb'; TP = 'two' } | Measure-Deployment -ErrorAction Stop } | Should -Throw '*not a number*'
    }
}

Describe 'Plan files bind the serving-mode parameters too (13.17)' {
    It 'runs an open-loop row and an offline row as asked' {
        $rows = @(
            [pscustomobject]@{ Model = 'llama_3.1_8b'; HardwareId = 'nvidia_h100_sxm_80gb'; TP = '1'; request_rate = '2.5'; num_requests = '200'; ISL = '1024'; OSL = '128'; Offline = '' }
            [pscustomobject]@{ Model = 'llama_3.1_8b'; HardwareId = 'nvidia_h100_sxm_80gb'; TP = '1'; request_rate = ''; num_requests = '1000'; ISL = '128'; OSL = '128'; Offline = 'true' }
        )
        $e = @($rows | Measure-Deployment -WarningAction SilentlyContinue)
        $e[0].Mode | Should -Be 'RequestRate'
        $e[0].RequestRate | Should -Be 2.5
        $e[0].NumRequests | Should -Be 200
        $e[1].Mode | Should -Be 'Offline'
        $e[1].NumRequests | Should -Be 1000
        $e[1].InputLength | Should -Be 128
    }
}

Describe 'Publishing metadata (13.27)' {
    It 'ships the MIT LICENSE and release notes' {
        $dir = Split-Path $ModulePath
        Get-Content (Join-Path $dir 'LICENSE') -Raw | Should -Match 'MIT License[\s\S]*Copyright \(c\) ModelConfig contributors'
        (Import-PowerShellDataFile $ModulePath).PrivateData.PSData.ReleaseNotes | Should -Not -BeNullOrEmpty
    }
}

Describe 'The default table marks estimates with warnings (13.16)' {
    It 'shows True! in the Fits column' {
        $e = Measure-Deployment llama_3.1_8b -Hardware nvidia_h100_sxm_80gb -Framework vllmx -WarningAction SilentlyContinue
        ($e | Format-Table | Out-String -Width 200) | Should -Match 'True!'
    }
}
