using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace ModelConfig.Core.Tests.Hub
{
    /// <summary>One canned answer of the <see cref="FakeHub"/>.</summary>
    public sealed class FakeResponse
    {
        public int Status { get; set; } = 200;
        public string Body { get; set; } = "";
        public string ContentType { get; set; } = "application/json";
        public Dictionary<string, string> Headers { get; } = new Dictionary<string, string>();
        /// <summary>Wait this long before answering (cut short when the hub stops).</summary>
        public TimeSpan Delay { get; set; }

        public static FakeResponse Json(string body, int status = 200) => new FakeResponse { Status = status, Body = body };

        public static FakeResponse Error(int status, string? errorCode = null, string? message = null)
        {
            var r = new FakeResponse { Status = status, Body = "{\"error\":\"" + (message ?? "error " + status) + "\"}" };
            if (errorCode != null) r.Headers["X-Error-Code"] = errorCode;
            return r;
        }

        public FakeResponse With(string header, string value) { Headers[header] = value; return this; }
    }

    public sealed class RecordedRequest
    {
        public string Method { get; set; } = "";
        public string Path { get; set; } = "";
        public string? Authorization { get; set; }
        public string? UserAgent { get; set; }
    }

    /// <summary>
    /// A loopback stand-in for huggingface.co: an HttpListener on http://127.0.0.1:{free port}/ that answers
    /// canned responses per raw path (query ignored) and records every request. Unknown paths get 404 EntryNotFound.
    /// A path given several responses answers them in order and then repeats the last.
    /// </summary>
    public sealed class FakeHub : IDisposable
    {
        private readonly HttpListener _listener;
        private readonly CancellationTokenSource _stop = new CancellationTokenSource();
        private readonly ConcurrentDictionary<string, (FakeResponse[] Responses, int Next)> _routes = new ConcurrentDictionary<string, (FakeResponse[], int)>();
        private readonly object _lock = new object();
        private readonly Task _loop;

        public string Url { get; }
        public ConcurrentQueue<RecordedRequest> Requests { get; } = new ConcurrentQueue<RecordedRequest>();
        public IReadOnlyList<string> Paths => Requests.Select(r => r.Path).ToList();

        private FakeHub(HttpListener listener, string url)
        {
            _listener = listener;
            Url = url;
            _loop = Task.Run(LoopAsync);
        }

        public static FakeHub Start()
        {
            for (int attempt = 0; ; attempt++)
            {
                var probe = new TcpListener(IPAddress.Loopback, 0);
                probe.Start();
                int port = ((IPEndPoint)probe.LocalEndpoint).Port;
                probe.Stop();
                var url = $"http://127.0.0.1:{port}";
                var listener = new HttpListener();
                listener.Prefixes.Add(url + "/");
                try
                {
                    listener.Start();
                    return new FakeHub(listener, url);
                }
                catch (HttpListenerException) when (attempt < 5)
                {
                    listener.Close();   // the port was taken in between; try another
                }
            }
        }

        public FakeHub On(string path, params FakeResponse[] responses)
        {
            _routes[path] = (responses, 0);
            return this;
        }

        private FakeResponse Next(string path)
        {
            lock (_lock)
            {
                if (!_routes.TryGetValue(path, out var route) || route.Responses.Length == 0)
                    return FakeResponse.Error(404, "EntryNotFound", "fake hub: no route for " + path);
                var r = route.Responses[Math.Min(route.Next, route.Responses.Length - 1)];
                _routes[path] = (route.Responses, route.Next + 1);
                return r;
            }
        }

        private async Task LoopAsync()
        {
            while (!_stop.IsCancellationRequested)
            {
                HttpListenerContext ctx;
                try { ctx = await _listener.GetContextAsync().ConfigureAwait(false); }
                catch (Exception) { return; }   // stopped
                _ = Task.Run(() => HandleAsync(ctx));
            }
        }

        private async Task HandleAsync(HttpListenerContext ctx)
        {
            try
            {
                var raw = ctx.Request.RawUrl ?? "/";
                int q = raw.IndexOf('?');
                var path = q >= 0 ? raw.Substring(0, q) : raw;
                Requests.Enqueue(new RecordedRequest
                {
                    Method = ctx.Request.HttpMethod,
                    Path = path,
                    Authorization = ctx.Request.Headers["Authorization"],
                    UserAgent = ctx.Request.UserAgent,
                });
                var r = Next(path);
                if (r.Delay > TimeSpan.Zero)
                {
                    try { await Task.Delay(r.Delay, _stop.Token).ConfigureAwait(false); }
                    catch (OperationCanceledException) { ctx.Response.Abort(); return; }
                }
                ctx.Response.StatusCode = r.Status;
                ctx.Response.ContentType = r.ContentType;
                foreach (var h in r.Headers) ctx.Response.AppendHeader(h.Key, h.Value);
                var bytes = Encoding.UTF8.GetBytes(r.Body);
                ctx.Response.ContentLength64 = bytes.Length;
                await ctx.Response.OutputStream.WriteAsync(bytes, 0, bytes.Length).ConfigureAwait(false);
                ctx.Response.Close();
            }
            catch (Exception)
            {
                // The client went away (timeout tests) or the hub stopped.
                try { ctx.Response.Abort(); } catch (Exception) { }
            }
        }

        public void Dispose()
        {
            _stop.Cancel();
            try { _listener.Stop(); _listener.Close(); } catch (Exception) { }
            try { _loop.Wait(TimeSpan.FromSeconds(2)); } catch (Exception) { }
            _stop.Dispose();
        }
    }
}
