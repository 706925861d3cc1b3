BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $script:BundledHardware = Join-Path (Split-Path $ModulePath) 'data/hardware'
    $script:SavedEnv = @{ MODELCONFIG_HARDWARE_PATH = $env:MODELCONFIG_HARDWARE_PATH; MODELCONFIG_PATH = $env:MODELCONFIG_PATH }
}
AfterAll {
    $env:MODELCONFIG_HARDWARE_PATH = $SavedEnv.MODELCONFIG_HARDWARE_PATH
    $env:MODELCONFIG_PATH = $SavedEnv.MODELCONFIG_PATH
}

Describe 'Get-HardwareConfig' {
    BeforeEach { $env:MODELCONFIG_HARDWARE_PATH = $null; $env:MODELCONFIG_PATH = $null }
    AfterEach { $env:MODELCONFIG_HARDWARE_PATH = $null; $env:MODELCONFIG_PATH = $null }

    It 'lists every bundled file, typed, sorted, with a source and positive figures' {
        $files = @(Get-ChildItem $BundledHardware -Filter *.json)
        $files.Count | Should -BeGreaterThan 10
        $all = Get-HardwareConfig -ErrorVariable err
        $err.Count | Should -Be 0
        $all.Count | Should -Be $files.Count
        ($all.HardwareId | Sort-Object) | Should -Be ($files.BaseName | Sort-Object)
        $sorted = [string[]]$all.HardwareId
        [Array]::Sort($sorted, [StringComparer]::OrdinalIgnoreCase)
        ($all.HardwareId -join ',') | Should -Be ($sorted -join ',')
        foreach ($hw in $all) {
            $hw | Should -BeOfType ([ModelConfig.Core.Hardware.HardwareConfig])
            $hw.Source | Should -Not -BeNullOrEmpty -Because "$($hw.HardwareId) must say where its figures come from"
            $hw.MemoryGB | Should -BeGreaterThan 0 -Because $hw.HardwareId
            $hw.MemoryBandwidthGBs | Should -BeGreaterThan 0 -Because $hw.HardwareId
            $hw.Chips | Should -BeGreaterOrEqual 1 -Because $hw.HardwareId
            $hw.SourcePath | Should -BeLike "*$($hw.HardwareId).json"
        }
    }

    It 'resolves the original system''s nvidia_nvl72_rack to the GB200 NVL72 rack' {
        $hw = Get-HardwareConfig nvidia_nvl72_rack
        $hw.HardwareId | Should -Be 'nvidia_gb200_nvl72'
        $hw.Chips | Should -Be 72
        $hw.Kind | Should -Be 'rack'
        $hw.Aliases | Should -Contain 'nvidia_nvl72_rack'
    }

    It 'resolves the alias nvidia_h100_80gb, case-insensitively' {
        (Get-HardwareConfig nvidia_h100_80gb).HardwareId | Should -Be 'nvidia_h100_sxm_80gb'
        (Get-HardwareConfig NVIDIA_H100_80GB).HardwareId | Should -Be 'nvidia_h100_sxm_80gb'
    }

    It 'keeps dense peaks: H100 SXM BF16 is 989.4 TFLOPS, not the sparse 1979' {
        $h100 = Get-HardwareConfig nvidia_h100_sxm_80gb
        $h100.DenseTflopsBf16 | Should -Be 989.4
        $h100.DenseTflops['bf16'] | Should -Be 989.4
        $h100.DenseTflopsFp8 | Should -BeLessThan 2000
        $h100.MemoryGB | Should -Be 80
        $h100.MemoryBandwidthGBs | Should -Be 3350
    }

    It 'matches wildcards on ids' {
        $h = Get-HardwareConfig nvidia_h*
        $h.Count | Should -BeGreaterThan 3
        $h.HardwareId | Should -Contain 'nvidia_h100_sxm_80gb'
        $h.HardwareId | Should -Contain 'nvidia_h200_sxm_141gb'
        $h.HardwareId | Should -Contain 'nvidia_hgx_h100_8gpu'
        $h | ForEach-Object { $_.HardwareId -like 'nvidia_h*' -or ($_.Aliases -like 'nvidia_h*') } | Should -Not -Contain $false
        Get-HardwareConfig 'zzz*' -ErrorVariable err | Should -BeNullOrEmpty
        $err.Count | Should -Be 0
    }

    It 'filters by -Vendor' {
        $amd = Get-HardwareConfig -Vendor AMD
        $amd.Count | Should -BeGreaterOrEqual 2
        $amd.HardwareId | Should -Contain 'amd_mi300x'
        $amd.Vendor | Sort-Object -Unique | Should -Be 'AMD'
        (Get-HardwareConfig nvidia_h* -Vendor AMD) | Should -BeNullOrEmpty
        (Get-HardwareConfig amd_* -Vendor amd).Count | Should -Be $amd.Count
    }

    It 'takes ids from the pipeline by value and by property name' {
        ('amd_mi300x', 'nvidia_h100_80gb' | Get-HardwareConfig).HardwareId | Should -Be @('amd_mi300x', 'nvidia_h100_sxm_80gb')
        ([pscustomobject]@{ HardwareId = 'amd_mi300x' } | Get-HardwareConfig).HardwareId | Should -Be 'amd_mi300x'
        ([pscustomobject]@{ Hardware = 'nvidia_l40s_48gb' } | Get-HardwareConfig).HardwareId | Should -Be 'nvidia_l40s_48gb'
    }

    It 'returns an entry once when an id and its alias are both asked for' {
        (Get-HardwareConfig nvidia_h100_sxm_80gb, nvidia_h100_80gb).Count | Should -Be 1
    }

    It 'writes HardwareNotFound for an unknown id and still returns the others' {
        $found = Get-HardwareConfig amd_mi300x, nope_gpu, nvidia_l4_24gb -ErrorAction SilentlyContinue -ErrorVariable err
        $found.HardwareId | Should -Be @('amd_mi300x', 'nvidia_l4_24gb')
        $err.Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -Be 'HardwareNotFound,ModelConfig.Commands.GetHardwareConfigCommand'
        $err[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $err[0].TargetObject | Should -Be 'nope_gpu'
        $err[0].Exception.Message | Should -BeLike "*'nope_gpu'*"
    }

    It 'writes one non-terminating InvalidHardwareId for a malformed pattern and goes on with the other values' {
        $found = Get-HardwareConfig '[', amd_mi300x -ErrorAction SilentlyContinue -ErrorVariable err
        $found.HardwareId | Should -Be 'amd_mi300x'
        $err.Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -Be 'InvalidHardwareId,ModelConfig.Commands.GetHardwareConfigCommand'
        $err[0].TargetObject | Should -Be '['
        ('[', 'amd_mi300x' | Get-HardwareConfig -ErrorAction SilentlyContinue -ErrorVariable err2).HardwareId | Should -Be 'amd_mi300x'
        $err2.Count | Should -Be 1
    }

    It 'writes one non-terminating InvalidVendor for a malformed -Vendor pattern' {
        Get-HardwareConfig -Vendor '[' -ErrorAction SilentlyContinue -ErrorVariable err | Should -BeNullOrEmpty
        $err.Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -Be 'InvalidVendor,ModelConfig.Commands.GetHardwareConfigCommand'
        $err[0].TargetObject | Should -Be '['
        (Get-HardwareConfig -Vendor '[A]MD').HardwareId | Should -Contain 'amd_mi300x'
    }

    It 'hands out copies: changing a returned entry does not change the next result' {
        $h = Get-HardwareConfig nvidia_h100_sxm_80gb
        $h.MemoryGB = 1
        $h.DenseTflops['bf16'] = 1
        $h.Aliases.Clear()
        $again = Get-HardwareConfig nvidia_h100_sxm_80gb
        $again.MemoryGB | Should -Be 80
        $again.DenseTflopsBf16 | Should -Be 989.4
        $again.Aliases | Should -Contain 'nvidia_h100_80gb'
        Import-Module $ModulePath -Force
        (Get-HardwareConfig nvidia_h100_sxm_80gb).MemoryGB | Should -Be 80
    }

    Context 'user folders in MODELCONFIG_HARDWARE_PATH' {
        BeforeAll {
            $script:userDir = New-TestFolder
            $h100 = Get-Content (Join-Path $BundledHardware 'nvidia_h100_sxm_80gb.json') -Raw | ConvertFrom-Json -AsHashtable
            $h100.name = 'My tuned H100'
            $h100.memory_gb = 79
            $h100.Remove('memory_bytes')
            $h100 | ConvertTo-Json -Depth 20 | Set-Content (Join-Path $userDir 'nvidia_h100_sxm_80gb.json')
            $h100.hardware_id = 'my_lab_gpu'
            $h100.aliases = @()
            $h100.name = 'Lab GPU'
            $h100 | ConvertTo-Json -Depth 20 | Set-Content (Join-Path $userDir 'my_lab_gpu.json')
            '{ "schema_version": 1, "hardware_id": ' | Set-Content (Join-Path $userDir 'broken_gpu.json')
        }
        AfterAll { Remove-Item $userDir -Recurse -Force }

        It 'adds entries, overrides a bundled id and reports one error for a corrupt file' {
            $env:MODELCONFIG_HARDWARE_PATH = $userDir
            $bundledCount = @(Get-ChildItem $BundledHardware -Filter *.json).Count
            $all = Get-HardwareConfig -ErrorAction SilentlyContinue -ErrorVariable err
            $all.Count | Should -Be ($bundledCount + 1)
            $all.HardwareId | Should -Contain 'my_lab_gpu'
            $all.HardwareId | Should -Contain 'amd_mi300x'
            $all.HardwareId | Should -Not -Contain 'broken_gpu'
            $mine = $all | Where-Object HardwareId -eq 'nvidia_h100_sxm_80gb'
            $mine.Name | Should -Be 'My tuned H100'
            $mine.MemoryGB | Should -Be 79
            $mine.SourcePath | Should -BeLike "$userDir*"
            $err.Count | Should -Be 1
            $err[0].FullyQualifiedErrorId | Should -Be 'HardwareConfigInvalid,ModelConfig.Commands.GetHardwareConfigCommand'
            $err[0].CategoryInfo.Category | Should -Be 'InvalidData'
            $err[0].TargetObject | Should -BeLike '*broken_gpu.json'
        }

        It 'reports a corrupt file once per call, however many patterns list it' {
            $env:MODELCONFIG_HARDWARE_PATH = $userDir
            $found = Get-HardwareConfig nvidia_h*, amd_* -ErrorAction SilentlyContinue -ErrorVariable err
            $found.HardwareId | Should -Contain 'amd_mi300x'
            $found.HardwareId | Should -Contain 'nvidia_h100_sxm_80gb'
            $err.Count | Should -Be 1
            $err[0].TargetObject | Should -BeLike '*broken_gpu.json'
            'nvidia_h*', 'amd_*' | Get-HardwareConfig -ErrorAction SilentlyContinue -ErrorVariable err2 | Out-Null
            $err2.Count | Should -Be 1
        }

        It 'names the corrupt file when its id is asked for, instead of HardwareNotFound' {
            $env:MODELCONFIG_HARDWARE_PATH = $userDir
            Get-HardwareConfig broken_gpu -ErrorAction SilentlyContinue -ErrorVariable err | Should -BeNullOrEmpty
            $err.Count | Should -Be 1
            $err[0].FullyQualifiedErrorId | Should -Be 'HardwareConfigInvalid,ModelConfig.Commands.GetHardwareConfigCommand'
        }

        It 'serves the override to lookups by id and by the bundled alias' {
            $env:MODELCONFIG_HARDWARE_PATH = $userDir
            (Get-HardwareConfig nvidia_h100_sxm_80gb).Name | Should -Be 'My tuned H100'
            (Get-HardwareConfig nvidia_h100_80gb).Name | Should -Be 'My tuned H100'
            (Get-HardwareConfig my_lab_gpu).Name | Should -Be 'Lab GPU'
        }

        It 'takes an id from a -Path folder over MODELCONFIG_HARDWARE_PATH over the bundled library, and lists them in that order' {
            $pathDir = New-TestFolder
            try {
                $h100 = Get-Content (Join-Path $BundledHardware 'nvidia_h100_sxm_80gb.json') -Raw | ConvertFrom-Json -AsHashtable
                $h100.name = 'From -Path'
                $h100 | ConvertTo-Json -Depth 20 | Set-Content (Join-Path $pathDir 'nvidia_h100_sxm_80gb.json')
                $env:MODELCONFIG_HARDWARE_PATH = $userDir
                (Get-HardwareConfig nvidia_h100_sxm_80gb -Path $pathDir).Name | Should -Be 'From -Path'
                (Get-HardwareConfig nvidia_h100_80gb -Path $pathDir).Name | Should -Be 'From -Path'
                (Get-HardwareConfig nvidia_h100_sxm_80gb).Name | Should -Be 'My tuned H100'
                Get-HardwareConfig nope_gpu -Path $pathDir -ErrorAction SilentlyContinue -ErrorVariable err
                $searched = ($err[0].Exception.Message -split 'Searched: ')[1]
                $searched.IndexOf($pathDir) | Should -BeLessThan $searched.IndexOf($userDir)
                $searched.IndexOf($userDir) | Should -BeLessThan $searched.IndexOf('hardware')
            }
            finally { Remove-Item $pathDir -Recurse -Force }
        }

        It 'goes back to the bundled entry once the variable is cleared' {
            $env:MODELCONFIG_HARDWARE_PATH = $null
            (Get-HardwareConfig nvidia_h100_sxm_80gb).Name | Should -Be 'H100 SXM5 80GB'
            Get-HardwareConfig my_lab_gpu -ErrorAction SilentlyContinue -ErrorVariable err | Should -BeNullOrEmpty
            $err[0].FullyQualifiedErrorId | Should -Be 'HardwareNotFound,ModelConfig.Commands.GetHardwareConfigCommand'
        }
    }
}
