using System;

namespace ModelConfig.Core.Calibration
{
    /// <summary>One record of a benchmark file that could not be imported: the file, the record and the field, and why.</summary>
    public sealed class BenchmarkRecordError
    {
        public BenchmarkRecordError(string filePath, string record, string field, string problem)
        {
            FilePath = filePath; Record = record; Field = field; Problem = problem;
        }

        public string FilePath { get; }
        /// <summary>Which record: "line 3", "row imx-01369", "benchmark 2", or "file" when the whole file is unusable.</summary>
        public string Record { get; }
        public string Field { get; }
        public string Problem { get; }

        public string Message => $"{FilePath}, {Record}: field '{Field}' {Problem}";

        public override string ToString() => Message;
    }

    /// <summary>Thrown by a reader for a record it cannot use; the importer turns it into a <see cref="BenchmarkRecordError"/> and goes on.</summary>
    internal sealed class BenchmarkRecordException : Exception
    {
        public BenchmarkRecordException(string field, string problem) : base(problem) { Field = field; }
        public string Field { get; }
    }
}
