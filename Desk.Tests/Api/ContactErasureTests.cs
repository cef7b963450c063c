using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using static Desk.Tests.Api.ContactMergeTests;

namespace Desk.Tests.Api;

/// <summary>Offboarding (ITIL 4 7.6.2): exporting everything held about a contact, and erasing it on request.</summary>
public sealed class ContactErasureTests(DeskApplication desk) : IClassFixture<DeskApplication>
{
    // Every text column a person's name, address or words could be in (checked directly in the database).
    static readonly (string Table, string Column)[] TextColumns =
    [
        ("contacts", "display_name"), ("contact_identities", "address"), ("queries", "subject"), ("queries", "text"),
        ("timeline_entries", "body"), ("timeline_entries", "data"), ("outbox_messages", "address"), ("outbox_messages", "payload"),
        ("labelled_examples", "text"), ("idempotency_keys", "response"), ("conversations", "address"), ("surveys", "comment"),
        ("improvements", "text"), ("audit_events", "subject"), ("audit_events", "detail"), ("contact_merges", "reason"),
        ("moments", "note"),
    ];

    [Fact]
    public async Task AnErasure_LeavesNoTraceOfNameAddressOrText_WhileQueriesStillCountWithTheirTypes()
    {
        var (tag, contact, references) = await PersonWithHistoryAsync();
        using var admin = await desk.SignInAsync("admin");
        var before = await FiguresAsync(contact);

        await RefusedAsync(admin, $"/api/contacts/{contact}/erase", new { reason = "asked to be forgotten", confirm = "someone else" },
            HttpStatusCode.BadRequest);
        Assert.True(await TracesAsync(tag) > 0);
        var response = await admin.PostAsJsonAsync($"/api/contacts/{contact}/erase", new { reason = "asked to be forgotten", confirm = $"Mei {tag}" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var receipt = await response.JsonAsync();
        Assert.Equal((2, 2), (receipt.GetProperty("identities").GetInt32(), receipt.GetProperty("queries").GetInt32()));
        Assert.Equal(0, await TracesAsync(tag));
        Assert.Equal(before, await FiguresAsync(contact));
        var card = await (await admin.GetAsync($"/api/contacts/{contact}")).JsonAsync();
        Assert.Equal($"Erased contact {contact}", card.Str("displayName"));
        Assert.Empty(card.GetProperty("identities").EnumerateArray());
        Assert.All(card.GetProperty("queries").EnumerateArray(), q => Assert.Equal("[erased]", q.Str("subject")));
        var query = await (await admin.GetAsync($"/api/queries/{references[0]}")).JsonAsync();
        Assert.Contains(query.GetProperty("timeline").EnumerateArray(), e => e.Str("kind") == "message_in" && e.Str("body") == "[erased]");
        await using var db = await desk.OpenDbAsync();
        Assert.Equal(1, await db.ExecuteScalarAsync<int>(
            "select count(*) from audit_events where kind = 'contact_erased' and subject = @subject and actor = 'admin' and detail like '%asked to be forgotten%'",
            new { subject = $"contact:{contact}" }));

        var twice = await admin.PostAsJsonAsync($"/api/contacts/{contact}/erase", new { reason = "again", confirm = $"{contact}" });
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        Assert.Equal("application/problem+json", twice.Content.Headers.ContentType?.MediaType);
        // Writing in again is a new person to the desk: nothing links them to the erased contact.
        using var channel = await desk.WithApiKeyAsync("intake");
        var fresh = await SubmitAsync(channel, "Hello again", "email", $"mei-{tag}@example.org", "Someone");
        Assert.NotEqual(contact, await ContactOfAsync(admin, fresh));
    }

    [Fact]
    public async Task AnErasure_AlsoErasesTheNamesOfContactsMergedIntoIt_ThroughAChainOfMerges_AndAMergedContactIsNotErasedAlone()
    {
        using var agent = await desk.SignInAsync("agent2");
        using var admin = await desk.SignInAsync("admin");
        using var channel = await desk.WithApiKeyAsync("intake");
        var tag = Guid.NewGuid().ToString("N")[..12];
        var contacts = new List<long>();
        foreach (var address in new[] { $"a-{tag}", $"b-{tag}", $"c-{tag}" })
            contacts.Add(await ContactOfAsync(agent, await SubmitAsync(channel, "The VPN drops", "emulator", address, $"Mei {tag}")));
        await MergeAsync(agent, contacts[1], contacts[0]);
        await MergeAsync(agent, contacts[2], contacts[1]);

        await RefusedAsync(admin, $"/api/contacts/{contacts[0]}/erase", new { reason = "asked to be forgotten", confirm = $"{contacts[0]}" },
            HttpStatusCode.Conflict);
        var response = await admin.PostAsJsonAsync($"/api/contacts/{contacts[2]}/erase", new { reason = "asked to be forgotten", confirm = $"{contacts[2]}" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(0, await TracesAsync(tag));
        await using var db = await desk.OpenDbAsync();
        Assert.Equal(3, await db.ExecuteScalarAsync<int>(
            $"select count(*) from contacts where erased_at is not null and id in ({string.Join(",", contacts)})"));
    }

    [Fact]
    public async Task TheExport_HoldsWhatTheCardShowsAndMore_AsAnAttachment_WithoutInternalNotes()
    {
        var (tag, contact, references) = await PersonWithHistoryAsync();
        using var admin = await desk.SignInAsync("admin");
        var card = await (await admin.GetAsync($"/api/contacts/{contact}")).JsonAsync();

        var response = await admin.GetAsync($"/api/contacts/{contact}/export");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal($"contact-{contact}.json", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        var export = await response.JsonAsync();
        Assert.Equal(card.Str("displayName"), export.Str("displayName"));
        Assert.Equal(Pairs(card.GetProperty("identities"), "channel", "address"), Pairs(export.GetProperty("identities"), "channel", "address"));
        Assert.Equal(card.GetProperty("merges").GetArrayLength(), export.GetProperty("merges").GetArrayLength());
        var queries = export.GetProperty("queries").EnumerateArray().ToList();
        Assert.Equal(references.Order(), queries.Select(q => q.Str("reference")).Order());
        Assert.Contains(queries, q => q.Str("text") == $"My laptop is broken, says Mei {tag}");
        var timeline = queries.SelectMany(q => q.GetProperty("timeline").EnumerateArray()).ToList();
        Assert.Contains(timeline, e => e.Str("kind") == "message_in" && e.Str("body") == $"Still broken {tag}");
        Assert.DoesNotContain(timeline, e => e.Str("kind") == "note");
        await using var db = await desk.OpenDbAsync();
        Assert.Equal(1, await db.ExecuteScalarAsync<int>(
            "select count(*) from audit_events where kind = 'contact_exported' and subject = @subject and actor = 'admin'",
            new { subject = $"contact:{contact}" }));
    }

    /// <summary>A person who wrote by mail and by chat (two contacts, merged), with a message, a reply, a note, a noted moment and a reclassification.</summary>
    async Task<(string Tag, long Contact, string[] References)> PersonWithHistoryAsync()
    {
        using var agent = await desk.SignInAsync("agent2");
        using var channel = await desk.WithApiKeyAsync("intake");
        var tag = Guid.NewGuid().ToString("N")[..12];
        var byMail = await SubmitAsync(channel, $"My laptop is broken, says Mei {tag}", "email", $"mei-{tag}@example.org", $"Mei {tag}");
        var byChat = await SubmitAsync(channel, $"The printer ate my payslip {tag}", "emulator", $"u-mei-{tag}", $"Mei {tag}");
        var contact = await ContactOfAsync(agent, byMail);
        await MergeAsync(agent, contact, await ContactOfAsync(agent, byChat));
        (await channel.PostAsJsonAsync($"/api/queries/{byMail}/messages", new { text = $"Still broken {tag}" })).EnsureSuccessStatusCode();
        (await agent.PostAsJsonAsync($"/api/queries/{byMail}/messages", new { text = $"Hello Mei {tag}, we are on it.", visibility = "public" }))
            .EnsureSuccessStatusCode();
        (await agent.PostAsJsonAsync($"/api/queries/{byChat}/messages", new { text = $"Mei {tag} called twice", visibility = "internal" }))
            .EnsureSuccessStatusCode();
        (await agent.PostAsJsonAsync($"/api/queries/{byMail}/moments", new { kind = "other", polarity = "negative", note = $"Mei {tag} was upset" }))
            .EnsureSuccessStatusCode();
        (await agent.PatchAsJsonAsync($"/api/queries/{byChat}", new { type = "consultation", reason = "only asked how" })).EnsureSuccessStatusCode();
        return (tag, contact, [byMail, byChat]);
    }

    async Task<int> TracesAsync(string tag)
    {
        await using var db = await desk.OpenDbAsync();
        var traces = 0;
        foreach (var (table, column) in TextColumns)
            traces += await db.ExecuteScalarAsync<int>($"select count(*) from {table} where {column} like @pattern", new { pattern = $"%{tag}%" });
        return traces;
    }

    async Task<List<string>> FiguresAsync(long contact)
    {
        await using var db = await desk.OpenDbAsync();
        var rows = await db.QueryAsync<Figure>(
            """
            select reference, type, priority, channel, created_at, resolution_due from queries where contact_id = @contact order by id
            """, new { contact });
        var entries = await db.ExecuteScalarAsync<int>(
            "select count(*) from timeline_entries t join queries q on q.id = t.query_id where q.contact_id = @contact", new { contact });
        return [.. rows.Select(r => r.ToString()), $"entries {entries}"];
    }

    sealed record Figure
    {
        public string Reference { get; init; } = "";
        public string Type { get; init; } = "";
        public string Priority { get; init; } = "";
        public string Channel { get; init; } = "";
        public DateTimeOffset CreatedAt { get; init; }
        public DateTimeOffset ResolutionDue { get; init; }
    }

    static string[] Pairs(JsonElement list, string a, string b) => list.EnumerateArray().Select(e => $"{e.Str(a)} {e.Str(b)}").ToArray();
}
