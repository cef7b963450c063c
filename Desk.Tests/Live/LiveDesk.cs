using System.Net;
using Desk.Tests.Api;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Desk.Tests.Live;

/// <summary>The desk on real Kestrel at 127.0.0.1, for clients that cannot use the in-memory test server.</summary>
public class LiveDesk : DeskApplication, IAsyncLifetime
{
    public Uri BaseAddress { get; private set; } = null!;

    public Task InitializeAsync()
    {
        UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        StartServer();
        var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address);
        return Task.CompletedTask;
    }

    /// <summary>An intake channel over real HTTP.</summary>
    public Task<HttpClient> ChannelAsync() => WithApiKeyAsync("intake");

    protected override HttpClient NewBareClient(bool cookies) =>
        new(new HttpClientHandler { UseCookies = cookies, CookieContainer = new CookieContainer() }) { BaseAddress = BaseAddress };

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();
}

internal static class Repo
{
    /// <summary>The repository root, found from the test binaries (Desk.Tests/bin/...).</summary>
    public static string Root { get; } = Find();

    static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "ServiceDesk.sln")))
                return dir.FullName;
        throw new InvalidOperationException("ServiceDesk.sln not found above the test binaries.");
    }
}
