BeforeAll { . (Join-Path $PSScriptRoot 'Common.ps1') }

Describe 'Start-ModelConfigServer and Stop-ModelConfigServer' {
    It 'starts on a free loopback port, serves the API and stops from the pipeline' {
        $server = Start-ModelConfigServer
        try {
            $server | Should -BeOfType ModelConfig.Commands.ModelConfigServer
            $server.Url | Should -Match '^http://127\.0\.0\.1:\d+$'
            $server.Port | Should -BeGreaterThan 0
            (Invoke-RestMethod "$($server.Url)/healthz").status | Should -Be 'ok'
            (Invoke-RestMethod "$($server.Url)/models").models.model_id | Should -Contain 'llama_3.3_70b'
            (Invoke-RestMethod "$($server.Url)/hardware/nvidia_nvl72_rack").chips | Should -Be 72
            # POST /v1/find answers what Find-Deployment returns (issue 12): the same planner behind both.
            $body = @{ model_id = 'llama_3.1_8b'; hardware = @('nvidia_h100_sxm_80gb'); max_ttft_ms = 2000; top = 2 } | ConvertTo-Json
            $found = Invoke-RestMethod "$($server.Url)/v1/find" -Method Post -Body $body -ContentType 'application/json'
            $local = @(Find-Deployment llama_3.1_8b -Hardware nvidia_h100_sxm_80gb -MaxTtftMs 2000 -Top 2)
            $found.ranked.layout | Should -Be $local.Layout
            $found.ranked.output_tokens_per_second_per_gpu | Should -Be $local.OutputTokensPerSecondPerGpu
            $found.ranked[0].objective | Should -Be 'ThroughputPerGpu'
        }
        finally { $server | Stop-ModelConfigServer }
        { Get-Process -Id $server.ProcessId -ErrorAction Stop } | Should -Throw
    }

    It 'listens on the port given and stops by -ProcessId; sees MODELCONFIG_HARDWARE_PATH' {
        $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $listener.Start(); $port = $listener.LocalEndpoint.Port; $listener.Stop()
        $folder = New-TestFolder
        $hw = Get-Content (Join-Path $RepoRoot 'data/hardware/nvidia_h100_sxm_80gb.json') -Raw | ConvertFrom-Json -AsHashtable
        $hw.hardware_id = 'pester_gpu'; $hw.aliases = @()
        $hw | ConvertTo-Json -Depth 10 | Set-Content (Join-Path $folder 'pester_gpu.json')
        $saved = $env:MODELCONFIG_HARDWARE_PATH
        $env:MODELCONFIG_HARDWARE_PATH = $folder
        try {
            $server = Start-ModelConfigServer -Port $port
            try {
                $server.Url | Should -Be "http://127.0.0.1:$port"
                (Invoke-RestMethod "$($server.Url)/hardware/pester_gpu").hardware_id | Should -Be 'pester_gpu'
            }
            finally { Stop-ModelConfigServer -ProcessId $server.ProcessId }
            { Get-Process -Id $server.ProcessId -ErrorAction Stop } | Should -Throw
        }
        finally {
            $env:MODELCONFIG_HARDWARE_PATH = $saved
            Remove-Item $folder -Recurse -Force
        }
    }

    It 'refuses a non-loopback address without -AllowRemote' {
        { Start-ModelConfigServer -Address 0.0.0.0 } | Should -Throw -ErrorId 'RemoteBindingNotAllowed,ModelConfig.Commands.StartModelConfigServerCommand'
        { Start-ModelConfigServer -Address 'not-an-ip' } | Should -Throw -ErrorId 'InvalidAddress,ModelConfig.Commands.StartModelConfigServerCommand'
    }

    It 'leaves a process alone that is not a server' {
        Stop-ModelConfigServer -ProcessId $PID -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -Be 'ServerNotFound,ModelConfig.Commands.StopModelConfigServerCommand'
        (Get-Process -Id $PID).Id | Should -Be $PID
    }
}
