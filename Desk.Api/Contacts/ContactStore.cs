using System.Data.Common;
using Dapper;
using Desk.Api.Queries;

namespace Desk.Api.Contacts;

internal sealed record Contact(long Id, string DisplayName, string ServiceLevel);

/// <summary>People who write in, found by any of their channel identities (7.3: one user across channels).</summary>
internal sealed class ContactStore(ContactAddresses addresses)
{
    public async Task<Contact> FindOrCreateAsync(DbTransaction tx, ContactIdentity identity, DateTimeOffset now, CancellationToken ct)
    {
        var connection = tx.Connection!;
        var channel = identity.Channel.Trim().ToLowerInvariant();
        var address = addresses.Normalise(channel, identity.Address, out var problem)
            ?? throw new InvalidOperationException($"Intake let an invalid contact address through: {problem}");
        var found = await connection.QuerySingleOrDefaultAsync<Contact>(new CommandDefinition("""
            select c.id, c.display_name, c.service_level
            from contact_identities i join contacts c on c.id = i.contact_id
            where i.channel = @channel and i.address = @address
            """, new { channel, address }, tx, cancellationToken: ct));
        if (found is not null)
        {
            return found;
        }
        var displayName = identity.DisplayName is { } name && TextRules.HasVisible(name) ? name.Trim() : address;
        var id = await connection.ExecuteScalarAsync<long>(new CommandDefinition("""
            insert into contacts (display_name, service_level, created_at)
            values (@displayName, 'standard', @now)
            returning id
            """, new { displayName, now }, tx, cancellationToken: ct));
        await connection.ExecuteAsync(new CommandDefinition("""
            insert into contact_identities (contact_id, channel, address, created_at)
            values (@id, @channel, @address, @now)
            """, new { id, channel, address, now }, tx, cancellationToken: ct));
        return new Contact(id, displayName, "standard");
    }
}
