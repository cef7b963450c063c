using System.Data.Common;
using Dapper;
using Desk.Api.Contacts;
using Desk.Api.Data;
using Desk.Api.Queries;

namespace Desk.Api.Portal;

/// <summary>
/// What a code that came back proves: the person holds that address. Signing in makes it a verified identity of its
/// contact (a new contact when nobody had it); confirming a second address while signed in links it to the signed-in
/// contact, merging the contact that held it (the existing merge, undoable by an agent). Only proof merges: an address
/// someone merely typed somewhere never does.
/// </summary>
internal sealed class PortalIdentities(DeskDb db, ContactStore contacts, ContactMerges merges, TimeProvider clock)
{
    /// <summary>The contact that signs in with <paramref name="at"/>, its identity now verified; null when that contact is erased.</summary>
    public async Task<long?> SignInAsync(DbTransaction tx, PortalAddress at, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var contact = await contacts.FindOrCreateAsync(tx, new ContactIdentity(at.Channel, at.Address), now, ct);
        await MarkVerifiedAsync(tx, at, now, ct);
        return await PortalSessions.ActiveContactAsync(tx.Connection!, tx, contact.Id, ct);
    }

    /// <summary>Links <paramref name="at"/> to <paramref name="contactId"/>; returns the contact merged into it, if one held the address.</summary>
    public async Task<ContactChange<long?>> ConfirmAsync(DbTransaction tx, long contactId, PortalAddress at, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var connection = tx.Connection!;
        var owner = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            "select contact_id from contact_identities where channel = @Channel and address = @Address", at, tx, cancellationToken: ct));
        long? merged = null;
        if (owner is null)
        {
            await connection.ExecuteAsync(new CommandDefinition("""
                insert into contact_identities (contact_id, channel, address, created_at, verified_at) values (@contactId, @Channel, @Address, @now, @now)
                """, new { contactId, at.Channel, at.Address, now }, tx, cancellationToken: ct));
            return new ContactChange<long?>.Done(null);
        }
        if (await PortalSessions.ActiveContactAsync(connection, tx, owner.Value, ct) is { } holder && holder != contactId)
        {
            var merge = await merges.MergeAsync(tx, contactId, holder, $"verified by {at.Channel} code", $"portal:contact:{contactId}", ct);
            if (merge is not ContactChange<ContactMergeReceipt>.Done)
                return merge switch
                {
                    ContactChange<ContactMergeReceipt>.Conflict c => new ContactChange<long?>.Conflict(c.Message),
                    ContactChange<ContactMergeReceipt>.NotFound n => new ContactChange<long?>.NotFound(n.Detail),
                    _ => new ContactChange<long?>.Conflict("The contact that held the address cannot be merged."),
                };
            merged = holder;
        }
        await MarkVerifiedAsync(tx, at, now, ct);
        return new ContactChange<long?>.Done(merged);
    }

    public async Task<PortalProfile> ProfileAsync(long contactId, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var name = await connection.ExecuteScalarAsync<string>(new CommandDefinition(
            "select display_name from contacts where id = @contactId", new { contactId }, cancellationToken: ct)) ?? "";
        var identities = await connection.QueryAsync<IdentityRow>(new CommandDefinition("""
            select channel, address, verified_at from contact_identities
            where contact_id = @contactId and channel in ('email', 'sms', 'phone')
            order by channel, address
            """, new { contactId }, cancellationToken: ct));
        return new PortalProfile(name, [.. identities.Select(i => new PortalIdentity(i.Channel, i.Address, i.VerifiedAt is not null))]);
    }

    static Task MarkVerifiedAsync(DbTransaction tx, PortalAddress at, DateTimeOffset now, CancellationToken ct) =>
        tx.Connection!.ExecuteAsync(new CommandDefinition("""
            update contact_identities set verified_at = @now where channel = @Channel and address = @Address and verified_at is null
            """, new { now, at.Channel, at.Address }, tx, cancellationToken: ct));

    sealed class IdentityRow
    {
        public string Channel { get; init; } = "";
        public string Address { get; init; } = "";
        public DateTimeOffset? VerifiedAt { get; init; }
    }
}
