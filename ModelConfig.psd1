@{
    # The one version source: build.ps1 passes it to dotnet build, and a test checks the DLL matches.
    ModuleVersion        = '0.1.0'
    GUID                 = '5b0e3f1c-7a2d-4c38-9a4e-2f6d8c1b9e47'
    Author               = 'ModelConfig contributors'
    CompanyName          = 'ModelConfig'
    Copyright            = '(c) ModelConfig contributors. MIT License.'
    Description          = 'Exact, validated configurations of large language models, a sourced hardware library, and calibrated deployment estimates (memory, TTFT, TPOT, throughput).'
    PowerShellVersion    = '7.4'
    CompatiblePSEditions = @('Core')
    RootModule           = 'ModelConfig.dll'
    FormatsToProcess     = @('ModelConfig.Format.ps1xml')
    # Aliases for the table headers (Sort-Object TtftMs, Where-Object Hardware) and flat CSV/JSON text members.
    TypesToProcess       = @('ModelConfig.Types.ps1xml')
    CmdletsToExport      = @(
        'Get-ModelConfig'
        'Get-ModelMetadata'
        'New-ModelConfig'
        'Set-ModelValidation'
        'Test-ModelConfig'
        'Get-HardwareConfig'
        'Measure-Deployment'
        'Export-DeploymentChart'
        'Start-ModelConfigServer'
        'Stop-ModelConfigServer'
        'Find-Deployment'
        'Import-ServingBenchmark'
        'Compare-DeploymentEstimate'
        'New-EstimatorCalibration'
        'Get-EstimatorCalibration'
    )
    FunctionsToExport    = @()
    VariablesToExport    = @()
    AliasesToExport      = @()
    PrivateData          = @{
        PSData = @{
            Tags         = @('LLM', 'inference', 'GPU', 'capacity-planning', 'HuggingFace')
            ProjectUri   = 'https://github.com/modelconfig/ModelConfig'
            LicenseUri   = 'https://github.com/modelconfig/ModelConfig/blob/main/LICENSE'
            ReleaseNotes = 'Estimates carry Warnings (queueing behind a full KV cache, context past the model maximum, unknown engine, extrapolation, saturation); Measure-Deployment reads plan files (Import-Csv plan.csv | Measure-Deployment) and refuses layouts whose MLP width TP does not divide or whose TP group exceeds the hardware limit.'
        }
    }
}
