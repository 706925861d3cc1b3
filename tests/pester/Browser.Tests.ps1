BeforeAll { . (Join-Path $PSScriptRoot 'Common.ps1') }

Describe 'The estimate page in headless Chromium' {
    It 'shows the numbers POST /v1/estimate returns' {
        if (-not (Test-Path /usr/bin/chromium)) {
            Set-ItResult -Skipped -Because 'Chromium is not installed (/usr/bin/chromium); apt-get install -y chromium, or CI=true .ci/run as root, runs this test'
            return
        }
        $r = & (Join-Path $RepoRoot 'tests/browser/Test-EstimatePage.ps1') -ModulePath $ModulePath
        $r.Status | Should -Be 'Passed' -Because $r.Message
    }
}
