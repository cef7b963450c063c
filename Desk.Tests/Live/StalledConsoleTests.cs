using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Desk.Api.Realtime;
using Desk.Tests.Api;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Desk.Tests.Live;

/// <summary>
/// A live desk whose push queue holds one push, with one push on its way at a time, that never gives up on a stalled
/// one, and with small per-connection send buffers: a console that stops reading fills its buffer with a push or two.
/// </summary>
public sealed class TinyPushQueueDesk : LiveDesk
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Realtime:PushQueueCapacity", "1");
        builder.UseSetting("Realtime:PushesInFlight", "1");
        builder.UseSetting("Realtime:StalledPushAfter", "1.00:00:00");
        builder.UseSetting("Realtime:SendBufferBytes", "1024");
    }
}

/// <summary>A live desk with one push on its way at a time that gives up on a stalled one soon, and small send buffers.</summary>
public sealed class ImpatientPushDesk : LiveDesk
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Realtime:PushesInFlight", "1");
        builder.UseSetting("Realtime:StalledPushAfter", "00:00:00.100");
        builder.UseSetting("Realtime:SendBufferBytes", "1024");
    }
}

/// <summary>The pushes stuck behind a console that stopped reading are given up on: the other consoles get every one.</summary>
public sealed class StalledConsoleGivenUpTests(ImpatientPushDesk desk) : IClassFixture<ImpatientPushDesk>
{
    [Fact]
    public async Task Pushes_WhileAConsoleStopsReading_ReachTheOtherConsole_EachOnceAndInOrder()
    {
        await using var other = NodeHubClient.Start(desk.BaseAddress, "agent", "agent-pass-1", "service-requests");
        Assert.Equal("ready", (await other.WaitForAsync(l => l.GetProperty("event").GetString() is "invoke-failed" or "ready")).GetProperty("event").GetString());
        using var agent = await desk.SignInAsync("agent");
        var stalled = await LongPollingConsole.JoinAsync(agent, "service-requests");
        using var channel = await desk.ChannelAsync();

        var references = new List<string>();
        for (var i = 0; i < 6; i++)
            references.Add((await channel.SubmitAsync(Requests.Query($"Access to the team share {i}", catalogItem: "access-request"))).Str("reference"));

        // Read up to the last one: the earlier ones, committed before it, have arrived before it, once each.
        await other.WaitForEventAsync("QueryCreated", references[^1]);
        Assert.All(references, reference => Assert.Equal(1, other.Count("QueryCreated", reference)));
        Assert.Equal(0, desk.Services.GetRequiredService<PushDispatcher>().Dropped);
        // All that while the stalled console was still connected (not dropped by SignalR): reading again, it gets its pushes.
        await stalled.ReadUntilAsync(references[^1]);
        await stalled.CloseAsync();
    }
}

/// <summary>A console that stops reading holds up neither intake nor the other consoles; when pushes are dropped, consoles are told to reload.</summary>
public sealed class StalledConsoleTests(TinyPushQueueDesk desk) : IClassFixture<TinyPushQueueDesk>
{
    [Fact]
    public async Task Intake_WhileAConsoleStopsReading_IsAnsweredAndStored_AndAnOverflowSendsResync()
    {
        await using var other = NodeHubClient.Start(desk.BaseAddress, "supervisor", "supervisor-pass-1", "service-requests", supervisors: true);
        Assert.Equal("ready", (await other.WaitForAsync(l => l.GetProperty("event").GetString() is "invoke-failed" or "ready")).GetProperty("event").GetString());
        using var agent = await desk.SignInAsync("agent");
        var stalled = await LongPollingConsole.JoinAsync(agent, "service-requests");
        using var channel = await desk.ChannelAsync();

        // The stalled console never polls: after a push or two its buffer is full and the pushes to it wait.
        var first = (await channel.SubmitAsync(Requests.Query("Access to the finance share", catalogItem: "access-request"))).Str("reference");
        await other.WaitForEventAsync("QueryCreated", first);
        var references = new List<string> { first };
        for (var i = 0; i < 8; i++)
            references.Add((await channel.SubmitAsync(Requests.Query($"Access to the project share {i}", catalogItem: "access-request"))).Str("reference"));

        foreach (var reference in references)
            (await agent.GetAsync($"/api/queries/{reference}")).EnsureSuccessStatusCode();
        Assert.True(desk.Services.GetRequiredService<PushDispatcher>().Dropped > 0, "the queue of one push never overflowed");

        // The console reads again: what waited for it goes out, then every console is told to reload.
        var resumed = stalled.ReadUntilAsync("\"target\":\"Resync\"");
        await other.WaitForAsync(l => l.GetProperty("event").GetString() == "Resync");
        await resumed;
        await stalled.CloseAsync();
    }
}

/// <summary>
/// A raw SignalR client over long polling (the JSON protocol by hand): it reads only when asked to, so a test can make
/// it stop reading and the desk's writes to it wait, as with a console whose network stalled.
/// </summary>
sealed class LongPollingConsole(HttpClient http, string url)
{
    const char End = '\u001e';

    public static async Task<LongPollingConsole> JoinAsync(HttpClient http, string queue)
    {
        var negotiated = await http.PostAsync("/hubs/desk/negotiate?negotiateVersion=1", null);
        negotiated.EnsureSuccessStatusCode();
        var token = (await negotiated.Content.ReadFromJsonAsync<JsonElement>()).Str("connectionToken");
        var console = new LongPollingConsole(http, $"/hubs/desk?id={Uri.EscapeDataString(token)}");
        await console.PollAsync(); // the first poll only starts the connection
        await console.SendAsync("""{"protocol":"json","version":1}""");
        await console.ReadUntilAsync("{}" + End);
        await console.SendAsync($$"""{"type":1,"invocationId":"1","target":"JoinQueue","arguments":["{{queue}}"]}""");
        await console.ReadUntilAsync("\"invocationId\":\"1\"");
        return console;
    }

    async Task SendAsync(string message) =>
        (await http.PostAsync(url, new StringContent(message + End, Encoding.UTF8, "text/plain"))).EnsureSuccessStatusCode();

    async Task<string> PollAsync()
    {
        var response = await http.GetAsync(url);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync();
    }

    public async Task ReadUntilAsync(string expected)
    {
        var read = new StringBuilder();
        while (!read.ToString().Contains(expected, StringComparison.Ordinal))
            read.Append(await PollAsync());
    }

    public async Task CloseAsync() => await http.DeleteAsync(url);
}
