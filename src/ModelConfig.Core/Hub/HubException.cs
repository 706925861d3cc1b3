using System;

namespace ModelConfig.Core.Hub
{
    /// <summary>What went wrong while getting a model's config.json from the HuggingFace cache or Hub.</summary>
    public enum HubErrorKind
    {
        /// <summary>The repo id is not of the form org/name with letters, digits, '-', '_' and '.'.</summary>
        InvalidRepoId,
        /// <summary>The revision is empty or could escape the cache folder (e.g. contains '..').</summary>
        InvalidRevision,
        /// <summary>Offline mode (HF_HUB_OFFLINE) and the config is not in the local cache.</summary>
        Offline,
        /// <summary>HTTP 401/403: the repo is gated or private (or does not exist) and needs a token with access.</summary>
        Unauthorized,
        /// <summary>HTTP 404: unknown repo, unknown revision, or no config.json at that revision.</summary>
        NotFound,
        /// <summary>HTTP 429 still returned after the bounded retries.</summary>
        RateLimited,
        /// <summary>A request took longer than <see cref="HubOptions.Timeout"/>.</summary>
        Timeout,
        /// <summary>Connection failure, DNS failure, TLS failure, or an unexpected HTTP status.</summary>
        Network,
        /// <summary>The Hub answered with something that is not the expected JSON (non-JSON, no sha, config not an object).</summary>
        MalformedResponse,
    }

    /// <summary>
    /// The one error type of the HuggingFace resolver. Messages name the repo id, the revision and the URL,
    /// and never contain the access token.
    /// </summary>
    public sealed class HubException : Exception
    {
        public HubErrorKind Kind { get; }
        public string? RepoId { get; }
        public string? Revision { get; }
        /// <summary>The URL of the failing request (no token, no user info), when a request was made.</summary>
        public string? Url { get; }
        /// <summary>The HTTP status of the failing response, when there was one.</summary>
        public int? StatusCode { get; }
        /// <summary>The Hub's X-Error-Code header (RepoNotFound, RevisionNotFound, EntryNotFound, GatedRepo...), when sent.</summary>
        public string? HubErrorCode { get; }
        /// <summary>For <see cref="HubErrorKind.RateLimited"/>: the wait the Hub asked for in its last answer, when it said.</summary>
        public TimeSpan? RetryAfter { get; }

        public HubException(HubErrorKind kind, string message, string? repoId = null, string? revision = null,
            string? url = null, int? statusCode = null, string? hubErrorCode = null, TimeSpan? retryAfter = null,
            Exception? inner = null)
            : base(message, inner)
        {
            Kind = kind;
            RepoId = repoId;
            Revision = revision;
            Url = url;
            StatusCode = statusCode;
            HubErrorCode = hubErrorCode;
            RetryAfter = retryAfter;
        }
    }
}
