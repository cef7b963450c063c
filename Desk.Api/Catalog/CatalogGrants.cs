using System.Data.Common;
using Dapper;
using Desk.Api.Contacts;
using Desk.Api.Queries;
using Microsoft.Extensions.Options;

namespace Desk.Api.Catalog;

/// <summary>Timeline kinds of catalog entitlement.</summary>
internal static class CatalogKinds
{
    /// <summary>At intake: the contact asked for an item they are not entitled to (data: item, serviceLevel, groups, entitled).</summary>
    public const string EntitlementMissing = "entitlement_missing";

    /// <summary>An agent granted the query's catalog item, or changed it to another (data: from, to).</summary>
    public const string CatalogGranted = "catalog_granted";
}

/// <summary>
/// What a contact is entitled to from the request catalog, and an agent's grant of an item on a query. Granting one the
/// contact is not entitled to breaks <c>catalog.entitlement</c>: Casework refuses it unless overridden with a justification.
/// </summary>
internal sealed class CatalogGrants(IOptions<CatalogOptions> catalog, TimelineStore timeline)
{
    /// <summary>Why <paramref name="item"/> cannot be asked for or granted; null for an item of the catalog (or none).</summary>
    public string? Problem(string? item) =>
        item is not null && catalog.Value.TypeOf(item) is null ? $"'{item}' is not an option of the request catalog." : null;

    /// <summary>Whether granting <paramref name="item"/> changes anything: another item, or the same one not yet granted.</summary>
    public static bool Changes(QueryRow query, string item) =>
        !query.CatalogGranted || !string.Equals(query.CatalogItem, item, StringComparison.OrdinalIgnoreCase);

    /// <summary>Who is entitled, when the contact <paramref name="contactId"/> is not; null when they are.</summary>
    public async Task<Unentitled?> UnentitledAsync(DbTransaction tx, long contactId, string item, CancellationToken ct)
    {
        var who = await StandingAsync(tx.Connection!, tx, contactId, ct) ?? new CatalogStanding(ServiceLevels.Standard, []);
        return catalog.Value.Entitles(item, who) ? null : new Unentitled(Canonical(item), who, catalog.Value.Entitled(item)!);
    }

    /// <summary>The contact's service level and groups (by their verified addresses); null when there is no such contact.</summary>
    public async Task<CatalogStanding?> StandingAsync(DbConnection connection, DbTransaction? tx, long contactId, CancellationToken ct)
    {
        var rows = (await connection.QueryAsync<(string ServiceLevel, string? Address)>(new CommandDefinition("""
            select c.service_level, i.address
            from contacts c left join contact_identities i on i.contact_id = c.id and i.verified_at is not null
            where c.id = @contactId
            """, new { contactId }, tx, cancellationToken: ct))).ToList();
        return rows.Count == 0 ? null
            : new CatalogStanding(rows[0].ServiceLevel, catalog.Value.GroupsOf([.. rows.Where(r => r.Address is not null).Select(r => r.Address!)]));
    }

    /// <summary>Grants <paramref name="item"/> on the query, in the caller's transaction, with its timeline entry.</summary>
    public async Task<TimelineEntry> GrantAsync(
        DbTransaction tx, QueryRow query, string item, string actor, string? reason, DateTimeOffset now, CancellationToken ct)
    {
        item = Canonical(item);
        await tx.Connection!.ExecuteAsync(new CommandDefinition(
            "update queries set catalog_item = @item, catalog_granted = @granted where id = @Id",
            new { item, granted = true, query.Id }, tx, cancellationToken: ct));
        var entry = await timeline.AppendAsync(tx, query, CatalogKinds.CatalogGranted, actor, reason,
            new { from = query.CatalogItem, to = item }, now, ct);
        query.CatalogItem = item;
        query.CatalogGranted = true;
        return entry;
    }

    string Canonical(string item) => catalog.Value.Items.Keys.First(k => string.Equals(k, item.Trim(), StringComparison.OrdinalIgnoreCase));
}

/// <summary>A contact standing as <paramref name="Contact"/> asked for <paramref name="Item"/>, which is for <paramref name="Entitled"/> only.</summary>
internal sealed record Unentitled(string Item, CatalogStanding Contact, string[] Entitled)
{
    public string Says => $"{Item} is for {string.Join(", ", Entitled)}; the contact is {Contact}";

    /// <summary>What the timeline and the override log keep of it.</summary>
    public object Data => new { Item, Contact.ServiceLevel, Contact.Groups, Entitled };
}
