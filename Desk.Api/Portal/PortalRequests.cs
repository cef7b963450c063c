using System.Text;
using Dapper;
using Desk.Api.Catalog;
using Desk.Api.Contacts;
using Desk.Api.Data;
using Desk.Api.Queries;
using Desk.Api.Realtime;
using Microsoft.Extensions.Options;

namespace Desk.Api.Portal;

internal abstract record PortalOpen
{
    public sealed record Opened(QueryReceipt Receipt) : PortalOpen;

    public sealed record Invalid(Dictionary<string, string[]> Errors) : PortalOpen;

    /// <summary>The Idempotency-Key came before with another request.</summary>
    public sealed record KeyReused : PortalOpen;
}

/// <summary>
/// What the signed-in user may ask for from the request catalog (by their service level and groups) and a new query from the
/// portal, taken through the intake like any channel's. Unlike a channel, the portal refuses an item the user is not
/// entitled to: the user sees the catalog, so the pick is theirs to correct.
/// </summary>
internal sealed class PortalRequests(DeskDb db, Intake intake, CatalogGrants grants, IOptions<CatalogOptions> catalog, DeskNotifier notifier,
    TimeProvider clock)
{
    const int FieldLength = 500;

    public async Task<IReadOnlyList<PortalCatalogItem>> CatalogAsync(long contactId, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var who = await grants.StandingAsync(connection, null, contactId, ct) ?? new CatalogStanding(ServiceLevels.Standard, []);
        return [.. catalog.Value.ItemsFor(who).Select(item => new PortalCatalogItem(item, catalog.Value.Items[item], [.. catalog.Value.FormOf(item)
            .Select(f => new PortalCatalogField(f.Name, f.Required, f.Label, f.LabelZh ?? f.Label))]))];
    }

    /// <summary>
    /// With <paramref name="idempotencyKey"/>, a repeat (a double click, a retry) answers as the first did and stores nothing;
    /// <paramref name="reads"/> is the page's language, which the desk then writes to the user in.
    /// </summary>
    public async Task<PortalOpen> OpenAsync(long contactId, PortalRequest request, string? idempotencyKey, string reads, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (TextRules.Problem(request.Text, "Text", Limits.TextLength) is { } textProblem)
            errors["text"] = [textProblem];
        if (request.CatalogItem is null && request.Fields is { Count: > 0 })
            errors["fields"] = ["Fields belong to a catalog item; choose one."];
        if (grants.Problem(request.CatalogItem) is { } itemProblem)
            errors["catalogItem"] = [itemProblem];
        if (errors.Count > 0)
            return new PortalOpen.Invalid(errors);

        var now = clock.GetUtcNow();
        await using var write = await db.BeginWriteAsync(ct);
        var tx = write.Transaction;
        string? item = null;
        var text = request.Text!;
        if (request.CatalogItem is { } asked)
        {
            item = catalog.Value.Items.Keys.First(k => string.Equals(k, asked.Trim(), StringComparison.OrdinalIgnoreCase));
            if (await grants.UnentitledAsync(tx, contactId, item, ct) is { } unentitled)
                return new PortalOpen.Invalid(new() { ["catalogItem"] = [$"{unentitled.Item} is not in your catalog."] });
            if (FieldErrors(item, request.Fields) is { Count: > 0 } fieldErrors)
                return new PortalOpen.Invalid(fieldErrors);
            text = WithFields(text, item, request.Fields);
            if (text.Length > Limits.TextLength)
                return new PortalOpen.Invalid(new() { ["text"] = [$"Text and fields together must be at most {Limits.TextLength} characters."] });
        }
        // The intake finds the contact by an address; the portal's contact is known, so any address of theirs does.
        var identity = await tx.Connection!.QueryFirstAsync<(string Channel, string Address)>(new CommandDefinition($"""
            select channel, address from contact_identities where contact_id = @contactId
            order by case when verified_at is null then 1 else 0 end, id
            {db.Dialect.Limit("one")}
            """, new { contactId, one = 1 }, tx, cancellationToken: ct));
        var submission = new SubmitQuery(text, PortalQueries.ChannelName, new ContactIdentity(identity.Channel, identity.Address), item);
        var claim = idempotencyKey is null ? null : Intake.Claim($"contact:{contactId}", idempotencyKey, submission);
        if (claim is not null && await intake.EarlierAsync(tx.Connection!, tx, claim, ct) is { } earlier)
            return Repeated(earlier);
        var (row, receipt) = await intake.TakeAsync(tx, submission, PortalQueries.ChannelName, null, new ChannelHints(Reads: reads), now, ct);
        if (claim is not null && !await intake.RecordAsync(tx, claim, row.Id, receipt, now, ct))
        {
            // The same key committed on another node meanwhile: this one stores nothing and answers as that one did.
            await tx.RollbackAsync(ct);
            await write.DisposeAsync();
            await using var connection = await db.OpenAsync(ct);
            return Repeated((await intake.EarlierAsync(connection, null, claim, ct))!);
        }
        await tx.CommitAsync(ct);
        await write.DisposeAsync(); // free the writer gate before pushing
        await notifier.QueryCreatedAsync(row.ToSummary());
        return new PortalOpen.Opened(receipt);
    }

    static PortalOpen Repeated(IntakeResult earlier) => earlier is IntakeResult.Replayed(var receipt) ? new PortalOpen.Opened(receipt) : new PortalOpen.KeyReused();

    Dictionary<string, string[]> FieldErrors(string item, Dictionary<string, string?>? fields)
    {
        var form = catalog.Value.FormOf(item);
        var errors = new Dictionary<string, string[]>();
        foreach (var name in (fields?.Keys ?? Enumerable.Empty<string>()).Where(n => !form.Any(f => f.Name == n)))
            errors[$"fields.{name}"] = [$"{item} has no field '{name}'."];
        foreach (var field in form)
        {
            var value = fields?.GetValueOrDefault(field.Name);
            if (TextRules.Problem(value, field.Label, FieldLength, required: field.Required) is { } problem)
                errors[$"fields.{field.Name}"] = [problem];
        }
        return errors;
    }

    // The form's answers follow the user's words, one "Label: value" line each, so agents and the classifier read them.
    string WithFields(string text, string item, Dictionary<string, string?>? fields)
    {
        var answered = catalog.Value.FormOf(item).Where(f => fields?.GetValueOrDefault(f.Name) is { } v && TextRules.HasVisible(v)).ToList();
        if (answered.Count == 0)
            return text;
        var full = new StringBuilder(text.TrimEnd()).Append("\n");
        foreach (var field in answered)
            full.Append('\n').Append(field.Label).Append(": ").Append(fields![field.Name]!.Trim());
        return full.ToString();
    }
}
