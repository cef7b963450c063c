using System.Net;
using System.Net.Http.Json;

namespace Desk.Tests.Api;

/// <summary>An outage notice on a desk with an e-mail plug-in: each user hears on their own channel, chat or e-mail.</summary>
public sealed class OutageMailTests(SurveyLinkTests.MailDesk desk) : IClassFixture<SurveyLinkTests.MailDesk>
{
    [Fact]
    public async Task ANotice_ReachesAnEmailUserByEmail_AndAChatUserInTheirChat()
    {
        using var agent = await desk.SignInAsync("agent2");
        await using var chat = await ChatQuery.StartAsync(desk);
        var address = $"outage-{Guid.NewGuid():N}@example.org";
        var mailed = (await agent.SubmitAsync(Requests.Query("Payroll will not open", channel: "email", address: address))).Str("reference");
        var created = await agent.PostAsJsonAsync("/api/outages", new { title = "Payroll is down", description = "No payslips." });
        var outage = (await created.JsonAsync()).GetProperty("id").GetInt64();
        (await agent.PostAsJsonAsync($"/api/outages/{outage}/links", new { references = new[] { mailed, chat.Reference }, tellUsers = false })).EnsureSuccessStatusCode();

        var posted = await agent.PostAsJsonAsync($"/api/outages/{outage}/notices", new { text = "We are restoring payroll." });

        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        Assert.Equal($"{mailed}: We are restoring payroll.", (await desk.Mail.ForAsync(address)).Text);
        await chat.Chat.DrainedAsync();
        Assert.Contains(chat.Chat.Received, m => m.Text == $"{chat.Reference}: We are restoring payroll.");
        Assert.DoesNotContain(desk.Mail.Sent, m => m.Text.Contains(chat.Reference));
    }
}
