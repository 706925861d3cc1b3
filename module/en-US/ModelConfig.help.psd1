# Help source for the ModelConfig cmdlets. tools/New-MamlHelp.ps1 turns it into en-US/ModelConfig.dll-Help.xml at
# build time, taking syntax from the compiled cmdlets; every cmdlet needs a synopsis, a description, examples and a
# description of every parameter, or the build fails.
@{
    'Get-ModelConfig' = @{
        Synopsis    = 'Lists and loads model configurations from the offline library.'
        Description = @'
Returns typed model configuration objects (ModelConfig.Core.Models.ModelConfiguration) from the library: exact parameter counts, per-layer specs and the review state. With no id, every config in the library is returned, sorted by id.

The library search path, highest precedence first: the folders given to -Path, then each folder in $env:MODELCONFIG_PATH (separated by the platform path separator, ':' on Linux and macOS, ';' on Windows) from left to right, then the bundled data/model_configs folder. When two folders hold the same id, the earlier folder wins (like PATH); -Verbose names the files it overrides, and SourcePath shows which file was read.

A file that is not valid JSON or does not follow the schema produces one ModelConfigInvalid error naming the file and the field; every other config still lists. An id that matches nothing produces a ModelNotFound error naming the id and the folders searched; a wildcard that matches nothing returns nothing, as Get-ChildItem does.
'@
        Parameters  = @{
            ModelId       = 'One or more model ids (the file name without .json, e.g. llama_3.3_70b). Wildcards are allowed. Accepts pipeline input, also by property name from objects with a ModelId property. Ids may not contain path separators or "..".'
            HuggingFaceId = 'Finds configs by their HuggingFace id (e.g. meta-llama/Llama-3.3-70B-Instruct), case-insensitive; wildcards are allowed.'
            Path          = 'Extra library folders, or single config files, searched before $env:MODELCONFIG_PATH and the bundled library.'
            Validated     = 'Returns only configs marked validated.'
        }
        Examples    = @(
            @{ Code = 'Get-ModelConfig'; Remarks = 'Lists every model in the library with its exact parameter count.' }
            @{ Code = 'Get-ModelConfig llama* | Sort-Object TotalParams | Format-Table ModelId, TotalParams, NumLayers'; Remarks = 'Loads the Llama models and sorts them by size.' }
            @{ Code = 'Get-ModelConfig -HuggingFaceId meta-llama/Llama-3.3-70B-Instruct | Format-List'; Remarks = 'Finds a model by its HuggingFace id and shows every field.' }
            @{ Code = '(Get-ModelConfig qwen3_30b_a3b).Layers | Select-Object -First 3'; Remarks = 'Shows the first tensor groups of a model: the embedding and the first decoder layers.' }
            @{ Code = '$env:MODELCONFIG_PATH = "$HOME/my-models"; Get-ModelConfig -Validated'; Remarks = 'Adds a folder of your own configs to the search path and lists only validated models.' }
        )
        Links       = @('Get-ModelMetadata', 'New-ModelConfig', 'Set-ModelValidation', 'about_ModelConfig')
    }
    'Get-ModelMetadata' = @{
        Synopsis    = 'Returns the summary record of models.'
        Description = 'Returns one ModelConfig.Core.Models.ModelMetadata object per model with the fields the original system returned: model id, name, architecture, total parameters (exact and formatted), validated flag and notes, hidden size, layer count, vocabulary size and HuggingFace id. Takes ids (wildcards allowed) or model config objects from the pipeline.'
        Parameters  = @{
            ModelId     = 'One or more model ids; wildcards are allowed. Binds from the pipeline by property name.'
            InputObject = 'A model config from Get-ModelConfig; used as it is, without reading its file again.'
            Path        = 'Extra library folders searched before $env:MODELCONFIG_PATH and the bundled library.'
        }
        Examples    = @(
            @{ Code = 'Get-ModelMetadata llama_3.3_70b'; Remarks = 'The summary of one model.' }
            @{ Code = 'Get-ModelConfig llama* | Get-ModelMetadata | Export-Csv models.csv'; Remarks = 'Exports the summaries of the Llama models.' }
        )
        Links       = @('Get-ModelConfig', 'about_ModelConfig')
    }
}
