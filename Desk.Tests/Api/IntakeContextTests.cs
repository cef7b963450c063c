using System.Net.Http.Json;
using Desk.Api.Sla;
using Microsoft.Extensions.DependencyInjection;

namespace Desk.Tests.Api;

/// <summary>
/// Intake classifies a query's text before its batch; the one context that needs the database (the contact has an open
/// query past its agreed time frame) is applied inside the batch, and must still decide as the Table 8.4 rule says.
/// </summary>
public sealed class IntakeContextTests
{
    const string Unhappy = "your support is slow, I am unhappy";

    [Fact]
    public async Task ANegativeExperience_FromAContactWithABreachedOpenQuery_IsAnIncidentByRule_AndFromAnotherContactIsNot_NorOnceItIsResolved()
    {
        await using var desk = new DeskApplication();
        using var channel = await desk.WithApiKeyAsync("intake", "queries:read");
        const string address = "waiting-too-long@example.org";
        var laptop = await channel.SubmitAsync(Requests.Query("Laptop for a new starter", address: address, catalogItem: "new-laptop"));
        desk.Clock.Advance(TimeSpan.FromHours(8) + TimeSpan.FromMinutes(1)); // past the service request's first response
        using (var scope = desk.Services.CreateScope())
            await scope.ServiceProvider.GetRequiredService<DeadlineSweepJob>().SweepAsync(CancellationToken.None);

        var breached = await channel.SubmitAsync(Requests.Query(Unhappy, address: address));
        var unbreached = await channel.SubmitAsync(Requests.Query(Unhappy));

        Assert.Equal("incident", breached.Str("type"));
        Assert.Equal("rule", breached.Str("decidedBy"));
        Assert.Contains("SLA is breached", await RuleAsync(channel, breached.Str("reference")));
        Assert.DoesNotContain("SLA is breached", await RuleAsync(channel, unbreached.Str("reference")) ?? "");

        // Resolved, the breached query no longer counts (the breach alone does not make a query "open and breached").
        using var supervisor = await desk.SignInAsync("supervisor");
        foreach (var status in new[] { "in_progress", "resolved" })
            (await supervisor.PatchAsJsonAsync($"/api/queries/{laptop.Str("reference")}", new { status })).EnsureSuccessStatusCode();
        var afterwards = await channel.SubmitAsync(Requests.Query(Unhappy, address: address));
        Assert.DoesNotContain("SLA is breached", await RuleAsync(channel, afterwards.Str("reference")) ?? "");
    }

    static async Task<string?> RuleAsync(HttpClient channel, string reference)
    {
        var detail = await (await channel.GetAsync($"/api/queries/{reference}")).JsonAsync();
        var created = detail.GetProperty("timeline").EnumerateArray().First(e => e.Str("kind") == "created");
        return created.GetProperty("data").TryGetProperty("rule", out var rule) && rule.ValueKind == System.Text.Json.JsonValueKind.String
            ? rule.GetString() : null;
    }
}
