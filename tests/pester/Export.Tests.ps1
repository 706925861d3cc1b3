# Issue 13.24: objects export cleanly to CSV and JSON.
BeforeAll { . (Join-Path $PSScriptRoot 'Common.ps1') }

Describe 'Exports (13.24)' {
    It 'ConvertTo-Csv of an estimate has readable assumptions and warnings' {
        $e = Measure-Deployment llama_3.1_70b -Hardware nvidia_h100_sxm_80gb -TensorParallel 2 -Concurrency 100 -OutputLength 256 -WarningAction SilentlyContinue
        $row = $e | ConvertTo-Csv | ConvertFrom-Csv
        $row.AssumptionsText | Should -Not -BeLike '*System.Collections*'
        $row.AssumptionsText | Should -BeLike "*$($e.Assumptions[0].Text)*"
        $row.WarningsText | Should -Be ($e.Warnings -join '; ')
        $row.Load | Should -Be 'c100 1024/256'
    }

    It 'ConvertTo-Json carries the load mode as a name' {
        $json = Measure-Deployment llama_3.1_8b -Hardware nvidia_h100_sxm_80gb -Concurrency 8 | ConvertTo-Json -Depth 2 -WarningAction SilentlyContinue
        ($json | ConvertFrom-Json).ModeName | Should -Be 'Concurrency'
    }

    It 'Get-ModelConfig | ConvertTo-Json exports no JsonNode internals' {
        $json = Get-ModelConfig llama_3.1_8b | ConvertTo-Json -Depth 5 -WarningAction SilentlyContinue
        $json | Should -Not -Match '"(Parent|Root|Options)"\s*:'
        $o = $json | ConvertFrom-Json
        ($o.ArchitectureFacts | ConvertFrom-Json).hidden_size | Should -Be 4096
    }
}
