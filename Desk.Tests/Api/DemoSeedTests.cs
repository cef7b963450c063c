using System.Net.Http.Json;
using System.Text.Json;
using Desk.Api.Contacts;
using Desk.Api.Demo;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Desk.Tests.Api;

/// <summary>The demo desk that `dotnet run` seeds passes the same intake rules as everything else.</summary>
public sealed class DemoSeedTests
{
    [Fact]
    public async Task DemoQueries_AreAllTaken_OnEveryChannel()
    {
        await using var desk = new DeskApplication();
        using var seeded = desk.WithWebHostBuilder(b => b.UseSetting("Demo:Queries", DemoQueries.Texts.Length.ToString()));
        using var supervisor = seeded.CreateClient();
        supervisor.DefaultRequestHeaders.Add(DeskApplication.ConsoleHeader, "console");
        (await supervisor.PostAsJsonAsync("/api/auth/sign-in", new { username = "supervisor", password = "supervisor-pass-1" })).EnsureSuccessStatusCode();

        var page = await supervisor.GetFromJsonAsync<JsonElement>("/api/queries?limit=200");

        Assert.Equal(DemoQueries.Texts.Length, page.GetProperty("items").GetArrayLength());
        // Bo Li speaks Chinese too, so a Chinese chat in the demo finds someone to route to.
        var agents = (await supervisor.GetFromJsonAsync<JsonElement>("/api/routing/agents")).EnumerateArray();
        Assert.Equal(["en", "zh"], agents.Single(a => a.Str("username") == "agent2").GetProperty("languages").EnumerateArray().Select(l => l.GetString()));
    }

    [Fact]
    public void DemoPeople_HaveAddressesTheDeskAccepts()
    {
        using var desk = new DeskApplication();
        var addresses = desk.Services.GetRequiredService<ContactAddresses>();

        foreach (var person in DemoQueries.People)
        {
            Assert.True(addresses.Normalise("sms", person.Phone, out var phoneProblem) is not null, $"{person.Phone}: {phoneProblem}");
            Assert.True(addresses.Normalise("email", person.Email, out var emailProblem) is not null, $"{person.Email}: {emailProblem}");
        }
    }
}
