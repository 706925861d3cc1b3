using System;
using System.Collections.Generic;
using System.Text.Json.Nodes;

namespace ModelConfig.Core.Hub
{
    /// <summary>A model's config.json together with where it came from.</summary>
    public sealed class ResolvedModelSource
    {
        /// <summary>The parsed config.json (always a JSON object).</summary>
        public JsonObject Config { get; }
        /// <summary>org/name, or null for a local file that is not inside a HuggingFace cache snapshot.</summary>
        public string? HfModelId { get; }
        /// <summary>The revision asked for (branch, tag or sha); for a cache snapshot folder, a ref pointing at it or the sha.</summary>
        public string? Revision { get; }
        /// <summary>The 40-hex commit sha the config belongs to, when known.</summary>
        public string? CommitSha { get; }
        /// <summary>The file the config was read from or written to; null when it was downloaded but could not be cached.</summary>
        public string? ConfigPath { get; }
        /// <summary>True when no network request was made.</summary>
        public bool FromCache { get; }
        /// <summary>Non-fatal problems (e.g. the cache could not be written, a cached file was corrupt).</summary>
        public IReadOnlyList<string> Warnings { get; }

        public ResolvedModelSource(JsonObject config, string? hfModelId, string? revision, string? commitSha,
            string? configPath, bool fromCache, IReadOnlyList<string>? warnings = null)
        {
            Config = config ?? throw new ArgumentNullException(nameof(config));
            HfModelId = hfModelId;
            Revision = revision;
            CommitSha = commitSha;
            ConfigPath = configPath;
            FromCache = fromCache;
            Warnings = warnings ?? Array.Empty<string>();
        }

        /// <summary>True for a download not yet written into the cache (<see cref="HubOptions.DeferCacheWrite"/>).</summary>
        public bool CacheWritePending => PendingCacheWrite != null;

        /// <summary>What <see cref="HubResolver.CompleteCacheWrite"/> writes: the download exactly as the Hub sent it.</summary>
        internal PendingCacheWrite? PendingCacheWrite { get; set; }

        public override string ToString() =>
            (HfModelId ?? ConfigPath ?? "(local)") + (CommitSha != null ? "@" + CommitSha : Revision != null ? "@" + Revision : "");
    }

    internal sealed class PendingCacheWrite
    {
        public PendingCacheWrite(string cacheDir, string repoId, string revision, string commitSha, byte[] configBytes, bool overwriteConfig)
        {
            CacheDir = cacheDir; RepoId = repoId; Revision = revision; CommitSha = commitSha; ConfigBytes = configBytes; OverwriteConfig = overwriteConfig;
        }

        public string CacheDir { get; }
        public string RepoId { get; }
        public string Revision { get; }
        public string CommitSha { get; }
        public byte[] ConfigBytes { get; }
        public bool OverwriteConfig { get; }
    }
}
