# The README's examples show what the module prints (tools/examples/Update-ReadmeExamples.ps1): estimates move with
# every estimator or calibration change, and a README quoting last month's figures misleads the reader it is for.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $script:Tool = Join-Path $RepoRoot 'tools/examples/Update-ReadmeExamples.ps1'
}

Describe 'README examples' {
    It 'show the output the built module prints for every marked command' {
        { & $Tool -ModulePath $ModulePath -Check 6>$null } | Should -Not -Throw
    }
}

Describe 'Update-ReadmeExamples' {
    BeforeAll {
        $script:Folder = New-TestFolder
        $script:Readme = Join-Path $Folder 'README.md'
    }
    AfterAll { Remove-Item -LiteralPath $Folder -Recurse -Force -ErrorAction SilentlyContinue }

    It 'rewrites outputs, keeps variables between commands, cuts where the README cut and writes errors concisely' {
        Set-Content -LiteralPath $Readme -Value @(
            '# Title', '', '<!-- example-output -->', '```text',
            'PS> $ids = ''llama_3.1_8b'', ''llama_3.3_70b''',
            'PS> Get-ModelConfig $ids |', '        Format-Table ModelId, TotalParams',
            'stale line', 'second stale line', '...', '',
            'PS> Get-ModelConfig no_such_model_anywhere',
            'PS> 6 * 7', '```', '', 'Prose after the block.'
        )
        & $Tool -ModulePath $ModulePath -Readme $Readme 6>$null
        $lines = Get-Content -LiteralPath $Readme
        $lines[0..6] | Should -Be @('# Title', '', '<!-- example-output -->', '```text', 'PS> $ids = ''llama_3.1_8b'', ''llama_3.3_70b''',
            'PS> Get-ModelConfig $ids |', '        Format-Table ModelId, TotalParams')
        # the README kept two lines before '...': the blank line under the command and the header
        $lines[7] | Should -Be ''
        $lines[8] | Should -Match '^ModelId\s+TotalParams$'
        $lines[9] | Should -Be '...'
        $lines[10] | Should -Be ''
        $lines[11] | Should -Be 'PS> Get-ModelConfig no_such_model_anywhere'
        $lines[12] | Should -Match '^Get-ModelConfig: No model config with id ''no_such_model_anywhere'' was found\.'
        $lines[13..15] | Should -Be @('', 'PS> 6 * 7', '42')
        $lines[-2..-1] | Should -Be @('', 'Prose after the block.')
        { & $Tool -ModulePath $ModulePath -Readme $Readme -Check 6>$null } | Should -Not -Throw
    }

    It 'names the command whose output differs under -Check and leaves the file as it was' {
        Set-Content -LiteralPath $Readme -Value @('<!-- example-output -->', '```text', 'PS> 6 * 7', '41', '```')
        $before = Get-Content -LiteralPath $Readme -Raw
        { & $Tool -ModulePath $ModulePath -Readme $Readme -Check 6>$null } | Should -Throw '*1 of 1 example commands*PS> 6 `* 7*was: 41*now: 42*'
        Get-Content -LiteralPath $Readme -Raw | Should -BeExactly $before
    }

    It 'refuses a marker that does not stand above a fenced block' {
        Set-Content -LiteralPath $Readme -Value @('<!-- example-output -->', 'PS> 1')
        { & $Tool -ModulePath $ModulePath -Readme $Readme 6>$null } | Should -Throw '*line 1*fenced block*'
    }
}
