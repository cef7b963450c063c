using System.Net;
using System.Net.Http.Json;
using Desk.Api.Improvements;
using Microsoft.Extensions.DependencyInjection;

namespace Desk.Tests.Api;

/// <summary>
/// The improvement register: a suggestion becomes an entry, supervisors move it along, and the user who made it hears
/// of each change of status in their chat.
/// </summary>
public sealed class ImprovementTests(DeskApplication desk) : IClassFixture<DeskApplication>
{
    [Fact]
    public async Task ASuggestion_JoinsTheRegister_AndItsOriginatorHearsOfEachStatus()
    {
        await using var chat = await ChatQuery.StartAsync(desk);
        await chat.Chat.SayAsync("That's not right");
        Assert.Contains("improvement", Assert.Single(await chat.Chat.SayAsync("A suggestion")).Text);
        using var supervisor = await desk.SignInAsync("supervisor");

        var page = await (await supervisor.GetAsync("/api/improvements?status=new")).JsonAsync();
        var entry = page.GetProperty("items").EnumerateArray().Single(i => i.Str("reference") == chat.Reference);
        Assert.Equal(("query", ChatQuery.Confident), (entry.Str("source"), entry.Str("text")));
        var id = entry.GetProperty("id").GetInt64();
        Assert.Equal(HttpStatusCode.OK, (await chat.Agent.GetAsync("/api/improvements")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await chat.Agent.PatchAsJsonAsync($"/api/improvements/{id}", new { status = "accepted" })).StatusCode);

        var planned = await supervisor.PatchAsJsonAsync($"/api/improvements/{id}",
            new { status = "planned", owner = "agent2", note = "Coming in the spring release." });
        Assert.Equal(HttpStatusCode.OK, planned.StatusCode);
        var changed = await planned.JsonAsync();
        Assert.Equal(("planned", "agent2"), (changed.Str("status"), changed.Str("owner")));
        await chat.Chat.DrainedAsync();
        Assert.Equal($"Your suggestion ({chat.Reference}) \"{ChatQuery.Confident}\" is now planned: Coming in the spring release. Thank you for helping us improve.",
            chat.Chat.Received[^1].Text);

        // An owner alone tells the user nothing; a move the register does not allow is refused.
        var told = chat.Chat.Received.Count;
        Assert.Equal(HttpStatusCode.OK, (await supervisor.PatchAsJsonAsync($"/api/improvements/{id}", new { owner = "" })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await supervisor.PatchAsJsonAsync($"/api/improvements/{id}", new { status = "new" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await supervisor.PatchAsJsonAsync($"/api/improvements/{id}", new { owner = "nobody-here" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await supervisor.PatchAsJsonAsync($"/api/improvements/{id}", new { status = "done" })).StatusCode);
        await chat.Chat.DrainedAsync();
        Assert.Equal(told + 1, chat.Chat.Received.Count);
        Assert.Contains("is now done.", chat.Chat.Received[^1].Text);

        // The portal reads one entry with a reading key, to show its originator.
        using var portal = await desk.WithApiKeyAsync("queries:read");
        var shown = await (await portal.GetAsync($"/api/improvements/{id}")).JsonAsync();
        Assert.Equal(("done", (string?)null), (shown.Str("status"), shown.GetProperty("owner").GetString()));
        var counts = await desk.Services.GetRequiredService<ImprovementStore>().CountsAsync(CancellationToken.None);
        Assert.True(counts.Done >= 1);
    }

    [Fact]
    public async Task ASurveyCommentThatProposesAChange_JoinsTheRegister()
    {
        await using var chat = await SurveyTests.ResolvedAsync(desk, type: "consultation");
        desk.Clock.Advance(TimeSpan.FromHours(1.1));
        await SurveyTests.RunSenderAsync(desk);
        await chat.Chat.DrainedAsync();

        await chat.Chat.SayAsync("4 - you should add a self-service password reset page");

        using var supervisor = await desk.SignInAsync("supervisor");
        var page = await (await supervisor.GetAsync("/api/improvements")).JsonAsync();
        var entry = page.GetProperty("items").EnumerateArray().Single(i => i.Str("reference") == chat.Reference);
        Assert.Equal(("survey", "you should add a self-service password reset page"), (entry.Str("source"), entry.Str("text")));
    }
}
