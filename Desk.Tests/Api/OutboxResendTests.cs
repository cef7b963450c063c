using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Desk.Tests.Api;

/// <summary>A message that never reached its user: the desk's health says so, and an agent sends it again.</summary>
public sealed class OutboxResendTests
{
    [Fact]
    public async Task AFailedReply_IsSentAgainOnRequest_FromItsFirstTry_AndOnlyAFailedOneIs()
    {
        await using var desk = new DeskApplication();
        await using var chat = await ChatQuery.StartAsync(desk);
        chat.Connector.AnswerStatus = StatusCodes.Status400BadRequest;
        var refused = await chat.ReplyAsync("Your new badge is at the front desk");
        var failed = await chat.DeliveryAsync(refused, "failed");
        var note = await chat.ReplyAsync("Badge printed by facilities", visibility: "internal");
        var path = $"/api/queries/{chat.Reference}/timeline/{refused.GetProperty("id").GetInt64()}/resend";
        chat.Connector.AnswerStatus = StatusCodes.Status200OK;

        var resent = await chat.Agent.PostAsync(path, null);

        Assert.Equal(HttpStatusCode.OK, resent.StatusCode);
        var delivery = await resent.JsonAsync();
        Assert.Equal(("pending", 0), (delivery.Str("state"), delivery.GetProperty("attempts").GetInt32()));
        var sent = await chat.DeliveryAsync(refused, "sent");
        Assert.Equal(1, sent.GetProperty("attempts").GetInt32());
        // The test's clock stands still, as two nodes' clocks may disagree: the count of writes orders the accounts.
        Assert.Equal(failed.Str("at"), sent.Str("at"));
        var revisions = new[] { failed, delivery, sent }.Select(d => d.GetProperty("revision").GetInt32()).ToArray();
        Assert.Equal(revisions.Order(), revisions);
        Assert.Equal(revisions.Length, revisions.Distinct().Count());
        Assert.Equal([400, 200], chat.Answers(refused));
        Assert.Equal(HttpStatusCode.Conflict, (await chat.Agent.PostAsync(path, null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound,
            (await chat.Agent.PostAsync($"/api/queries/{chat.Reference}/timeline/{note.GetProperty("id").GetInt64()}/resend", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await chat.Agent.PostAsync($"/api/queries/INC-999999/timeline/1/resend", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await desk.Anonymous().PostAsync(path, null)).StatusCode);
    }

    [Fact]
    public async Task Health_IsDegraded_WhileAMessageRetriesLong_OrWasGivenUpLately_SayingWhyToStaffOnly()
    {
        await using var desk = new DeskApplication();
        using var supervisor = await desk.SignInAsync("supervisor");
        await using var chat = await ChatQuery.StartAsync(desk);
        Assert.Equal("Healthy", (await (await supervisor.GetAsync("/health")).JsonAsync()).Str("status"));
        chat.Connector.AnswerStatus = StatusCodes.Status503ServiceUnavailable;

        var reply = await chat.ReplyAsync("Your laptop is ready for pick-up");
        await chat.DeliveryAsync(reply, "retrying");
        Assert.Equal("Healthy", (await (await supervisor.GetAsync("/health")).JsonAsync()).Str("status"));
        desk.Clock.Advance(TimeSpan.FromMinutes(20));
        var retrying = await supervisor.GetAsync("/health");
        var anonymous = await desk.Anonymous().GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, retrying.StatusCode);
        var outbox = (await retrying.JsonAsync()).GetProperty("checks").GetProperty("outbox");
        Assert.Equal("Degraded", outbox.Str("status"));
        Assert.Contains("1 messages retrying", outbox.Str("description"));
        Assert.Contains("503", outbox.Str("description"));
        var outside = await anonymous.JsonAsync();
        Assert.Equal("Degraded", outside.Str("status"));
        Assert.False(outside.TryGetProperty("checks", out _));
    }
}
