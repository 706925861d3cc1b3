# Issue 13.26: tab completion matches any part of a library name, -Vendor and -HuggingFaceId complete from the library,
# and the id parameters answer to -Name. Completion is run as the shell runs it, through TabExpansion2.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $script:SavedEnv = @{ MODELCONFIG_HARDWARE_PATH = $env:MODELCONFIG_HARDWARE_PATH; MODELCONFIG_PATH = $env:MODELCONFIG_PATH }
    $env:MODELCONFIG_HARDWARE_PATH = $null; $env:MODELCONFIG_PATH = $null

    function Complete([string] $line) { @((TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches) }
}
AfterAll {
    foreach ($k in $SavedEnv.Keys) { [Environment]::SetEnvironmentVariable($k, $SavedEnv[$k]) }
}

Describe 'Hardware and model ids complete on any part of the name (13.26)' {
    It 'h100 offers every H100 on <Line>' -ForEach @(
        @{ Line = 'Get-HardwareConfig h100' }
        @{ Line = 'Measure-Deployment gpt2 -Hardware h100' }
        @{ Line = 'Find-Deployment gpt2 -Hardware h100' }
    ) {
        $texts = (Complete $Line).CompletionText
        $texts | Should -Contain 'nvidia_h100_sxm_80gb'
        $texts | Should -Contain 'nvidia_h100_pcie_80gb'
        $texts | Should -Contain 'nvidia_h100_80gb'       # an alias, tooltip names its id
        $texts | Should -Not -Contain 'nvidia_h200_sxm_141gb'
        ((Complete $Line) | Where-Object CompletionText -eq 'nvidia_h100_80gb').ToolTip | Should -Be 'alias of nvidia_h100_sxm_80gb'
    }

    It 'names that start with the word come first' {
        $texts = (Complete 'Get-ModelConfig llama').CompletionText
        $texts[0] | Should -BeLike 'llama*'
        $texts | Should -Contain 'tinyllama_1.1b'
        $texts[-1] | Should -Be 'tinyllama_1.1b'
    }

    It 'a model id completes from its middle on <Line>' -ForEach @(
        @{ Line = 'Get-ModelConfig 3.3_70' }
        @{ Line = 'Measure-Deployment 3.3_70' }
        @{ Line = 'Get-ModelMetadata -ModelId 3.3_70' }
    ) {
        (Complete $Line).CompletionText | Should -Be 'llama_3.3_70b'
    }

    It 'a wildcard word completes as a pattern' {
        (Complete 'Get-HardwareConfig nv*sxm').CompletionText | Should -Contain 'nvidia_h100_sxm_80gb'
    }
}

Describe '-Vendor and -HuggingFaceId complete from the library (13.26)' {
    It 'Get-HardwareConfig -Vendor offers the vendors, quoting names with spaces' {
        $texts = (Complete 'Get-HardwareConfig -Vendor ').CompletionText
        $texts | Should -Contain 'NVIDIA'
        $texts | Should -Contain 'AMD'
        $texts | Should -Contain "'NVIDIA (AWS custom)'"
        (Complete 'Get-HardwareConfig -Vendor am').CompletionText | Should -Be 'AMD'
    }

    It 'the vendor completion of a -Path folder includes its vendors' {
        $dir = New-TestFolder
        try {
            $src = Get-Content (Join-Path (Split-Path $ModulePath) 'data/hardware/amd_mi300x.json') -Raw
            $src.Replace('"amd_mi300x"', '"acme_x1"').Replace('"AMD"', '"Acme"') | Set-Content (Join-Path $dir 'acme_x1.json')
            (Complete "Get-HardwareConfig -Path '$dir' -Vendor acm").CompletionText | Should -Be 'Acme'
            (Complete "Get-HardwareConfig -Path '$dir' acme").CompletionText | Should -Be 'acme_x1'
        }
        finally { Remove-Item $dir -Recurse -Force }
    }

    It 'Get-ModelConfig -HuggingFaceId offers the recorded HuggingFace ids, naming the model id' {
        $m = Complete 'Get-ModelConfig -HuggingFaceId Llama-3.3'
        $m.CompletionText | Should -Contain 'meta-llama/Llama-3.3-70B-Instruct'
        ($m | Where-Object CompletionText -eq 'meta-llama/Llama-3.3-70B-Instruct').ToolTip | Should -BeLike '*llama_3.3_70b*'
        (Complete 'Get-ModelConfig -HfModelId deepseek-ai/').CompletionText | Should -Contain 'deepseek-ai/DeepSeek-V3'
    }

    It 'New-ModelConfig -HuggingFaceId offers them too' {
        (Complete 'New-ModelConfig -HuggingFaceId qwen3-8').CompletionText | Should -Contain 'Qwen/Qwen3-8B'
    }

    It 'a completed HuggingFace id runs as completed' {
        $text = (Complete 'Get-ModelConfig -HuggingFaceId Llama-3.3-70B')[0].CompletionText
        (Invoke-Expression "Get-ModelConfig -HuggingFaceId $text").ModelId | Should -Be 'llama_3.3_70b'
    }
}

Describe 'The id parameters answer to -Name (13.26)' {
    It 'Get-ModelConfig -Name' {
        (Get-Command Get-ModelConfig).Parameters['ModelId'].Aliases | Should -Contain 'Name'
        (Get-ModelConfig -Name gpt2).ModelId | Should -Be 'gpt2'
    }

    It 'Get-HardwareConfig -Name' {
        (Get-Command Get-HardwareConfig).Parameters['HardwareId'].Aliases | Should -Contain 'Name'
        (Get-HardwareConfig -Name amd_mi300x).HardwareId | Should -Be 'amd_mi300x'
    }

    It 'piped objects still bind by their id, not by their display Name' {
        (Get-HardwareConfig nvidia_h100_sxm_80gb | Get-HardwareConfig).HardwareId | Should -Be 'nvidia_h100_sxm_80gb'
        (Get-ModelConfig llama_3.1_8b | Get-ModelConfig).ModelId | Should -Be 'llama_3.1_8b'
    }

    It 'New-ModelConfig keeps -Name for the display name' {
        (Get-Command New-ModelConfig).Parameters['Name'].ParameterType | Should -Be ([string])
        (Get-Command New-ModelConfig).Parameters['ModelId'].Aliases | Should -Not -Contain 'Name'
    }
}
