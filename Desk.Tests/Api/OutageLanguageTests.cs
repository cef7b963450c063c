using System.Net;
using System.Net.Http.Json;

namespace Desk.Tests.Api;

/// <summary>Users hear of an outage in their own language: when their query is linked to it, and in its notices.</summary>
public sealed class OutageLanguageTests(DeskApplication desk) : IClassFixture<DeskApplication>
{
    [Fact]
    public async Task LinkingAQuery_TellsItsUser_ItIsAKnownOutage_InTheirLanguage_UnlessAskedNotTo()
    {
        using var agent = await desk.SignInAsync("agent2");
        await using var english = await BotChat.StartAsync(desk);
        var ana = await QueryOfAsync(english, "The payroll page will not load at all");
        await using var chinese = await BotChat.StartAsync(desk);
        var li = await QueryOfAsync(chinese, "工资系统的页面一直打不开");
        await using var quiet = await BotChat.StartAsync(desk);
        var bo = await QueryOfAsync(quiet, "Payroll shows an error page");
        var outage = await DeclareAsync(agent, "Payroll is down");

        var linked = await (await agent.PostAsJsonAsync($"/api/outages/{outage}/links", new { references = new[] { ana, li } })).JsonAsync();
        var silent = await (await agent.PostAsJsonAsync($"/api/outages/{outage}/links", new { references = new[] { bo }, tellUsers = false })).JsonAsync();

        Assert.Equal([ana, li], linked.GetProperty("notice").GetProperty("told").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, silent.GetProperty("notice").ValueKind);
        await english.DrainedAsync();
        await chinese.DrainedAsync();
        await quiet.DrainedAsync();
        Assert.Contains(english.Received, m => m.Text.StartsWith($"{ana} is part of a known major outage: Payroll is down."));
        Assert.Contains(chinese.Received, m => m.Text.StartsWith($"{li} 属于一个已知的重大故障：Payroll is down。"));
        Assert.DoesNotContain(quiet.Received, m => m.Text.Contains("is part of a known major outage"));
    }

    [Fact]
    public async Task AUserWritingInDuringAnOutage_IsToldOfIt_InTheirLanguage_AndNotOnceItIsResolved()
    {
        using var agent = await desk.SignInAsync("agent2");
        var title = $"Payroll down {Guid.NewGuid():N}"[..21];
        var outage = await DeclareAsync(agent, title);
        await using var english = await BotChat.StartAsync(desk);
        await using var chinese = await BotChat.StartAsync(desk);

        var told = await ReceiptAsync(english, "My laptop fan is very loud since the update");
        var toldZh = await ReceiptAsync(chinese, "我的笔记本电脑风扇声音很大");
        (await agent.PostAsJsonAsync($"/api/outages/{outage}/resolve", new { })).EnsureSuccessStatusCode();
        await using var later = await BotChat.StartAsync(desk);
        var after = await ReceiptAsync(later, "My laptop fan is very loud since the update");

        Assert.Contains($"Right now we know of a major outage: {title}", told);
        Assert.Contains($"目前已知的重大故障：{title}", toldZh);
        Assert.DoesNotContain(title, after);
    }

    [Fact]
    public async Task ANotice_WithATranslation_ReachesEachUserInTheirLanguage_AndAnUnknownLanguageIsRefused()
    {
        using var agent = await desk.SignInAsync("agent2");
        await using var english = await BotChat.StartAsync(desk);
        var ana = await QueryOfAsync(english, "I cannot open my payslip");
        await using var chinese = await BotChat.StartAsync(desk);
        var li = await QueryOfAsync(chinese, "我打不开我的工资单");
        var outage = await DeclareAsync(agent, "Payslips are missing");
        (await agent.PostAsJsonAsync($"/api/outages/{outage}/links", new { references = new[] { ana, li }, tellUsers = false })).EnsureSuccessStatusCode();
        var path = $"/api/outages/{outage}/notices";

        var refused = await agent.PostAsJsonAsync(path, new { text = "Back by noon.", translations = new Dictionary<string, string> { ["fr"] = "De retour à midi." } });
        var posted = await agent.PostAsJsonAsync(path, new { text = "Payslips are back by noon.", translations = new { zh = "工资单将在中午前恢复。" } });

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        await english.DrainedAsync();
        await chinese.DrainedAsync();
        Assert.Contains(english.Received, m => m.Text == $"{ana}: Payslips are back by noon.");
        Assert.Contains(chinese.Received, m => m.Text == $"{li}: 工资单将在中午前恢复。");
        Assert.DoesNotContain(english.Received, m => m.Text.Contains("Back by noon") || m.Text.Contains("工资单将"));
    }

    /// <summary>The reference of the query the words open.</summary>
    static async Task<string> QueryOfAsync(BotChat chat, string words) => ConversationTests.ReferenceIn(await ReceiptAsync(chat, words));

    /// <summary>The bot's receipt of the query the words open: past its articles, if it offers some first.</summary>
    static async Task<string> ReceiptAsync(BotChat chat, string words)
    {
        var reply = Assert.Single(await chat.SayAsync(words)).Text;
        if (!System.Text.RegularExpressions.Regex.IsMatch(reply, @"\b[A-Z]{3}-\d{4,}\b"))
            reply = Assert.Single(await chat.SayAsync(words.Any(c => c > '\u4E00') ? "没有" : "No")).Text;
        return reply;
    }

    static async Task<long> DeclareAsync(HttpClient client, string title)
    {
        var response = await client.PostAsJsonAsync("/api/outages", new { title, description = "Declared by a test." });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.JsonAsync()).GetProperty("id").GetInt64();
    }
}
