BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $script:Commands = Get-Command -Module ModelConfig
    $script:Common = [System.Management.Automation.Cmdlet]::CommonParameters + [System.Management.Automation.Cmdlet]::OptionalCommonParameters
}

Describe 'The built module' {
    It 'has the manifest version in its assembly (one version source)' {
        $manifest = Import-PowerShellDataFile $ModulePath
        $dll = Join-Path (Split-Path $ModulePath) 'ModelConfig.dll'
        [Reflection.AssemblyName]::GetAssemblyName($dll).Version.ToString(3) | Should -Be $manifest.ModuleVersion
    }

    It 'does not ship System.Management.Automation, netstandard or System.Text.Json' {
        Get-ChildItem (Split-Path $ModulePath) -Recurse -Include System.Management.Automation.dll, netstandard.dll, System.Text.Json.dll |
            Should -BeNullOrEmpty
    }

    It 'lists every error id of the error catalogue in about_ModelConfig' {
        $catalog = Get-Content (Join-Path $RepoRoot 'src/ModelConfig/ErrorCatalog.cs') -Raw
        $ids = [regex]::Matches($catalog, '"([A-Z][A-Za-z]+)", ErrorCategory') | ForEach-Object { $_.Groups[1].Value } | Sort-Object -Unique
        $ids.Count | Should -BeGreaterThan 20
        $about = Get-Content (Join-Path (Split-Path $ModulePath) 'en-US/about_ModelConfig.help.txt') -Raw
        foreach ($id in $ids) { $about | Should -Match "\b$id\b" -Because "about_ModelConfig must explain $id" }
    }

    It 'builds every ErrorRecord in the error catalogue' {
        $elsewhere = Get-ChildItem (Join-Path $RepoRoot 'src/ModelConfig') -Filter *.cs |
            Where-Object Name -ne 'ErrorCatalog.cs' | Select-String -Pattern 'new ErrorRecord\('
        $elsewhere | Should -BeNullOrEmpty
    }

    It 'exports every cmdlet the manifest lists' {
        $manifest = Import-PowerShellDataFile $ModulePath
        ($Commands.Name | Sort-Object) | Should -Be ($manifest.CmdletsToExport | Sort-Object)
    }
}

Describe 'Help and naming of <_.Name>' -ForEach (Get-Command -Module ModelConfig) {
    BeforeAll { $script:Help = Get-Help $_.Name -Full }

    It 'uses an approved verb and a singular noun' {
        (Get-Verb).Verb | Should -Contain $_.Verb
        $_.Noun | Should -Not -Match 's$'
    }

    It 'has a synopsis, a description and examples' {
        $Help.Synopsis | Should -Not -BeNullOrEmpty
        $Help.Synopsis | Should -Not -BeLike "*$($_.Name) *[<]*"   # not the auto-generated syntax line
        ($Help.Description.Text -join '') | Should -Not -BeNullOrEmpty
        @($Help.Examples.Example).Count | Should -BeGreaterOrEqual 1
    }

    It 'describes every parameter' {
        foreach ($p in $_.Parameters.Keys | Where-Object { $_ -notin $Common }) {
            $ph = $Help.Parameters.Parameter | Where-Object Name -eq $p
            ($ph.Description.Text -join '') | Should -Not -BeNullOrEmpty -Because "-$p needs a description"
        }
    }

    It 'declares its output type' {
        $_.OutputType | Should -Not -BeNullOrEmpty
    }
}
