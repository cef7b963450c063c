using Dapper;

namespace Desk.Tests.Api;

/// <summary>What the user's words mean after an article offer, and which language they are answered in.</summary>
public sealed partial class ConversationTests
{
    const string Vpn = "My VPN says the certificate has expired";

    [Theory]
    [InlineData("yes I tried those, still broken")]
    [InlineData("No. It fails with error 809 on Windows 11")]
    [InlineData("Still disconnects after that, every 10 min")]
    public async Task AfterAnArticleOffer_WordsBeyondYesOrNo_GoOnTheQuery_AndAreNoDeflection(string words)
    {
        await using var chat = await BotChat.StartAsync(desk);
        Assert.Contains("Article 1 solved it", Assert.Single(await chat.SayAsync(Vpn)).Actions);

        var next = Assert.Single(await chat.SayAsync(words));
        if (next.Actions.Contains("Something isn't working"))
            next = Assert.Single(await chat.SayAsync("Something isn't working"));

        var reference = ReferenceIn(next.Text);
        await using var db = await desk.OpenDbAsync();
        Assert.Equal($"{Vpn}\n{words}", await db.ExecuteScalarAsync<string>("select text from queries where reference = @reference", new { reference }));
        Assert.Equal(0, await db.ExecuteScalarAsync<int>(
            "select count(*) from bot_events e join conversations c on c.id = e.conversation_id where e.kind = 'deflected' and c.address like @user",
            new { user = "%" + chat.User + "%" }));
    }

    [Fact]
    public async Task AfterAnArticleOffer_APlainNo_TakesTheProblemAsItWas()
    {
        await using var chat = await BotChat.StartAsync(desk);
        await chat.SayAsync(Vpn);

        var next = Assert.Single(await chat.SayAsync("No"));
        if (next.Actions.Contains("Something isn't working"))
            next = Assert.Single(await chat.SayAsync("Something isn't working"));

        await using var db = await desk.OpenDbAsync();
        Assert.Equal(Vpn, await db.ExecuteScalarAsync<string>("select text from queries where reference = @r", new { r = ReferenceIn(next.Text) }));
    }

    [Fact]
    public async Task AnAnswer_ToALongProblem_IsTaken_AndTheProblemGivesWayToIt()
    {
        await using var chat = await BotChat.StartAsync(desk);
        var problem = string.Concat(Enumerable.Repeat("My VPN disconnects constantly. ", 322));
        const string Answer = "The error code shown is 009 on Windows 11";
        await chat.SayAsync(problem);

        var next = Assert.Single(await chat.SayAsync(Answer));
        if (next.Actions.Contains("Something isn't working"))
            next = Assert.Single(await chat.SayAsync("Something isn't working"));

        await using var db = await desk.OpenDbAsync();
        var text = await db.ExecuteScalarAsync<string>("select text from queries where reference = @r", new { r = ReferenceIn(next.Text) });
        Assert.EndsWith("…\n" + Answer, text);
        Assert.Equal(10_000, text!.Length);
    }

    [Fact]
    public async Task FilesSentBeforeAndDuringAnArticleOffer_AllReachTheQuery_AndTheOfferStillCame()
    {
        await using var chat = await BotChat.StartAsync(desk);

        Assert.Contains("I have your file", Assert.Single(await chat.SendFileAsync("first.png")).Text);
        Assert.Contains("Article 1 solved it", Assert.Single(await chat.SendFileAsync("second.png", Vpn)).Actions);
        var next = Assert.Single(await chat.SendFileAsync("third.png", "No"));
        if (next.Actions.Contains("Something isn't working"))
            next = Assert.Single(await chat.SendFileAsync("fourth.png", "Something isn't working"));

        await using var db = await desk.OpenDbAsync();
        var text = await db.ExecuteScalarAsync<string>("select text from queries where reference = @r", new { r = ReferenceIn(next.Text) });
        Assert.StartsWith(Vpn + "\n[attachment: second.png, image/png, https://files.example.org/second.png]", text);
        foreach (var file in new[] { "first.png", "third.png" })
            Assert.Contains($"[attachment: {file}, image/png, https://files.example.org/{file}]", text);
    }

    [Fact]
    public async Task StatusAlone_WhileArticlesAreOffered_IsAnswered_AndTheOfferStillStands()
    {
        await using var chat = await BotChat.StartAsync(desk);
        Assert.Contains("Article 1 solved it", Assert.Single(await chat.SayAsync(Vpn)).Actions);

        var status = Assert.Single(await chat.SayAsync("status"));
        var next = Assert.Single(await chat.SayAsync("No"));
        if (next.Actions.Contains("Something isn't working"))
            next = Assert.Single(await chat.SayAsync("Something isn't working"));

        Assert.Contains("no open or recently resolved queries", status.Text);
        await using var db = await desk.OpenDbAsync();
        Assert.Equal(Vpn, await db.ExecuteScalarAsync<string>("select text from queries where reference = @r", new { r = ReferenceIn(next.Text) }));
    }

    [Fact]
    public async Task AFileAlone_WithAQueryOpen_GoesOnThatQuery()
    {
        await using var chat = await BotChat.StartAsync(desk);
        var reference = ReferenceIn(Assert.Single(await chat.SayAsync("Someone called and asked for my password")).Text);

        var answer = Assert.Single(await chat.SendFileAsync("screen.png"));

        Assert.Contains(reference, answer.Text);
        Assert.Contains(await TimelineAsync(reference), e => e.Kind == "message_in" && e.Body == "[attachment: screen.png, image/png, https://files.example.org/screen.png]");
    }

    [Fact]
    public async Task AFileName_WithControlCharacters_IsNamedPlain_AndTheChatGoesOn()
    {
        await using var chat = await BotChat.StartAsync(desk);

        Assert.Contains("I have your file", Assert.Single(await chat.SendFileAsync("scan\u0007\u202E\u0000\nfake].png")).Text);
        var reference = ReferenceIn(Assert.Single(await chat.SayAsync("Someone called and asked for my password")).Text);
        var answer = Assert.Single(await chat.SayAsync("They said they were from the bank"));

        Assert.Contains(reference, answer.Text);
        await using var db = await desk.OpenDbAsync();
        var text = await db.ExecuteScalarAsync<string>("select text from queries where reference = @reference", new { reference });
        Assert.Contains("\n[attachment: scanfake].png, image/png]", text);
        Assert.DoesNotContain(text!, c => char.IsControl(c) && c != '\n');
    }

    [Fact]
    public async Task ManyFilesWithLongNames_OnAnOpenQuery_AreNamedWithinTheTextLimit_TheRestCounted()
    {
        await using var chat = await BotChat.StartAsync(desk);
        var reference = ReferenceIn(Assert.Single(await chat.SayAsync("Someone called and asked for my password")).Text);

        await chat.SendFilesAsync(new string('w', 9_000), [.. Enumerable.Range(1, 50).Select(i => $"{i}-{new string('n', 3_000)}.png")]);

        var said = Assert.Single(await TimelineAsync(reference), e => e.Kind == "message_in" && e.Body!.Contains("[attachment: "));
        Assert.True(said.Body!.Length <= 10_000, $"{said.Body.Length} characters");
        Assert.StartsWith(new string('w', 8_000), said.Body);
        Assert.Contains("[attachment: 1-nnn", said.Body);
        Assert.EndsWith(" more files]", said.Body);
    }

    [Fact]
    public async Task AChannelName_WithBidirectionalControls_IsKeptWithoutThem()
    {
        await using var chat = await BotChat.StartAsync(desk);
        chat.Name = "Ana \u202Eavlis\u202C\nSilva";

        var reference = ReferenceIn(Assert.Single(await chat.SayAsync("Someone called and asked for my password")).Text);

        await using var db = await desk.OpenDbAsync();
        Assert.Equal("Ana avlis Silva", await db.ExecuteScalarAsync<string>(
            "select c.display_name from contacts c join queries q on q.contact_id = c.id where q.reference = @reference", new { reference }));
    }

    [Fact]
    public async Task AMessageOverTheLimit_IsNotLogged_AndTheChatSaysWhy_InItsLanguage()
    {
        await using var chat = await BotChat.StartAsync(desk, locale: "zh-CN");
        var tooLong = string.Concat(Enumerable.Repeat("我的电脑无法连接VPN。", 1000));

        var answer = Assert.Single(await chat.SayAsync(tooLong));

        Assert.Contains("12,000 个字符", answer.Text);
        Assert.Contains("没有登记", answer.Text);
        Assert.Equal(0, await QueriesOfAsync(chat));
        var next = Assert.Single(await chat.SayAsync("打印机卡纸了，打不出来"));
        Assert.DoesNotContain("没有登记", next.Text);
    }

    [Fact]
    public async Task AnOk_WithAQueryOpen_SaysWhereTheNextWordsGo_AndGoesNowhere()
    {
        await using var chat = await BotChat.StartAsync(desk);
        var reference = ReferenceIn(Assert.Single(await chat.SayAsync(Problem)).Text);

        var ok = Assert.Single(await chat.SayAsync("ok"));

        Assert.Equal($"{reference} is open: anything you write here goes on it, and \"This is a new matter\" starts another.", ok.Text);
        Assert.Equal(1, await QueriesOfAsync(chat));
        Assert.DoesNotContain((await TimelineAsync(reference)), e => e.Kind == "message_in" && e.Body == "ok");
    }

    [Fact]
    public async Task AChineseChat_StaysChinese_ForAReferenceOrAShortLatinWord()
    {
        await using var chat = await BotChat.StartAsync(desk, locale: "zh-CN");

        var ok = Assert.Single(await chat.SayAsync("ok"));
        var reference = Assert.Single(await chat.SayAsync("INC-999999"));
        var english = Assert.Single(await chat.SayAsync("What is the status of my tickets?"));

        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", ok.Text);
        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", reference.Text);
        Assert.DoesNotMatch(@"\p{IsCJKUnifiedIdeographs}", english.Text);
    }

    [Fact]
    public async Task AQueryFromAChineseChat_InLatinLetters_IsSpokenToInChinese()
    {
        await using var chat = await BotChat.StartAsync(desk, locale: "zh-CN");

        var replies = await chat.SayAsync("VPN error 809");
        foreach (var _ in Enumerable.Range(0, 3))
        {
            if (replies[^1].Actions.FirstOrDefault(a => a is "仍需帮助" or "有东西坏了") is not { } onward)
                break;
            replies = await chat.SayAsync(onward);
        }

        var reference = ReferenceIn(string.Join("\n", replies.Select(r => r.Text)));
        await using var db = await desk.OpenDbAsync();
        Assert.Equal("zh", await db.ExecuteScalarAsync<string>("select language from queries where reference = @reference", new { reference }));
    }
}
