using System.Net;
using System.Net.Http.Json;

namespace Desk.Tests.Api;

/// <summary>A phone call with the user, on the record: on the timeline the user may see, an answer for the SLA, sent nowhere.</summary>
public sealed class PhoneCallTests(SurveyLinkTests.MailDesk desk) : IClassFixture<SurveyLinkTests.MailDesk>
{
    [Fact]
    public async Task ALoggedCall_IsOnTheTimeline_AnswersTheUser_AndIsNotSent()
    {
        using var agent = await desk.SignInAsync("agent2");
        var address = $"call-{Guid.NewGuid():N}@example.org";
        var reference = (await agent.SubmitAsync(Requests.Query("The docking station charges but shows no screen", channel: "email", address: address))).Str("reference");

        var logged = await agent.PostAsJsonAsync($"/api/queries/{reference}/messages",
            new { text = "Called Mei: swapped the USB-C cable, screen back.", channel = "phone" });
        var reply = await agent.PostAsJsonAsync($"/api/queries/{reference}/messages", new { text = "As agreed on the phone: fixed." });

        Assert.Equal(HttpStatusCode.Created, logged.StatusCode);
        var entry = await logged.JsonAsync();
        Assert.Equal("phone_call", entry.Str("kind"));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, entry.GetProperty("delivery").ValueKind);
        var detail = await (await agent.GetAsync($"/api/queries/{reference}")).JsonAsync();
        // The call answered the user: their first response is the call's (to the microsecond an engine keeps).
        Assert.Equal(entry.GetProperty("at").GetDateTimeOffset(), detail.GetProperty("firstRespondedAt").GetDateTimeOffset(), TimeSpan.FromMilliseconds(1));
        reply.EnsureSuccessStatusCode();
        var mail = await desk.Mail.ForAsync(address);
        Assert.Equal($"{reference}: As agreed on the phone: fixed.", mail.Text);
        Assert.DoesNotContain(desk.Mail.Sent, m => m.Text.Contains("swapped the USB-C cable"));
    }
}
