using System.Security.Claims;
using Dapper;
using Desk.Api.Data;
using Desk.Api.Identity;
using Desk.Api.Routing;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Desk.Api.Contacts;

/// <summary>One way a contact reached the desk: the channel and the address or user id it gave.</summary>
public sealed record ContactChannelIdentity(string Channel, string Address, DateTimeOffset Since);

/// <summary>One of the contact's queries, as the card lists it.</summary>
public sealed record ContactQuery(string Reference, string Subject, string Status, string Type, string Queue, DateTimeOffset CreatedAt);

/// <summary>Who a contact is, every identity they wrote from, and their queries in the queues the caller may see.</summary>
public sealed record ContactCard(long Id, string DisplayName, string ServiceLevel, IReadOnlyList<ContactChannelIdentity> Identities,
    IReadOnlyList<ContactQuery> Queries);

/// <summary>The contact card of the query pane (7.3: one user across channels).</summary>
internal sealed class ContactCards(DeskDb db)
{
    public const int MostQueries = 100;

    public async Task<ContactCard?> GetAsync(long id, Caller caller, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var contact = await connection.QuerySingleOrDefaultAsync<Contact>(new CommandDefinition(
            "select id, display_name, service_level from contacts where id = @id", new { id }, cancellationToken: ct));
        if (contact is null)
            return null;
        var identities = await connection.QueryAsync<IdentityRow>(new CommandDefinition("""
            select channel, address, created_at as since from contact_identities where contact_id = @id order by id
            """, new { id }, cancellationToken: ct));
        var queries = await connection.QueryAsync<QueryRow>(new CommandDefinition($"""
            select reference, subject, status, type, queue, created_at from queries
            where contact_id = @id
            order by id desc {db.Dialect.Limit("most")}
            """, new { id, most = MostQueries }, cancellationToken: ct));
        return new ContactCard(contact.Id, contact.DisplayName, contact.ServiceLevel,
            identities.Select(i => new ContactChannelIdentity(i.Channel, i.Address, i.Since)).ToList(),
            queries.Where(q => caller.MaySee(q.Queue)).Select(q => new ContactQuery(q.Reference, q.Subject, q.Status, q.Type, q.Queue, q.CreatedAt)).ToList());
    }

    sealed class IdentityRow
    {
        public string Channel { get; init; } = "";
        public string Address { get; init; } = "";
        public DateTimeOffset Since { get; init; }
    }

    sealed class QueryRow
    {
        public string Reference { get; init; } = "";
        public string Subject { get; init; } = "";
        public string Status { get; init; } = "";
        public string Type { get; init; } = "";
        public string Queue { get; init; } = "";
        public DateTimeOffset CreatedAt { get; init; }
    }
}

internal static class ContactsApi
{
    public static RouteGroupBuilder MapContacts(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/contacts").WithTags("Contacts").RequireAuthorization(Policies.Staff);
        group.MapGet("/{id:long}", GetAsync);
        return group;
    }

    /// <summary>The contact's card; their queries in queues the caller may not see are left out.</summary>
    static async Task<Results<Ok<ContactCard>, ProblemHttpResult>> GetAsync(
        long id, ContactCards cards, QueueAccess access, ClaimsPrincipal user, CancellationToken ct) =>
        await cards.GetAsync(id, access.For(user), ct) is { } card
            ? TypedResults.Ok(card)
            : TypedResults.Problem(title: "No such contact", detail: $"There is no contact {id}.", statusCode: StatusCodes.Status404NotFound);
}
