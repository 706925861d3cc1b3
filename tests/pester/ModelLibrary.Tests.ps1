BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')

    # What may differ between two runs of the regeneration: the clock, and the account that ran it.
    function ConvertTo-ComparableText([string] $Text) {
        $Text = $Text -replace '"(validated_at_utc|retrieved_at_utc)": "[^"]*"', '"$1": "<time>"'
        $Text -replace '"validated_by": "[^"]*"', '"validated_by": "<user>"'
    }
}

Describe 'The bundled model library' {
    It 'equals the output of tools/model-library/Update-ModelLibrary.ps1 (manifest models and tools/model-library/extra-models.json), apart from timestamps' {
        $manifest = Join-Path $SharedDir 'reference/hf-configs/manifest.csv'
        if (-not (Test-Path $manifest)) {
            Set-ItResult -Skipped -Because "the shared reference data is missing ($manifest); the library cannot be regenerated without it"
            return
        }
        $out = New-TestFolder
        try {
            $null = & (Join-Path $RepoRoot 'tools/model-library/Update-ModelLibrary.ps1') -SharedDir $SharedDir -OutputDirectory $out -ModulePath $ModulePath 6>$null
            $committedDir = Join-Path $RepoRoot 'data/model_configs'
            $generated = @(Get-ChildItem $out -Filter *.json | ForEach-Object Name | Sort-Object)
            $committed = @(Get-ChildItem $committedDir -Filter *.json | ForEach-Object Name | Sort-Object)
            ($generated -join ',') | Should -Be ($committed -join ',')
            $different = foreach ($name in $committed) {
                $a = ConvertTo-ComparableText ([IO.File]::ReadAllText((Join-Path $committedDir $name)))
                $b = ConvertTo-ComparableText ([IO.File]::ReadAllText((Join-Path $out $name)))
                if ($a -ne $b) { $name }
            }
            $different | Should -BeNullOrEmpty -Because 're-run tools/model-library/Update-ModelLibrary.ps1 after a Build and commit its output'
        }
        finally { Remove-Item $out -Recurse -Force -ErrorAction SilentlyContinue }
    }

    It 'records each bundled config''s source by HF id and file name, not by the generating machine''s path (13.25)' {
        foreach ($file in Get-ChildItem (Join-Path $RepoRoot 'data/model_configs') -Filter *.json) {
            $source = (Get-Content -Raw $file.FullName | ConvertFrom-Json).source
            $source.PSObject.Properties.Name | Should -Not -Contain 'path' -Because $file.Name
            $source.file | Should -Be 'config.json' -Because $file.Name
            $source.hf_model_id | Should -Not -BeNullOrEmpty -Because $file.Name
        }
    }

    It 'validates every extra model whose expected count is recorded, and only those' {
        $extra = (Get-Content -Raw (Join-Path $RepoRoot 'tools/model-library/extra-models.json') | ConvertFrom-Json).models
        $extra.Count | Should -BeGreaterThan 10
        $files = Get-ChildItem (Join-Path $RepoRoot 'data/model_configs') -Filter *.json | ForEach-Object { Get-Content -Raw $_.FullName | ConvertFrom-Json }
        foreach ($entry in $extra) {
            $m = @($files | Where-Object hf_model_id -eq $entry.hf_id)
            $m.Count | Should -Be 1 -Because $entry.hf_id
            $m[0].validated | Should -Be ($null -ne $entry.expected_params) -Because $entry.hf_id
            if ($null -ne $entry.expected_params) { $m[0].total_params | Should -Be ([long]$entry.expected_params) -Because $entry.hf_id }
        }
    }
}
