using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Desk.Api.Data;
using Desk.Api.Email;
using Desk.Tests.Api;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Desk.Tests.Live;

/// <summary>
/// The contact card in the console, in headless chromium: identities and queries on every channel, merging another
/// contact in and un-merging it with reasons, a refusal shown in words, an admin's export and erasure, and a query's
/// mail attachments as downloads.
/// </summary>
[Collection(LiveCollection.Name)]
public sealed class ConsoleContactBrowserTests(LiveDesk desk)
{
    [Fact]
    public async Task AnAgent_MergesAnotherContactIn_SeesTheirQueries_AndUnmergesIt()
    {
        var (mine, theirs) = ($"mei-{Guid.NewGuid():N}@example.org", $"mei-home-{Guid.NewGuid():N}@example.org");
        using var channel = await desk.ChannelAsync();
        var here = (await channel.SubmitAsync(Requests.Query("Outlook will not start on my laptop", address: mine))).Str("reference");
        var there = (await channel.SubmitAsync(Requests.Query("Outlook crashes when it starts at home", address: theirs))).Str("reference");
        using var agent = await desk.SignInAsync("agent");
        var (contact, other) = (await ContactOfAsync(agent, here), await ContactOfAsync(agent, there));
        await using var browser = await Chromium.RentAsync();
        var page = await browser.NewPageAsync();
        await Chromium.SignInAsync(page, desk, "agent", "agent-pass-1");

        await CaseFile.OpenAsync(page, here);
        await page.Locator($"#casefile .contact-identities li[data-channel='email'][data-address='{mine}'][data-verified='false']").WaitForAsync();
        Assert.Contains($"{contact}", await page.InnerTextAsync("#contact-card-heading"));
        Assert.True(await page.Locator("#casefile .contact-admin").IsHiddenAsync());
        await page.FillAsync("#contact-merge-from", contact.ToString());
        await page.FillAsync("#contact-merge-reason", "The same person.");
        await page.ClickAsync("#contact-merge-submit");
        await page.Locator("#contact-error", new() { HasTextString = "cannot be merged into itself" }).WaitForAsync();

        await page.FillAsync("#contact-merge-from", there);
        await page.FillAsync("#contact-merge-reason", "Mei wrote from home, she said so on the phone.");
        await page.ClickAsync("#contact-merge-submit");

        await page.Locator($"#casefile .contact-queries button[data-reference='{there}']").WaitForAsync();
        await page.Locator($"#casefile .contact-identities li[data-address='{theirs}']").WaitForAsync();
        var merge = page.Locator("#casefile .contact-merges li[data-undone='false']");
        Assert.Contains("Mei wrote from home", await merge.InnerTextAsync());
        Assert.Contains($"Contact {other}", await page.InnerTextAsync("#contact-status"));
        Assert.Equal(contact, await ContactOfAsync(agent, there));

        await merge.Locator(".unmerge-reason").FillAsync("Two people after all.");
        await merge.Locator(".unmerge-submit").ClickAsync();

        await page.Locator("#casefile .contact-merges li[data-undone='true']").WaitForAsync();
        await page.Locator($"#casefile .contact-queries button[data-reference='{there}']").WaitForAsync(new() { State = WaitForSelectorState.Detached });
        Assert.Equal(other, await ContactOfAsync(agent, there));
        var card = await agent.GetFromJsonAsync<JsonElement>($"/api/contacts/{contact}");
        var undone = Assert.Single(card.GetProperty("merges").EnumerateArray());
        Assert.Equal(("Mei wrote from home, she said so on the phone.", "Two people after all."), (undone.Str("reason"), undone.Str("unmergeReason")));
    }

    [Fact]
    public async Task AnAdmin_ExportsTheContactAsJson_AndErasesIt()
    {
        var address = $"export-{Guid.NewGuid():N}@example.org";
        using var channel = await desk.ChannelAsync();
        var reference = (await channel.SubmitAsync(Requests.Query("Please delete my account data", address: address))).Str("reference");
        await using var browser = await Chromium.RentAsync();
        var page = await browser.NewPageAsync();
        await Chromium.SignInAsync(page, desk, "admin", DeskApplication.AdminPassword);
        await CaseFile.OpenAsync(page, reference);
        await page.Locator($"#casefile .contact-identities li[data-address='{address}']").WaitForAsync();
        var contact = long.Parse(await page.Locator("#casefile .contact-card").GetAttributeAsync("data-contact") ?? "");

        await page.ClickAsync("#casefile .contact-admin summary");
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#contact-export"));

        Assert.Equal($"contact-{contact}.json", download.SuggestedFilename);
        var export = JsonDocument.Parse(await File.ReadAllTextAsync(await download.PathAsync())).RootElement;
        Assert.Equal(contact, export.GetProperty("id").GetInt64());
        Assert.Equal(address, Assert.Single(export.GetProperty("identities").EnumerateArray()).Str("address"));
        Assert.Equal(reference, Assert.Single(export.GetProperty("queries").EnumerateArray()).Str("reference"));

        await page.FillAsync("#contact-erase-reason", "The user asked to be forgotten.");
        await page.FillAsync("#contact-erase-confirm", contact.ToString());
        await page.ClickAsync("#contact-erase-submit");

        await page.Locator("#contact-status", new() { HasTextString = $"{contact}" }).WaitForAsync();
        await page.Locator("#casefile .contact-name", new() { HasTextString = $"Erased contact {contact}" }).WaitForAsync();
        Assert.Equal(0, await page.Locator("#casefile .contact-identities li").CountAsync());
    }

    [Fact]
    public async Task TheQueryPane_ListsTheMailAttachments_AsDownloads()
    {
        using var channel = await desk.ChannelAsync();
        var reference = (await channel.SubmitAsync(Requests.Query("The installer stops at step 4"))).Str("reference");
        await KeepAttachmentAsync(reference, "install.log", "text/plain", "error 1603 at step 4"u8.ToArray());
        await using var browser = await Chromium.RentAsync();
        var page = await browser.NewPageAsync();
        await Chromium.SignInAsync(page, desk, "agent", "agent-pass-1");

        await CaseFile.OpenAsync(page, reference);
        var file = page.Locator("#query-attachments li", new() { HasTextString = "install.log" });
        await file.WaitForAsync();

        Assert.Equal(("text/plain", "20 B"), (await file.Locator(".file-type").InnerTextAsync(), await file.Locator(".file-size").InnerTextAsync()));
        var download = await page.RunAndWaitForDownloadAsync(() => file.Locator("a").ClickAsync());
        Assert.Equal("install.log", download.SuggestedFilename);
        Assert.Equal("error 1603 at step 4", await File.ReadAllTextAsync(await download.PathAsync()));
    }

    /// <summary>Keeps an attachment on the query as the mail intake does, through the e-mail store in one transaction.</summary>
    async Task KeepAttachmentAsync(string reference, string name, string type, byte[] content)
    {
        var db = desk.Services.GetRequiredService<DeskDb>();
        await using var write = await db.BeginWriteAsync(CancellationToken.None);
        var queryId = await write.Connection.ExecuteScalarAsync<long>(
            "select id from queries where reference = @reference", new { reference }, write.Transaction);
        await desk.Services.GetRequiredService<EmailStore>().KeepAttachmentAsync(write.Transaction, queryId, $"<{Guid.NewGuid():N}@client.example.org>",
            name, type, content, DateTimeOffset.UtcNow, CancellationToken.None);
        await write.CommitAsync(CancellationToken.None);
    }

    static async Task<long> ContactOfAsync(HttpClient agent, string reference) =>
        (await agent.GetFromJsonAsync<JsonElement>($"/api/queries/{reference}")).GetProperty("contactId").GetInt64();
}
