# New-ModelConfig -HuggingFaceId against a loopback fake Hub (FakeHub.ps1): no internet, no ../shared.
# The cmdlet surface only: binding, output, error ids/categories/targets, what reaches the user. The Hub client's own
# behaviour (cache hits, retries and Retry-After, redirects, HF_TOKEN, cache repair, 403) is xunit's (tests/ModelConfig.Core.Tests/Hub).
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    . (Join-Path $PSScriptRoot 'FakeHub.ps1')

    $script:Sha = '0123456789abcdef0123456789abcdef01234567'
    $script:OtherSha = 'fedcba9876543210fedcba9876543210fedcba98'
    $script:TinyConfig = @{
        architectures = @('LlamaForCausalLM'); model_type = 'llama'; _name_or_path = 'org/name'
        hidden_size = 64; intermediate_size = 128; num_hidden_layers = 2; num_attention_heads = 4; num_key_value_heads = 2
        vocab_size = 100; max_position_embeddings = 256; rms_norm_eps = 1e-5; tie_word_embeddings = $false
        attention_bias = $false; mlp_bias = $false; hidden_act = 'silu'
    }
    # embed 6400 + 2 x (attn 64*64*2 + 64*32*2 = 12288, mlp 3*64*128 = 24576, norms 128) + norm 64 + lm_head 6400
    $script:TinyParams = 6400 + 2 * (12288 + 24576 + 128) + 64 + 6400
    $script:TinyJson = $TinyConfig | ConvertTo-Json -Compress

    # Every environment variable the Hub resolver or the library reads; saved once, cleared per test, restored at the end.
    $script:EnvNames = 'HF_HOME', 'HF_HUB_CACHE', 'HUGGINGFACE_HUB_CACHE', 'HF_ENDPOINT', 'HF_TOKEN', 'HUGGING_FACE_HUB_TOKEN',
        'HF_TOKEN_PATH', 'HF_HUB_OFFLINE', 'TRANSFORMERS_OFFLINE', 'MODELCONFIG_PATH', 'MODELCONFIG_HARDWARE_PATH'
    $script:SavedEnv = @{}
    foreach ($n in $EnvNames) { $SavedEnv[$n] = [Environment]::GetEnvironmentVariable($n) }

    # The routes of a healthy hub for org/name; $extra replaces or adds routes.
    function New-HubRoutes([hashtable] $Extra = @{}) {
        $r = @{
            '/api/models/org/name/revision/main'           = @{ Body = @{ sha = $Sha } }
            "/org/name/resolve/$Sha/config.json"           = @{ Body = $TinyJson }
            "/api/models/org/name/revision/$OtherSha"      = @{ Body = @{ sha = $OtherSha } }
            "/org/name/resolve/$OtherSha/config.json"      = @{ Body = $TinyJson }
        }
        foreach ($k in $Extra.Keys) { $r[$k] = $Extra[$k] }
        $r
    }
    function Start-TestHub([hashtable] $Extra = @{}) {
        $script:hub = Start-FakeHub -Routes (New-HubRoutes $Extra)
        $env:HF_ENDPOINT = $hub.Url
        $hub
    }
}

AfterAll {
    foreach ($n in $EnvNames) { [Environment]::SetEnvironmentVariable($n, $SavedEnv[$n]) }
}

Describe 'New-ModelConfig -HuggingFaceId (fake Hub)' {
    BeforeEach {
        foreach ($n in $EnvNames) { [Environment]::SetEnvironmentVariable($n, $null) }
        $script:work = New-TestFolder
        $script:hfHome = Join-Path $work 'hf'
        $script:cache = Join-Path $hfHome 'hub'
        $script:lib = Join-Path $work 'lib'
        $env:HF_HOME = $hfHome
        $env:HF_HUB_CACHE = $cache
        $script:hub = $null
    }
    AfterEach {
        if ($hub) { $hub.Stop() }
        foreach ($n in $EnvNames) { [Environment]::SetEnvironmentVariable($n, $null) }
        Remove-Item $work -Recurse -Force
    }

    It 'downloads, records the hub source and fills the HF cache' {
        Start-TestHub | Out-Null
        $m = New-ModelConfig -HuggingFaceId org/name -OutputDirectory $lib -ModelId tiny_hub -PassThru
        $m.ModelId | Should -Be 'tiny_hub'
        $m.TotalParams | Should -Be $TinyParams
        $m.HfModelId | Should -Be 'org/name'
        $m.Validated | Should -BeFalse

        $json = Get-Content (Join-Path $lib 'tiny_hub.json') -Raw | ConvertFrom-Json
        $json.source.kind | Should -Be 'hub'
        $json.source.hf_model_id | Should -Be 'org/name'
        $json.source.revision | Should -Be 'main'
        $json.source.commit_sha | Should -Be $Sha
        $json.hf_model_id | Should -Be 'org/name'

        $repo = Join-Path $cache 'models--org--name'
        $snapshot = Join-Path $repo "snapshots/$Sha/config.json"
        Test-Path $snapshot | Should -BeTrue
        (Get-Content $snapshot -Raw | ConvertFrom-Json).hidden_size | Should -Be 64
        (Get-Content (Join-Path $repo 'refs/main') -Raw).Trim() | Should -Be $Sha

        $hub.Requests.Path | Should -Be @('/api/models/org/name/revision/main', "/org/name/resolve/$Sha/config.json")
        $hub.Requests[0].UserAgent | Should -BeLike 'ModelConfig/*'
        $hub.Requests.Authorization | Where-Object { $_ } | Should -BeNullOrEmpty
    }

    It '-WhatIf writes neither the model file nor the HF cache, and a real run then caches the download (13.23)' {
        Start-TestHub | Out-Null
        $out = New-ModelConfig -HuggingFaceId org/name -OutputDirectory $lib -WhatIf -ErrorVariable err
        $err | Should -BeNullOrEmpty
        $out | Should -BeNullOrEmpty
        Test-Path $lib | Should -BeFalse
        # the config was read (what -WhatIf reports needs its parameter count) but nothing landed in the cache
        $hub.Requests.Path | Should -Be @('/api/models/org/name/revision/main', "/org/name/resolve/$Sha/config.json")
        @(Get-ChildItem $hfHome -Recurse -Force -ErrorAction SilentlyContinue).Count | Should -Be 0

        New-ModelConfig -HuggingFaceId org/name -OutputDirectory $lib -ModelId tiny_hub -Confirm:$false -ErrorVariable err
        $err | Should -BeNullOrEmpty
        Test-Path (Join-Path $cache "models--org--name/snapshots/$Sha/config.json") | Should -BeTrue
        (Get-Content (Join-Path $cache 'models--org--name/refs/main') -Raw).Trim() | Should -Be $Sha
        (Get-Content (Join-Path $lib 'tiny_hub.json') -Raw | ConvertFrom-Json).source.file | Should -Be 'config.json'
    }

    It 'caches nothing when the model file is refused (ModelConfigExists)' {
        Start-TestHub | Out-Null
        New-Item -ItemType Directory $lib | Out-Null
        Set-Content (Join-Path $lib 'tiny_hub.json') '{}'
        New-ModelConfig -HuggingFaceId org/name -OutputDirectory $lib -ModelId tiny_hub -ErrorAction SilentlyContinue -ErrorVariable err
        $err[0].FullyQualifiedErrorId | Should -BeLike 'ModelConfigExists,*'
        @(Get-ChildItem $hfHome -Recurse -Force -ErrorAction SilentlyContinue).Count | Should -Be 0
    }

    It 'in offline mode uses the cache and never the network' {
        Start-TestHub | Out-Null
        New-ModelConfig -HuggingFaceId org/name -OutputDirectory $lib -ModelId first
        $env:HF_HUB_OFFLINE = '1'
        $before = $hub.Requests.Count
        $m = New-ModelConfig -HuggingFaceId org/name -OutputDirectory $lib -ModelId offline_hit -PassThru -ErrorVariable err
        $err.Count | Should -Be 0
        $m.TotalParams | Should -Be $TinyParams
        $hub.Requests.Count | Should -Be $before
    }

    It 'never shows the user:password of HF_ENDPOINT in -Verbose output' {
        $env:HF_ENDPOINT = 'http://user:s3cretPass@127.0.0.1:9'
        $env:HF_HUB_OFFLINE = '1'
        $verbose = New-ModelConfig -HuggingFaceId org/name -OutputDirectory $lib -Verbose -ErrorAction SilentlyContinue 4>&1 |
            Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }
        ($verbose.Message -join ' ') | Should -BeLike '*http://127.0.0.1:9*'
        ($verbose.Message -join ' ') | Should -Not -BeLike '*s3cretPass*'
    }

    It 'in offline mode reports a cache miss as HubOffline without a request' {
        Start-TestHub | Out-Null
        $env:HF_HUB_OFFLINE = '1'
        New-ModelConfig -HuggingFaceId org/name -OutputDirectory $lib -ErrorAction SilentlyContinue -ErrorVariable err | Should -BeNullOrEmpty
        $err.Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -Be 'HubOffline,ModelConfig.Commands.NewModelConfigCommand'
        $err[0].TargetObject | Should -Be 'org/name'
        $err[0].Exception.Message | Should -BeLike '*HF_HUB_OFFLINE*org/name*'
        $hub.Requests.Count | Should -Be 0
        Test-Path $lib | Should -BeFalse
    }

    It 'reports 401 as HubUnauthorized and asks for a token with access' {
        Start-TestHub @{ '/api/models/org/name/revision/main' = @{ Status = 401; Body = '{"error":"Invalid username or password."}' } } | Out-Null
        New-ModelConfig -HuggingFaceId org/name -OutputDirectory $lib -ErrorAction SilentlyContinue -ErrorVariable err
        $err.Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -Be 'HubUnauthorized,ModelConfig.Commands.NewModelConfigCommand'
        $err[0].CategoryInfo.Category | Should -Be 'PermissionDenied'
        $err[0].Exception.Message | Should -BeLike "*'org/name'*token with access*"
        Test-Path $lib | Should -BeFalse
    }

    It 'reports 404 as HubNotFound naming the repo' {
        Start-TestHub @{ '/api/models/org/name/revision/main' = @{ Status = 404; Headers = @{ 'X-Error-Code' = 'RepoNotFound' }; Body = '{"error":"Repository not found"}' } } | Out-Null
        New-ModelConfig -HuggingFaceId org/name -OutputDirectory $lib -ErrorAction SilentlyContinue -ErrorVariable err
        $err.Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -Be 'HubNotFound,ModelConfig.Commands.NewModelConfigCommand'
        $err[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $err[0].Exception.Message | Should -BeLike "*'org/name'*not found*"
    }

    It 'gives up on a Hub that keeps answering 429 with HubRateLimited' {
        # Retry-After: 0 keeps the test fast; the resolver still makes its bounded retries (3) before giving up.
        Start-TestHub @{ '/api/models/org/name/revision/main' = @{ Status = 429; Headers = @{ 'Retry-After' = '0' } } } | Out-Null
        New-ModelConfig -HuggingFaceId org/name -OutputDirectory $lib -ErrorAction SilentlyContinue -ErrorVariable err
        $err.Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -Be 'HubRateLimited,ModelConfig.Commands.NewModelConfigCommand'
        $err[0].Exception.Message | Should -BeLike "*rate limiting*'org/name'*"
        $hub.Requests.Count | Should -Be 4
    }

    It 'reports a Hub slower than -TimeoutSec as HubTimeout' {
        Start-TestHub @{ '/api/models/org/name/revision/main' = @{ DelayMs = 5000; Body = @{ sha = $Sha } } } | Out-Null
        $sw = [Diagnostics.Stopwatch]::StartNew()
        New-ModelConfig -HuggingFaceId org/name -OutputDirectory $lib -TimeoutSec 1 -ErrorAction SilentlyContinue -ErrorVariable err
        $sw.Stop()
        $err.Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -Be 'HubTimeout,ModelConfig.Commands.NewModelConfigCommand'
        $err[0].CategoryInfo.Category | Should -Be 'OperationTimeout'
        $err[0].Exception.Message | Should -BeLike '*1 s*org/name*'
        $sw.Elapsed.TotalSeconds | Should -BeLessThan 4
    }

    It 'reports non-JSON from the revision API as HubMalformedResponse' {
        Start-TestHub @{ '/api/models/org/name/revision/main' = @{ Body = '<html>maintenance</html>'; ContentType = 'text/html' } } | Out-Null
        New-ModelConfig -HuggingFaceId org/name -OutputDirectory $lib -ErrorAction SilentlyContinue -ErrorVariable err
        $err.Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -Be 'HubMalformedResponse,ModelConfig.Commands.NewModelConfigCommand'
        $err[0].Exception.Message | Should -BeLike '*org/name*not JSON*'
    }

    It 'says an answer over 16 MiB is too large, not that the Hub is unreachable (13.21)' {
        # 17 MiB of a JSON string: more than the cap, well under what the loopback hub can send quickly.
        $big = '{"sha":"' + ('a' * (17MB)) + '"}'
        Start-TestHub @{ '/api/models/org/name/revision/main' = @{ Body = $big } } | Out-Null
        New-ModelConfig -HuggingFaceId org/name -OutputDirectory $lib -ErrorAction SilentlyContinue -ErrorVariable err
        $err.Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -Be 'HubMalformedResponse,ModelConfig.Commands.NewModelConfigCommand'
        $err[0].Exception.Message | Should -BeLike '*larger than 16 MiB*'
        $err[0].Exception.Message | Should -Not -BeLike '*Could not reach*'
    }

    It 'reports a malformed config.json as HubMalformedResponse and caches nothing' {
        Start-TestHub @{ "/org/name/resolve/$Sha/config.json" = @{ Body = '{"model_type": "llama", ' } } | Out-Null
        New-ModelConfig -HuggingFaceId org/name -OutputDirectory $lib -ErrorAction SilentlyContinue -ErrorVariable err
        $err.Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -Be 'HubMalformedResponse,ModelConfig.Commands.NewModelConfigCommand'
        $err[0].Exception.Message | Should -BeLike '*config.json*org/name*'
        Test-Path (Join-Path $cache "models--org--name/snapshots/$Sha/config.json") | Should -BeFalse
    }

    It 'sends -Token as a Bearer header and never shows it in an error' {
        $token = 'hf_SecretTestToken0123456789'
        Start-TestHub | Out-Null
        New-ModelConfig -HuggingFaceId org/name -Token $token -OutputDirectory $lib -ModelId with_token
        $hub.Requests.Count | Should -Be 2
        $hub.Requests.Authorization | Should -Be @("Bearer $token", "Bearer $token")

        # A refusal, with the token echoed back by the Hub: the message must still not contain it.
        $hub.Routes['/api/models/org/gated/revision/main'] = @{ Status = 403; Headers = @{ 'X-Error-Code' = 'GatedRepo'; 'X-Error-Message' = "token $token has no access" } }
        $hub.Routes['/api/models/org/gone/revision/main'] = @{ Status = 401 }
        [pscustomobject]@{ HuggingFaceId = 'org/gated' }, [pscustomobject]@{ HuggingFaceId = 'org/gone' } |
            New-ModelConfig -Token $token -OutputDirectory $lib -ErrorAction SilentlyContinue -ErrorVariable err
        $err.Count | Should -Be 2
        $err[0].FullyQualifiedErrorId | Should -Be 'HubUnauthorized,ModelConfig.Commands.NewModelConfigCommand'
        $err[1].FullyQualifiedErrorId | Should -Be 'HubUnauthorized,ModelConfig.Commands.NewModelConfigCommand'
        foreach ($e in $err) {
            $e.Exception.Message | Should -Not -BeLike "*$token*"
            ($e | Out-String) | Should -Not -BeLike "*$token*"
            $e.TargetObject | Should -Not -BeLike "*$token*"
        }
        $err[0].Exception.Message | Should -BeLike '*gated*'
        # The token is not written into the model file either.
        Get-Content (Join-Path $lib 'with_token.json') -Raw | Should -Not -BeLike "*$token*"
    }

    It 'rejects an invalid repo id without a request: <Id>' -ForEach @(
        @{ Id = 'no-org' }, @{ Id = 'a/b/c' }, @{ Id = '../etc' }, @{ Id = 'org/na me' }, @{ Id = 'org--x/name' }
    ) {
        Start-TestHub | Out-Null
        New-ModelConfig -HuggingFaceId $Id -OutputDirectory $lib -ErrorAction SilentlyContinue -ErrorVariable err
        $err.Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -Be 'InvalidHuggingFaceId,ModelConfig.Commands.NewModelConfigCommand'
        $err[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $err[0].TargetObject | Should -Be $Id
        $hub.Requests.Count | Should -Be 0
    }

    It 'downloads a pinned -Revision sha and records it' {
        Start-TestHub | Out-Null
        $m = New-ModelConfig -HuggingFaceId org/name -Revision $OtherSha -OutputDirectory $lib -ModelId pinned -PassThru
        $m.TotalParams | Should -Be $TinyParams
        $hub.Requests.Path | Should -Be @("/api/models/org/name/revision/$OtherSha", "/org/name/resolve/$OtherSha/config.json")
        $json = Get-Content (Join-Path $lib 'pinned.json') -Raw | ConvertFrom-Json
        $json.source.revision | Should -Be $OtherSha
        $json.source.commit_sha | Should -Be $OtherSha
        Test-Path (Join-Path $cache "models--org--name/snapshots/$OtherSha/config.json") | Should -BeTrue
        Test-Path (Join-Path $cache 'models--org--name/refs/main') | Should -BeFalse -Because 'a sha is not a branch: no ref is written'

        # A sha maps straight to its snapshot: a second call, even offline, needs no request.
        $env:HF_HUB_OFFLINE = '1'
        $before = $hub.Requests.Count
        New-ModelConfig -HuggingFaceId org/name -Revision $OtherSha -OutputDirectory $lib -ModelId pinned2 -ErrorVariable err
        $err.Count | Should -Be 0
        $hub.Requests.Count | Should -Be $before
    }

    It 'with -Path, -HuggingFaceId only records the repo and asks nothing of the Hub' {
        Start-TestHub | Out-Null
        $src = Join-Path $work 'src'
        New-Item -ItemType Directory $src | Out-Null
        $TinyJson | Set-Content (Join-Path $src 'config.json')
        $m = New-ModelConfig -Path $src -HuggingFaceId org/local -OutputDirectory $lib -ModelId local_with_id -PassThru
        $m.HfModelId | Should -Be 'org/local'
        $json = Get-Content (Join-Path $lib 'local_with_id.json') -Raw | ConvertFrom-Json
        $json.source.kind | Should -Be 'file'
        $json.source.hf_model_id | Should -Be 'org/local'
        $hub.Requests.Count | Should -Be 0
    }

}
