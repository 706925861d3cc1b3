# A loopback stand-in for the HuggingFace Hub, for Pester tests. No internet needed.
#
#   . "$PSScriptRoot/FakeHub.ps1"
#   $hub = Start-FakeHub -Routes @{
#       '/api/models/org/name/revision/main' = @{ Body = @{ sha = '0123456789abcdef0123456789abcdef01234567' } }
#       '/org/name/resolve/0123456789abcdef0123456789abcdef01234567/config.json' = @{ Body = '{"model_type":"llama"}' }
#       '/api/models/org/gated/revision/main' = @{ Status = 403; Headers = @{ 'X-Error-Code' = 'GatedRepo' } }
#       '/api/models/org/busy/revision/main'  = @( @{ Status = 429; Headers = @{ 'Retry-After' = '1' } }, @{ Body = @{ sha = '...' } } )
#       '/api/models/org/slow/revision/main'  = @{ DelayMs = 5000; Body = '{}' }
#   }
#   $env:HF_ENDPOINT = $hub.Url          # e.g. http://127.0.0.1:41234 (no trailing slash)
#   ... run the command under test ...
#   $hub.Requests                        # [pscustomobject] Method, Path, Query, Authorization, UserAgent, in order
#   $hub.Stop()                          # or: Stop-FakeHub $hub   (put it in AfterAll/AfterEach)
#
# A route is matched on the raw request path (percent-escapes kept, query ignored, case-insensitive keys
# unless you pass a case-sensitive hashtable). Its value is one response or an array of responses that are
# answered in order, the last one repeating. A response is a hashtable with optional keys:
#   Status (default 200), Body (string sent as is; anything else sent as compressed JSON),
#   Headers (hashtable), ContentType (default application/json), DelayMs (wait before answering;
#   Stop() cuts it short). A plain string is shorthand for @{ Body = <string> }.
# Unknown paths answer 404 with X-Error-Code: EntryNotFound. Routes may be changed while the hub runs
# through $hub.Routes. The server runs in a background runspace and handles one request at a time.

function Start-FakeHub {
    [CmdletBinding()]
    param([hashtable] $Routes = @{})

    $listener = $null
    for ($attempt = 0; $attempt -lt 5 -and -not $listener; $attempt++) {
        $probe = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $probe.Start()
        $port = $probe.LocalEndpoint.Port
        $probe.Stop()
        $candidate = [System.Net.HttpListener]::new()
        $candidate.Prefixes.Add("http://127.0.0.1:$port/")
        try { $candidate.Start(); $listener = $candidate }
        catch { $candidate.Close() }   # the port was taken in between; try another
    }
    if (-not $listener) { throw 'Start-FakeHub: could not start an HttpListener on a free loopback port.' }

    $state = [hashtable]::Synchronized(@{
        Routes   = [hashtable]::Synchronized($Routes)
        Counters = [hashtable]::Synchronized(@{})
        Requests = [System.Collections.ArrayList]::Synchronized([System.Collections.ArrayList]::new())
        Stopping = [System.Threading.ManualResetEventSlim]::new($false)
        Errors   = [System.Collections.ArrayList]::Synchronized([System.Collections.ArrayList]::new())
    })

    $server = {
        param($listener, $state)
        while ($listener.IsListening) {
            try { $ctx = $listener.GetContext() } catch { break }   # Stop() closes the listener
            try {
                $req = $ctx.Request
                $raw = $req.RawUrl
                $q = $raw.IndexOf('?')
                $path = if ($q -ge 0) { $raw.Substring(0, $q) } else { $raw }
                $null = $state.Requests.Add([pscustomobject]@{
                    Method        = $req.HttpMethod
                    Path          = $path
                    Query         = if ($q -ge 0) { $raw.Substring($q) } else { '' }
                    Authorization = $req.Headers['Authorization']
                    UserAgent     = $req.UserAgent
                })

                $route = $state.Routes[$path]
                if ($null -eq $route) {
                    $resp = @{ Status = 404; Body = '{"error":"fake hub: no route for ' + $path + '"}'; Headers = @{ 'X-Error-Code' = 'EntryNotFound' } }
                } elseif ($route -is [System.Collections.IList]) {
                    $i = [int]$state.Counters[$path]
                    $state.Counters[$path] = $i + 1
                    $resp = $route[[Math]::Min($i, $route.Count - 1)]
                } else {
                    $resp = $route
                }
                if ($resp -is [string]) { $resp = @{ Body = $resp } }

                if ($resp.DelayMs -and $state.Stopping.Wait([int]$resp.DelayMs)) { $ctx.Response.Abort(); continue }

                $body = $resp.Body
                if ($null -eq $body) { $body = '' }
                elseif ($body -isnot [string]) { $body = ConvertTo-Json -InputObject $body -Depth 20 -Compress }
                $ctx.Response.StatusCode = if ($resp.Status) { [int]$resp.Status } else { 200 }
                $ctx.Response.ContentType = if ($resp.ContentType) { $resp.ContentType } else { 'application/json' }
                if ($resp.Headers) {
                    foreach ($h in $resp.Headers.GetEnumerator()) { $ctx.Response.AppendHeader([string]$h.Key, [string]$h.Value) }
                }
                $bytes = [System.Text.Encoding]::UTF8.GetBytes($body)
                $ctx.Response.ContentLength64 = $bytes.Length
                $ctx.Response.OutputStream.Write($bytes, 0, $bytes.Length)
                $ctx.Response.Close()
            } catch {
                $null = $state.Errors.Add($_.ToString())   # usually the client went away (timeout tests)
                try { $ctx.Response.Abort() } catch { }
            }
        }
    }

    $ps = [powershell]::Create()
    $ps.Runspace = [runspacefactory]::CreateRunspace()
    $ps.Runspace.Open()
    $null = $ps.AddScript($server).AddArgument($listener).AddArgument($state)
    $handle = $ps.BeginInvoke()

    $hub = [pscustomobject]@{
        PSTypeName  = 'ModelConfig.FakeHub'
        Url         = "http://127.0.0.1:$port"
        Port        = $port
        Routes      = $state.Routes
        Requests    = $state.Requests
        Errors      = $state.Errors
        _Listener   = $listener
        _PowerShell = $ps
        _Handle     = $handle
        _State      = $state
    }
    # Self-contained, so it works wherever the object ends up (Pester blocks, other scopes).
    $hub | Add-Member -MemberType ScriptMethod -Name Stop -Value {
        if (-not $this._PowerShell) { return }
        $this._State.Stopping.Set()
        try { $this._Listener.Stop() } catch { }
        try { $this._Listener.Close() } catch { }
        if (-not $this._Handle.AsyncWaitHandle.WaitOne(3000)) { $this._PowerShell.Stop() }
        try { $null = $this._PowerShell.EndInvoke($this._Handle) } catch { }
        $this._PowerShell.Runspace.Dispose()
        $this._PowerShell.Dispose()
        $this._PowerShell = $null
    }
    $hub
}

function Stop-FakeHub {
    [CmdletBinding()]
    param([Parameter(Mandatory, ValueFromPipeline)] $Hub)
    process { $Hub.Stop() }
}
