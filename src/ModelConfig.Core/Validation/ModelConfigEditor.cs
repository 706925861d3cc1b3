using System;
using System.Globalization;
using System.Linq;
using System.IO;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ModelConfig.Core.Serialization;

namespace ModelConfig.Core.Validation
{
    /// <summary>
    /// Edits the review fields of a config file in place. It changes the JSON document, not a typed copy,
    /// so every other field (including ones this version does not know) is written back as it was.
    /// </summary>
    public static class ModelConfigEditor
    {
        /// <summary>Sets validated, validation_notes (when notes is not null) and the validation record; returns the new text.</summary>
        public static string SetValidation(string text, string? file, ValidationUpdate update)
        {
            var root = ModelConfigJson.ParseObject(text, file);
            root["validated"] = update.Validated;
            if (update.Notes != null) root["validation_notes"] = update.Notes;
            var record = root["validation"] as JsonObject ?? new JsonObject();
            record["validated_by"] = update.By;
            record["validated_at_utc"] = update.AtUtc.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
            if (update.ReferenceParams.HasValue) record["reference_params"] = update.ReferenceParams.Value;
            if (update.ReferenceSource != null) record["reference_source"] = update.ReferenceSource;
            if (update.Forced) record["forced"] = true;
            else record.Remove("forced");
            root["validation"] = record;
            root = ReviewFieldsAfterValidated(root);
            // Reading the result back proves the edit left a file the loader accepts.
            ModelConfigJson.FromJson((JsonObject)root.DeepClone(), file);
            return JsonText.Format(root);
        }

        /// <summary>Keeps validation_notes and validation next to validated, where the writer puts them, when the edit added them.</summary>
        private static JsonObject ReviewFieldsAfterValidated(JsonObject root)
        {
            var review = new[] { "validation_notes", "validation" };
            var ordered = new JsonObject();
            foreach (var kv in root.ToList())
            {
                if (System.Array.IndexOf(review, kv.Key) >= 0) continue;
                root.Remove(kv.Key);
                ordered[kv.Key] = kv.Value;
                if (kv.Key == "validated")
                {
                    foreach (var key in review)
                    {
                        if (root.TryGetPropertyValue(key, out var v)) { root.Remove(key); ordered[key] = v; }
                    }
                }
            }
            foreach (var kv in root.ToList()) { root.Remove(kv.Key); ordered[kv.Key] = kv.Value; }
            return ordered;
        }

        /// <summary>Applies the update to a file atomically.</summary>
        public static void SetValidationInFile(string path, ValidationUpdate update) =>
            EditFile(path, text => SetValidation(text, path, update));

        /// <summary>
        /// Reads, changes and rewrites a file under its lock, so an edit made by another process between our read
        /// and our write cannot be lost: the text is read only once the lock is held.
        /// </summary>
        public static void EditFile(string path, Func<string, string> edit)
        {
            using (FileLock.Acquire(path, FileLock.DefaultWait))
            {
                var text = File.ReadAllText(path, Encoding.UTF8);
                AtomicFile.WriteAllText(path, edit(text));
            }
        }
    }

    public sealed class ValidationUpdate
    {
        public bool Validated { get; set; }
        public string? Notes { get; set; }
        public string By { get; set; } = "";
        public DateTime AtUtc { get; set; } = DateTime.UtcNow;
        public long? ReferenceParams { get; set; }
        public string? ReferenceSource { get; set; }
        /// <summary>Marked validated although a check failed (-Force); kept in the record so reviewers see it.</summary>
        public bool Forced { get; set; }
    }
}
