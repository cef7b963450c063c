using System.Data.Common;
using Dapper;
using Desk.Api.Data;
using Desk.Api.Queries;

namespace Desk.Api.Contacts;

internal sealed record Contact(long Id, string DisplayName, string ServiceLevel);

/// <summary>People who write in, found by any of their channel identities (7.3: one user across channels).</summary>
internal sealed class ContactStore(ContactAddresses addresses, ISqlDialect dialect)
{
    public async Task<Contact> FindOrCreateAsync(DbTransaction tx, ContactIdentity identity, DateTimeOffset now, CancellationToken ct)
    {
        var connection = tx.Connection!;
        var channel = identity.Channel.Trim().ToLowerInvariant();
        var address = addresses.Normalise(channel, identity.Address, out var problem)
            ?? throw new InvalidOperationException($"Intake let an invalid contact address through: {problem}");
        if (await FindAsync(tx, channel, address, ct) is { } found)
            return found;
        var displayName = identity.DisplayName is { } name && TextRules.HasVisible(name) ? name.Trim() : address;
        var id = await connection.ExecuteScalarAsync<long>(new CommandDefinition($"""
            insert into contacts (display_name, service_level, created_at)
            values (@displayName, 'standard', @now)
            {dialect.ReturningId()}
            """, new { displayName, now }, tx, cancellationToken: ct));
        var claimed = await connection.ExecuteAsync(new CommandDefinition(dialect.InsertIgnoringConflict(
            "contact_identities", "contact_id, channel, address, created_at", "@id, @channel, @address, @now", "channel, address"),
            new { id, channel, address, now }, tx, cancellationToken: ct));
        if (claimed == 1)
            return new Contact(id, displayName, "standard");
        // Another intake took this identity first (it waited for that one to commit): use its contact.
        await connection.ExecuteAsync(new CommandDefinition("delete from contacts where id = @id", new { id }, tx, cancellationToken: ct));
        return await FindAsync(tx, channel, address, ct)
            ?? throw new InvalidOperationException("A contact identity clashed but its owner cannot be read.");
    }

    /// <summary>The service level of a contact, inside the caller's transaction: it picks SLA policies and raises priorities.</summary>
    public static async Task<string> ServiceLevelAsync(DbTransaction tx, long contactId, CancellationToken ct) =>
        await tx.Connection!.ExecuteScalarAsync<string>(new CommandDefinition(
            "select service_level from contacts where id = @contactId", new { contactId }, tx, cancellationToken: ct)) ?? "standard";

    static Task<Contact?> FindAsync(DbTransaction tx, string channel, string address, CancellationToken ct) =>
        tx.Connection!.QuerySingleOrDefaultAsync<Contact>(new CommandDefinition("""
            select c.id, c.display_name, c.service_level
            from contact_identities i join contacts c on c.id = i.contact_id
            where i.channel = @channel and i.address = @address
            """, new { channel, address }, tx, cancellationToken: ct));
}
