using System;

namespace ModelConfig.Commands
{
    /// <summary>A server started by Start-ModelConfigServer; pipe it to Stop-ModelConfigServer.</summary>
    public sealed class ModelConfigServer
    {
        public ModelConfigServer(string url, int processId, DateTime startTime)
        {
            Url = url;
            ProcessId = processId;
            StartTime = startTime;
        }

        public string Url { get; }
        public int ProcessId { get; }
        /// <summary>Kept so Stop-ModelConfigServer never kills a later process that reused the id.</summary>
        public DateTime StartTime { get; }
        public int Port => new Uri(Url).Port;

        public override string ToString() => Url;
    }
}
