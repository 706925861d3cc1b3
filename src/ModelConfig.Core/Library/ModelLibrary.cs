using System.Collections.Generic;
using System.Linq;
using ModelConfig.Core.Models;
using ModelConfig.Core.Serialization;

namespace ModelConfig.Core.Library
{
    /// <summary>Model config files: <c>&lt;model_id&gt;.json</c>, user folders in $env:MODELCONFIG_PATH.</summary>
    public sealed class ModelKind : DataKind<ModelConfiguration>
    {
        public static ModelKind Instance { get; } = new ModelKind();

        private ModelKind() { }

        public override string Noun => "model config";
        public override string IdField => "model_id";
        public override string EnvironmentVariable => ModelLibrary.EnvironmentVariable;
        protected override ModelConfiguration Parse(string fullPath) => ModelConfigJson.ReadFile(fullPath);
        public override string IdOf(ModelConfiguration item) => item.ModelId;
        public override ModelConfiguration Copy(ModelConfiguration item) => item.Clone();
    }

    /// <summary>The model library: <see cref="DataFolderLibrary{T}"/> of <see cref="ModelKind"/>.</summary>
    public sealed class ModelLibrary : DataFolderLibrary<ModelConfiguration>
    {
        public const string EnvironmentVariable = "MODELCONFIG_PATH";

        /// <param name="folders">Highest precedence first.</param>
        public ModelLibrary(IEnumerable<string> folders) : base(ModelKind.Instance, folders) { }

        /// <summary>The library of <see cref="SearchPath"/>: -Path folders, then $env:MODELCONFIG_PATH, then the bundled folder.</summary>
        public static ModelLibrary Create(string? bundledFolder, string? environmentValue, IEnumerable<string>? explicitFolders = null) =>
            new ModelLibrary(SearchPath.Build(explicitFolders, environmentValue, bundledFolder));

        /// <summary>
        /// The HuggingFace id of every model that records one, as names standing for the model id (tab completion of
        /// -HuggingFaceId, and the hint for a HuggingFace id given where a model id belongs). Reads one field per file.
        /// </summary>
        public IReadOnlyList<DataName> HuggingFaceIds() =>
            TopLevelTexts("hf_model_id", m => m.HfModelId)
                .Select(t => new DataName(t.Text, t.Entry.Id, isAlias: true))
                .OrderBy(n => n.Name, System.StringComparer.OrdinalIgnoreCase)
                .ToList();

        /// <summary>A copy of the config in a file, through the shared parse cache; the file name need not be its id.</summary>
        public static ModelConfiguration LoadFile(string path) => ModelKind.Instance.LoadFile(path);

        /// <summary>Forgets a file's cached parse (after the module rewrote it).</summary>
        public static void Invalidate(string path) => ModelKind.Instance.Invalidate(path);
    }
}
