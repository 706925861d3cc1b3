using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using ModelConfig.Core.Calibration;

namespace ModelConfig.Commands
{
    /// <summary>Reads benchmark result files (any supported format, detected from the content) into measurement objects.</summary>
    [Cmdlet(VerbsData.Import, "ServingBenchmark")]
    [OutputType(typeof(ServingMeasurement))]
    public sealed class ImportServingBenchmarkCommand : PSCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("FullName")]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string[]? Path { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(ModelIdCompleter))]
        [ValidateNotNullOrEmpty]
        public string? ModelId { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("HardwareId")]
        [ArgumentCompleter(typeof(HardwareIdCompleter))]
        [ValidateNotNullOrEmpty]
        public string? Hardware { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("TP")]
        [ValidateRange(1, 4096)]
        public int? TensorParallel { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("PP")]
        [ValidateRange(1, 1024)]
        public int? PipelineParallel { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("EP")]
        [ValidateRange(1, 4096)]
        public int? ExpertParallel { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(WeightPrecisionCompleter))]
        [ValidateNotNullOrEmpty]
        public string? WeightPrecision { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(KvCachePrecisionCompleter))]
        [ValidateNotNullOrEmpty]
        public string? KvCachePrecision { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(FrameworkCompleter))]
        [ValidateNotNullOrEmpty]
        public string? Framework { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateRange(1, 1_000_000)]
        public int? Concurrency { get; set; }

        private MeasurementCatalog? _catalog;

        protected override void BeginProcessing() => _catalog = ModulePaths.MeasurementCatalog();

        protected override void ProcessRecord()
        {
            var overrides = new ServingMeasurement
            {
                ModelId = ModelId, HardwareId = Hardware, Framework = Framework, TensorParallel = TensorParallel, PipelineParallel = PipelineParallel,
                ExpertParallel = ExpertParallel, WeightPrecision = WeightPrecision, KvCachePrecision = KvCachePrecision, Concurrency = Concurrency,
            };
            foreach (var p in Path!)
            foreach (var full in ResolvePath(p))
            {
                if (!File.Exists(full)) { WriteError(ErrorCatalog.PathNotFound(p)); continue; }
                BenchmarkImportResult result;
                try { result = ServingBenchmarkImport.ReadFile(full, overrides, _catalog); }
                catch (Exception e) when (e is IOException || e is UnauthorizedAccessException) { WriteError(ErrorCatalog.PathNotFound(p, e)); continue; }
                WriteVerbose($"{full}: {result.Format ?? "unknown format"}, {result.Measurements.Count} measurements, {result.Errors.Count} records not imported.");
                foreach (var e in result.Errors) WriteError(ErrorCatalog.BenchmarkRecordInvalid(e));
                foreach (var m in result.Measurements) WriteObject(m);
            }
        }

        /// <summary>The files a path names: ./results/*.json expands as Get-ChildItem would (sorted); a pattern matching no file is PathNotFound.</summary>
        private IEnumerable<string> ResolvePath(string path)
        {
            if (!WildcardPattern.ContainsWildcardCharacters(path)) return new[] { GetUnresolvedProviderPathFromPSPath(path) };
            List<string> files;
            try { files = GetResolvedProviderPathFromPSPath(path, out _).Where(File.Exists).OrderBy(f => f, StringComparer.Ordinal).ToList(); }
            catch (ItemNotFoundException) { files = new List<string>(); }
            if (files.Count == 0) WriteError(ErrorCatalog.PathNotFound(path));
            return files;
        }
    }
}
