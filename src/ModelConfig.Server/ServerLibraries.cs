using System.IO;
using ModelConfig.Core.Hardware;
using ModelConfig.Core.Library;

namespace ModelConfig.Server
{
    /// <summary>
    /// The model and hardware libraries, built once like the cmdlets build theirs (user folders, then the bundled data).
    /// Shared by every request: the libraries hand out copies, so no request can change what another sees.
    /// </summary>
    public sealed class ServerLibraries
    {
        public ServerLibraries(ServerSettings settings)
        {
            Models = ModelLibrary.Create(Path.Combine(settings.DataFolder, "model_configs"), settings.ModelPathVariable);
            Hardware = HardwareLibrary.Create(Path.Combine(settings.DataFolder, "hardware"), settings.HardwarePathVariable);
        }

        public ModelLibrary Models { get; }
        public HardwareLibrary Hardware { get; }
    }
}
