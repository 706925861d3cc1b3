# Issue 13.27: build.ps1 -Task Package writes a .nupkg that PSResourceGet installs from a local repository.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $script:ModuleFolder = Split-Path $ModulePath -Parent
    $script:Version = (Import-PowerShellDataFile $ModulePath).ModuleVersion
    # A fresh pwsh like the one running the tests: 'dotnet pwsh.dll' under the dotnet tool, the pwsh executable otherwise.
    function Invoke-FreshPwsh([string] $Command) {
        $host_ = [Environment]::ProcessPath
        $prefix = @(if ([IO.Path]::GetFileNameWithoutExtension($host_) -eq 'dotnet') { Join-Path $PSHOME 'pwsh.dll' })
        & $host_ @prefix -NoProfile -NonInteractive -Command $Command
    }
}

Describe 'Package (13.27)' {
    It 'the manifest carries ProjectUri, LicenseUri and ReleaseNotes, and the module ships its LICENSE' {
        $psData = (Import-PowerShellDataFile $ModulePath).PrivateData.PSData
        $psData.ProjectUri | Should -Match '^https://'
        $psData.LicenseUri | Should -Match '^https://.*LICENSE$'
        $psData.ReleaseNotes | Should -Not -BeNullOrEmpty
        Join-Path $ModuleFolder 'LICENSE' | Should -Exist
    }

    It 'packs the built module, Save-PSResource installs it from a local repository, and it imports and runs in a fresh pwsh' {
        if (-not (Get-Command Compress-PSResource, Register-PSResourceRepository, Save-PSResource -ErrorAction SilentlyContinue)) {
            Set-ItResult -Skipped -Because 'Microsoft.PowerShell.PSResourceGet (1.1+, shipped with PowerShell 7.4+) is not available'
            return
        }
        $feed = New-TestFolder
        $installRoot = New-TestFolder
        $repository = 'ModelConfigPester' + [guid]::NewGuid().ToString('N').Substring(0, 8)
        try {
            $package = & (Join-Path $RepoRoot 'tools/build/New-ModulePackage.ps1') -ModuleFolder $ModuleFolder -OutputDirectory $feed
            $package.Name | Should -Be "ModelConfig.$Version.nupkg"

            Register-PSResourceRepository -Name $repository -Uri $feed -Trusted
            $found = Find-PSResource -Name ModelConfig -Repository $repository
            $found.Version.ToString() | Should -Be $Version
            $found.ProjectUri | Should -Not -BeNullOrEmpty
            Save-PSResource -Name ModelConfig -Repository $repository -Path $installRoot -TrustRepository -Quiet

            $installed = Join-Path $installRoot "ModelConfig/$Version/ModelConfig.psd1"
            $installed | Should -Exist
            Join-Path $installRoot "ModelConfig/$Version/LICENSE" | Should -Exist
            $out = Invoke-FreshPwsh ("`$ErrorActionPreference = 'Stop'; Import-Module '{0}'; " -f $installed +
                "'path=' + (Get-Module ModelConfig).ModuleBase; 'params=' + (Get-ModelConfig llama_3.3_70b).TotalParams")
            $LASTEXITCODE | Should -Be 0 -Because ($out -join "`n")
            $out | Should -Contain "params=70553706496"
            ($out | Where-Object { $_ -like 'path=*' }) | Should -Be ('path=' + (Split-Path $installed -Parent))
        }
        finally {
            Unregister-PSResourceRepository -Name $repository -ErrorAction SilentlyContinue
            Remove-Item $feed, $installRoot -Recurse -Force -ErrorAction SilentlyContinue
        }
    }
}
