BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $script:Folder = New-TestFolder
    $script:Sweep = Measure-Deployment llama_3.1_8b -Hardware nvidia_h100_sxm_80gb, nvidia_l40s_48gb -Concurrency 1, 8, 32 -InputLength 1024 -OutputLength 128
    $script:Layers = Measure-Deployment llama_3.1_8b -Hardware nvidia_h100_sxm_80gb -BatchSize 4 -IncludeLayers
}
AfterAll { Remove-Item $script:Folder -Recurse -Force }

Describe 'Export-DeploymentChart' {
    It 'writes <Kind> as a PNG of the requested size and an SVG with text' -ForEach @(
        @{ Kind = 'Roofline' }, @{ Kind = 'MemoryBreakdown' }, @{ Kind = 'Sweep' }, @{ Kind = 'Pareto' }
    ) {
        $in = if ($Kind -eq 'Roofline') { $Layers } else { $Sweep }
        $png = $in | Export-DeploymentChart -Kind $Kind -Path (Join-Path $Folder "$Kind.png") -Width 500 -Height 300
        $png | Should -BeOfType System.IO.FileInfo
        $bytes = [IO.File]::ReadAllBytes($png.FullName)
        $bytes[0..7] | Should -Be @(0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A)
        # Decoded with the SkiaSharp the module ships (loaded by the export above), not just the header read.
        $bitmap = [SkiaSharp.SKBitmap]::Decode($bytes)
        try { $bitmap.Width, $bitmap.Height | Should -Be @(500, 300) } finally { $bitmap.Dispose() }
        $svg = $in | Export-DeploymentChart $Kind (Join-Path $Folder "$Kind.svg")
        [xml] $xml = Get-Content $svg.FullName -Raw
        $xml.DocumentElement.LocalName | Should -Be 'svg'
        $xml.GetElementsByTagName('text').Count | Should -BeGreaterThan 3
    }

    It 'reports input that is not an estimate, a roofline without layers and an unknown extension' {
        $null = @('text', $Sweep[0]) | Export-DeploymentChart Pareto (Join-Path $Folder 'p.svg') -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -Be 'ChartInputInvalid,ModelConfig.Commands.ExportDeploymentChartCommand'
        { $Sweep | Export-DeploymentChart Roofline (Join-Path $Folder 'r.svg') } | Should -Throw -ErrorId 'ChartInputInvalid,ModelConfig.Commands.ExportDeploymentChartCommand'
        { $Sweep | Export-DeploymentChart Sweep (Join-Path $Folder 's.gif') } | Should -Throw -ErrorId 'ChartInputInvalid,ModelConfig.Commands.ExportDeploymentChartCommand'
    }
}
