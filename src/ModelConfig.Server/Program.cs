using System;
using System.Linq;
using Microsoft.Extensions.Hosting;
using ModelConfig.Server;

try
{
    var settings = ServerSettings.Parse(args, out var rest);
    var remote = settings.RemoteUrls();
    if (remote.Count > 0 && !settings.AllowRemote)
    {
        Console.Error.WriteLine($"Refusing to listen on {string.Join(", ", remote)}: the API has no authentication. Pass --allow-remote to listen beyond loopback.");
        return 2;
    }
    if (remote.Count > 0)
        Console.Error.WriteLine($"WARNING: listening on {string.Join(", ", remote)}: anyone who can reach this address can use the API (no authentication).");
    var app = ServerApp.Build(settings, rest.ToArray());
    await app.StartAsync();
    // Start-ModelConfigServer reads this line to learn the port when it asked for port 0.
    Console.WriteLine("ModelConfig.Server listening on " + string.Join(" ", ServerApp.ListeningUrls(app)));
    Console.Out.Flush();
    await app.WaitForShutdownAsync();
    return 0;
}
catch (ServerUsageException e)
{
    Console.Error.WriteLine(e.Message);
    return 1;
}
