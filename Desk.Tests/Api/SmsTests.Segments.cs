using System.Net.Http.Json;
using Desk.Api.Sms;

namespace Desk.Tests.Api;

/// <summary>SMS segments as carriers count them, and a reply past the limit: cut with a link, and the agent told.</summary>
public sealed partial class SmsTests
{
    [Fact]
    public async Task ALongChineseReply_IsShortenedToTheSegmentLimit_WithALinkToTheQuery()
    {
        var from = NewNumber();
        var reference = await desk.QueryByTextAsync(from, "我的电脑无法连接打印机");
        using var agent = await desk.SignInAsync("agent2");
        var reply = string.Concat(Enumerable.Repeat("请先重新启动打印机，然后在电脑上删除并重新添加这台打印机。", 10));

        (await agent.PostAsJsonAsync($"/api/queries/{reference}/messages", new { text = reply })).EnsureSuccessStatusCode();

        var sent = await desk.Twilio.ForAsync(from, m => m.Body.Contains("请先重新启动"));
        Assert.EndsWith($"... {SmsDesk.LinkBase}{reference}", sent.Body);
        Assert.StartsWith($"{reference}: 请先重新启动打印机", sent.Body);
        Assert.True(sent.Body.Length <= 3 * 67, $"{sent.Body.Length} UTF-16 units");
        Assert.Equal(3, SmsText.Segments(sent.Body));

        // The agent is told what the user did not read; the user's own view of the query never shows it.
        var query = await (await agent.GetAsync($"/api/queries/{reference}")).JsonAsync();
        var note = Assert.Single(query.GetProperty("timeline").EnumerateArray(), e => e.Str("kind") == "note");
        Assert.Equal("system", note.Str("actor"));
        Assert.Equal("The reply takes 5 texts by sms; only the first 3 were sent, and the user has a link to the query for the rest.", note.Str("body"));
        Assert.Equal(("reply_cut", 5, 3), (note.GetProperty("data").Str("says"), note.GetProperty("data").GetProperty("parts").GetInt32(),
            note.GetProperty("data").GetProperty("sent").GetInt32()));
    }

    [Theory]
    [InlineData("a", 160, 1)]
    [InlineData("a", 161, 2)]
    [InlineData("a", 306, 2)]
    [InlineData("a", 307, 3)]
    [InlineData("€", 80, 1)] // an extension character takes two of GSM-7's 160
    [InlineData("€", 81, 2)]
    [InlineData("中", 70, 1)]
    [InlineData("中", 71, 2)]
    [InlineData("中", 135, 3)]
    public void Segments_AreCountedAsCarriersCountThem(string character, int count, int segments) =>
        Assert.Equal(segments, SmsText.Segments(string.Concat(Enumerable.Repeat(character, count))));

    [Fact]
    public void AGsmText_OverTheLimit_IsCutToFit_WithTheLinkToItsQuery()
    {
        var text = "INC-42: " + string.Concat(Enumerable.Repeat("Please restart the router and wait two minutes. ", 12));

        var sent = SmsText.Fit(text, 3, new Uri("https://desk.example.org/q/"));

        Assert.EndsWith("... https://desk.example.org/q/INC-42", sent);
        Assert.True(sent.Length <= 3 * 153, $"{sent.Length} characters");
        Assert.Equal(3, SmsText.Segments(sent));
        Assert.Equal("INC-42: short enough", SmsText.Fit("INC-42: short enough", 3, new Uri("https://desk.example.org/q/")));
    }
}
