BeforeDiscovery {
    $sharedDir = if ($env:MODELCONFIG_SHARED_DIR) { $env:MODELCONFIG_SHARED_DIR } else { Join-Path $PSScriptRoot '../../../shared' }
    $script:NoShared = -not (Test-Path (Join-Path $sharedDir 'reference/hf-configs/manifest.csv'))
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    # A small llama-shaped config.json, so these tests never need ../shared.
    $script:TinyConfig = @{
        architectures = @('LlamaForCausalLM'); model_type = 'llama'; _name_or_path = 'test-org/Tiny-Llama-Test'
        hidden_size = 64; intermediate_size = 128; num_hidden_layers = 2; num_attention_heads = 4; num_key_value_heads = 2
        vocab_size = 100; max_position_embeddings = 256; rms_norm_eps = 1e-5; tie_word_embeddings = $false
        attention_bias = $false; mlp_bias = $false; hidden_act = 'silu'
    }
    # embed 6400 + 2 x (attn 64*64*2 + 64*32*2 = 12288, mlp 3*64*128 = 24576, norms 128) + norm 64 + lm_head 6400
    $script:TinyParams = 6400 + 2 * (12288 + 24576 + 128) + 64 + 6400
}

Describe 'New-ModelConfig -Path' {
    BeforeEach {
        $script:work = New-TestFolder
        $script:src = Join-Path $work 'src'
        $script:lib = Join-Path $work 'lib'
        New-Item -ItemType Directory $src, $lib | Out-Null
        $TinyConfig | ConvertTo-Json | Set-Content (Join-Path $src 'config.json')
        $env:MODELCONFIG_PATH = $null
    }
    AfterEach { Remove-Item $work -Recurse -Force; $env:MODELCONFIG_PATH = $null }

    It 'builds an unvalidated config with exact counts from a config.json file' {
        $m = New-ModelConfig -Path (Join-Path $src 'config.json') -OutputDirectory $lib -ModelId tiny_test -PassThru
        $m.ModelId | Should -Be 'tiny_test'
        $m.TotalParams | Should -Be $TinyParams
        $m.Validated | Should -BeFalse
        $m.SourcePath | Should -Be (Join-Path $lib 'tiny_test.json')
        $json = Get-Content $m.SourcePath -Raw | ConvertFrom-Json
        $json.schema_version | Should -Be 1
        $json.builder_version | Should -Not -BeNullOrEmpty
        $json.architecture_facts.hidden_size | Should -Be 64
        $json.source.kind | Should -Be 'file'
        $json.layers.Count | Should -Be 2
    }

    It 'accepts a folder holding config.json and derives the id from the name' {
        $m = New-ModelConfig -Path $src -OutputDirectory $lib -PassThru
        $m.ModelId | Should -Be 'tiny_llama_test'
    }

    It 'writes into the first MODELCONFIG_PATH folder by default, where Get-ModelConfig finds it' {
        $env:MODELCONFIG_PATH = $lib
        New-ModelConfig -Path $src -ModelId tiny_env
        Test-Path (Join-Path $lib 'tiny_env.json') | Should -BeTrue
        (Get-ModelConfig tiny_env).TotalParams | Should -Be $TinyParams
    }

    It 'refuses to overwrite without -Force, and overwrites with it' {
        New-ModelConfig -Path $src -OutputDirectory $lib -ModelId tiny_test
        New-ModelConfig -Path $src -OutputDirectory $lib -ModelId tiny_test -ErrorAction SilentlyContinue -ErrorVariable err
        $err[0].FullyQualifiedErrorId | Should -Be 'ModelConfigExists,ModelConfig.Commands.NewModelConfigCommand'
        New-ModelConfig -Path $src -OutputDirectory $lib -ModelId tiny_test -Force -ErrorVariable err2
        $err2.Count | Should -Be 0
    }

    It 'never overwrites a bundled config inside the installed module, even with -Force' {
        $bundled = Join-Path (Split-Path $ModulePath) 'data/model_configs'
        $before = Get-Content (Join-Path $bundled 'llama_3.3_70b.json') -Raw
        New-ModelConfig -Path $src -OutputDirectory $bundled -ModelId llama_3.3_70b -Force -ErrorAction SilentlyContinue -ErrorVariable err
        $err[0].FullyQualifiedErrorId | Should -Be 'ModuleFolderReadOnly,ModelConfig.Commands.NewModelConfigCommand'
        Get-Content (Join-Path $bundled 'llama_3.3_70b.json') -Raw | Should -Be $before
    }

    It 'derives the id from the folder of a config.json that names no model' {
        $cfg = $TinyConfig.Clone(); $cfg.Remove('_name_or_path')
        $folder = Join-Path $work 'Llama-3.1-8B'
        New-Item -ItemType Directory $folder | Out-Null
        $cfg | ConvertTo-Json | Set-Content (Join-Path $folder 'config.json')
        $m = New-ModelConfig -Path (Join-Path $folder 'config.json') -OutputDirectory $lib -PassThru
        $m.ModelId | Should -Be 'llama_3.1_8b'
    }

    It 'refuses to write one file twice in one call, naming both inputs' {
        $other = Join-Path $work 'other'
        New-Item -ItemType Directory $other | Out-Null
        $TinyConfig | ConvertTo-Json | Set-Content (Join-Path $other 'config.json')
        Get-Item $src, $other | New-ModelConfig -OutputDirectory $lib -Force -ErrorAction SilentlyContinue -ErrorVariable err
        $err.Count | Should -Be 1
        $err[0].Exception.Message | Should -BeLike "*$other*$src*"
    }

    It 'keeps a pipeline going after a config with an unusable value, naming the field' {
        $bad = Join-Path $work 'bad'
        New-Item -ItemType Directory $bad | Out-Null
        $cfg = $TinyConfig.Clone(); $cfg.hidden_size = 2147483647; $cfg._name_or_path = 'bad'
        $cfg | ConvertTo-Json | Set-Content (Join-Path $bad 'config.json')
        $out = Get-ChildItem $work -Filter config.json -Recurse | New-ModelConfig -OutputDirectory $lib -PassThru -ErrorAction SilentlyContinue -ErrorVariable err
        @($out).Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -Be 'InvalidModelConfig,ModelConfig.Commands.NewModelConfigCommand'
        $err[0].Exception.Message | Should -BeLike '*hidden_size*'
    }

    It 'writes nothing with -WhatIf' {
        New-ModelConfig -Path $src -OutputDirectory $lib -ModelId tiny_test -WhatIf
        Test-Path (Join-Path $lib 'tiny_test.json') | Should -BeFalse
    }

    It 'reports an unsupported model_type by name' {
        $c = $TinyConfig.Clone(); $c.model_type = 'frobnicator'
        $c | ConvertTo-Json | Set-Content (Join-Path $src 'config.json')
        New-ModelConfig -Path $src -OutputDirectory $lib -ErrorAction SilentlyContinue -ErrorVariable err
        $err[0].FullyQualifiedErrorId | Should -Be 'UnsupportedArchitecture,ModelConfig.Commands.NewModelConfigCommand'
        $err[0].Exception.Message | Should -BeLike '*frobnicator*'
        Get-ChildItem $lib | Should -BeNullOrEmpty
    }

    It 'reports a missing required field by name' {
        $c = $TinyConfig.Clone(); $c.Remove('hidden_size')
        $c | ConvertTo-Json | Set-Content (Join-Path $src 'config.json')
        New-ModelConfig -Path $src -OutputDirectory $lib -ErrorAction SilentlyContinue -ErrorVariable err
        $err[0].FullyQualifiedErrorId | Should -Be 'InvalidModelConfig,ModelConfig.Commands.NewModelConfigCommand'
        $err[0].Exception.Message | Should -BeLike '*hidden_size*'
    }

    It 'reports a missing path' {
        New-ModelConfig -Path (Join-Path $work 'nope') -OutputDirectory $lib -ErrorAction SilentlyContinue -ErrorVariable err
        $err[0].FullyQualifiedErrorId | Should -Be 'PathNotFound,ModelConfig.Commands.NewModelConfigCommand'
    }

    It 'rejects an id with a path separator' {
        New-ModelConfig -Path $src -OutputDirectory $lib -ModelId '../evil' -ErrorAction SilentlyContinue -ErrorVariable err
        $err[0].FullyQualifiedErrorId | Should -Be 'InvalidModelId,ModelConfig.Commands.NewModelConfigCommand'
        Test-Path (Join-Path $work 'evil.json') | Should -BeFalse
    }
}

Describe 'New-ModelConfig over the reference configs' -Skip:$NoShared {
    It 'reproduces every expected count of the manifest' {
        $out = New-TestFolder
        try {
            $rows = Import-Csv (Join-Path $SharedDir 'reference/hf-configs/manifest.csv') | Where-Object { $_.config_file -and $_.expected_total_params }
            $rows.Count | Should -BeGreaterThan 20
            $failures = foreach ($row in $rows) {
                $m = New-ModelConfig -Path (Join-Path $SharedDir "reference/hf-configs/$($row.config_file)") -OutputDirectory $out -PassThru -Force
                if ($m.TotalParams -ne [long]$row.expected_total_params) { "$($row.hf_id): $($m.TotalParams) != $($row.expected_total_params)" }
            }
            $failures | Should -BeNullOrEmpty
        }
        finally { Remove-Item $out -Recurse -Force }
    }
}
