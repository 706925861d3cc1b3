using System;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using ModelConfig.Core.Serialization;

namespace ModelConfig.Core.Hub
{
    public sealed partial class HubResolver
    {
        // HTTP with redirects kept on the origin that may see the token, bounded retries that honour Retry-After, and
        // status codes mapped to HubErrorKind.

        private Uri ParseEndpoint(string repoId, string rev)
        {
            var text = (_options.Endpoint ?? "").Trim();
            if (!Uri.TryCreate(text.TrimEnd('/') + "/", UriKind.Absolute, out var uri) || (uri.Scheme != "https" && uri.Scheme != "http"))
                throw Fail(HubErrorKind.Network, $"The Hub endpoint '{Scrub(HubRedaction.StripUserInfo(text))}' (HF_ENDPOINT) is not an absolute http(s) URL.", repoId, rev);
            return uri;
        }

        /// <summary>GET with bounded retries on 429/502/503/504; returns the body of a 2xx answer or throws.</summary>
        private async Task<byte[]> GetAsync(Uri url, Uri endpoint, string repoId, string rev, bool isApi, CancellationToken ct)
        {
            for (int attempt = 0; ; attempt++)
            {
                var (status, response) = await SendFollowingRedirectsAsync(url, endpoint, repoId, rev, ct).ConfigureAwait(false);
                using (response)
                {
                    int code = (int)status;
                    if (code >= 200 && code < 300)
                        return await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);

                    bool retryable = code == 429 || code == 502 || code == 503 || code == 504;
                    var retryAfter = RetryAfterOf(response);
                    if (retryable && attempt < _options.MaxRetries)
                    {
                        var wait = retryAfter ?? TimeSpan.FromSeconds(Math.Pow(2, attempt));   // 1 s, 2 s, 4 s...
                        if (wait > _options.MaxRetryDelay) wait = _options.MaxRetryDelay;
                        if (wait < TimeSpan.Zero) wait = TimeSpan.Zero;
                        await _options.Delay(wait, ct).ConfigureAwait(false);
                        continue;
                    }
                    var body = await SafeBodyAsync(response).ConfigureAwait(false);
                    throw StatusError(response, code, body, url, repoId, rev, isApi, retryAfter, attempt);
                }
            }
        }

        private async Task<(HttpStatusCode, HttpResponseMessage)> SendFollowingRedirectsAsync(Uri url, Uri endpoint, string repoId, string rev, CancellationToken ct)
        {
            var current = url;
            for (int hop = 0; ; hop++)
            {
                var response = await SendOnceAsync(current, SameOrigin(current, endpoint), repoId, rev, ct).ConfigureAwait(false);
                int code = (int)response.StatusCode;
                bool redirect = code == 301 || code == 302 || code == 303 || code == 307 || code == 308;
                if (!redirect) return (response.StatusCode, response);
                var location = response.Headers.Location;
                response.Dispose();
                if (location == null)
                    throw Fail(HubErrorKind.Network, $"HTTP {code} redirect without a Location from {Safe(current)} for '{repoId}'.", repoId, rev, current, code);
                if (hop >= MaxRedirects)
                    throw Fail(HubErrorKind.Network, $"Too many redirects (more than {MaxRedirects}) starting at {Safe(url)} for '{repoId}'.", repoId, rev, url, code);
                var next = location.IsAbsoluteUri ? location : new Uri(current, location);
                if (next.Scheme != "https" && next.Scheme != "http")
                    throw Fail(HubErrorKind.Network, $"Redirect from {Safe(current)} to a non-HTTP URL for '{repoId}'.", repoId, rev, current, code);
                current = next;
            }
        }

        private async Task<HttpResponseMessage> SendOnceAsync(Uri url, bool withToken, string repoId, string rev, CancellationToken ct)
        {
            using (var request = new HttpRequestMessage(HttpMethod.Get, url))
            using (var cts = CancellationTokenSource.CreateLinkedTokenSource(ct))
            {
                request.Headers.TryAddWithoutValidation("User-Agent", _options.UserAgent);
                request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
                if (withToken && !string.IsNullOrEmpty(_options.Token))
                    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _options.Token);
                cts.CancelAfter(_options.Timeout);
                try
                {
                    // ResponseContentRead: the body is read under the same timeout and cancellation.
                    return await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cts.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException e) when (!ct.IsCancellationRequested)
                {
                    throw Fail(HubErrorKind.Timeout,
                        $"The Hub did not answer within {_options.Timeout.TotalSeconds:0.###} s ({Safe(url)}) for '{repoId}' at revision '{rev}'.",
                        repoId, rev, url, inner: e);
                }
                catch (HttpRequestException e) when (IsOversized(e))
                {
                    throw Fail(HubErrorKind.MalformedResponse,
                        $"The Hub's answer from {Safe(url)} for '{repoId}' at revision '{rev}' is larger than {Size(_options.MaxResponseBytes)}, far more than a config; it was not read.",
                        repoId, rev, url, inner: e);
                }
                catch (HttpRequestException e)
                {
                    throw Fail(HubErrorKind.Network,
                        $"Could not reach the Hub at {Safe(url)} for '{repoId}' at revision '{rev}': {Describe(e)}", repoId, rev, url, inner: e);
                }
            }
        }

        private HubException StatusError(HttpResponseMessage response, int code, string body, Uri url, string repoId, string rev, bool isApi, TimeSpan? retryAfter, int retries)
        {
            var errorCode = Header(response, "X-Error-Code");
            var hubMessage = Header(response, "X-Error-Message") ?? ErrorFromBody(body);
            var detail = hubMessage == null ? "" : $" The Hub said: {Truncate(hubMessage, 300)}";
            bool hasToken = !string.IsNullOrEmpty(_options.Token);
            string message;
            HubErrorKind kind;
            switch (code)
            {
                case 401:
                    kind = HubErrorKind.Unauthorized;
                    message = hasToken
                        ? $"The Hub refused the token for '{repoId}' (HTTP 401 from {Safe(url)}): the token is invalid or expired, or the repository does not exist. Check the token given with -Token or HF_TOKEN."
                        : $"The Hub requires authentication for '{repoId}' (HTTP 401 from {Safe(url)}): the repository may be gated or private (or may not exist). A token with access is needed: pass -Token or set HF_TOKEN.";
                    break;
                case 403:
                    kind = HubErrorKind.Unauthorized;
                    bool gated = string.Equals(errorCode, "GatedRepo", StringComparison.OrdinalIgnoreCase);
                    message = hasToken
                        ? $"The token given lacks access to '{repoId}' (HTTP 403 from {Safe(url)}). " +
                          (gated ? "The repository is gated: " : "If the repository is gated, ") +
                          $"accept its conditions at {Safe(new Uri(url, "/" + repoId))} with the account the token belongs to; for a private repository that account needs read access, and a fine-grained token needs read permission for it."
                        : $"Access to '{repoId}' is forbidden without a token (HTTP 403 from {Safe(url)}): the repository is " + (gated ? "gated" : "gated or private") +
                          ". A token with access is needed: pass -Token or set HF_TOKEN.";
                    break;
                case 404:
                    kind = HubErrorKind.NotFound;
                    if (string.Equals(errorCode, "RepoNotFound", StringComparison.OrdinalIgnoreCase))
                        message = $"Repository '{repoId}' was not found on the Hub (HTTP 404 from {Safe(url)}). Check the id; a private repository also answers like this without a token with access.";
                    else if (string.Equals(errorCode, "RevisionNotFound", StringComparison.OrdinalIgnoreCase))
                        message = $"Revision '{rev}' was not found in repository '{repoId}' (HTTP 404 from {Safe(url)}). Check the branch, tag or commit sha.";
                    else if (string.Equals(errorCode, "EntryNotFound", StringComparison.OrdinalIgnoreCase) || !isApi)
                        message = $"Repository '{repoId}' has no config.json at revision '{rev}' (HTTP 404 from {Safe(url)}).";
                    else
                        message = $"Repository '{repoId}' or its revision '{rev}' was not found on the Hub (HTTP 404 from {Safe(url)}).";
                    break;
                case 429:
                    kind = HubErrorKind.RateLimited;
                    message = $"The Hub is still rate limiting requests for '{repoId}' after {retries} retr{(retries == 1 ? "y" : "ies")} (HTTP 429 from {Safe(url)})" +
                              (retryAfter.HasValue ? $"; it asked to wait {Math.Ceiling(retryAfter.Value.TotalSeconds):0} s" : "") +
                              ". Try again later" + (hasToken ? "." : ", or use a token (-Token or HF_TOKEN): authenticated requests get higher limits.");
                    break;
                default:
                    kind = HubErrorKind.Network;
                    message = $"Unexpected answer HTTP {code} {response.ReasonPhrase} from {Safe(url)} for '{repoId}' at revision '{rev}'" +
                              (retries > 0 ? $" after {retries} retr{(retries == 1 ? "y" : "ies")}." : ".");
                    break;
            }
            return Fail(kind, message + detail, repoId, rev, url, code, errorCode, retryAfter);
        }

        private TimeSpan? RetryAfterOf(HttpResponseMessage response)
        {
            var ra = response.Headers.RetryAfter;
            if (ra == null)
            {
                // Tolerate a fractional "Retry-After: 1.5", which the typed parser rejects.
                var raw = Header(response, "Retry-After");
                if (raw != null && double.TryParse(raw, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var secs) && secs >= 0)
                    return TimeSpan.FromSeconds(secs);
                return null;
            }
            if (ra.Delta.HasValue) return ra.Delta.Value;
            if (ra.Date.HasValue)
            {
                var wait = ra.Date.Value - _options.UtcNow();
                return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
            }
            return null;
        }
    }
}
