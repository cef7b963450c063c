using System.Security.Claims;
using Desk.Api.Audit;
using Desk.Api.Identity;
using Desk.Api.Routing;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Desk.Api.Contacts;

/// <summary>
/// Contacts: the card, merge and un-merge (any staff member, as the card), erase and export (admins: the personal data
/// of a person as a whole).
/// </summary>
internal static class ContactsApi
{
    public static RouteGroupBuilder MapContacts(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/contacts").WithTags("Contacts").RequireAuthorization(Policies.Staff);
        group.MapGet("/{id:long}", GetAsync);
        group.MapPost("/{id:long}/merge", MergeAsync);
        group.MapPost("/{id:long}/unmerge", UnmergeAsync);
        group.MapPost("/{id:long}/erase", EraseAsync).RequireAuthorization(Policies.Admin);
        group.MapGet("/{id:long}/export", ExportAsync).RequireAuthorization(Policies.Admin);
        return group;
    }

    /// <summary>The contact's card; their queries in queues the caller may not see are left out.</summary>
    static async Task<Results<Ok<ContactCard>, ProblemHttpResult>> GetAsync(
        long id, ContactCards cards, QueueAccess access, ClaimsPrincipal user, CancellationToken ct) =>
        await cards.GetAsync(id, access.For(user), ct) is { } card ? TypedResults.Ok(card) : NoSuchContact($"There is no contact {id}.");

    /// <summary>Moves every identity, query and chat of contact <c>from</c> into this one; 409 when either is merged or erased.</summary>
    static async Task<Results<Ok<ContactMergeReceipt>, ValidationProblem, ProblemHttpResult>> MergeAsync(
        long id, ContactMergeRequest request, ContactMerges merges, QueueAccess access, ClaimsPrincipal user, CancellationToken ct) =>
        Answer(await merges.MergeAsync(id, request, access.For(user), ct), "Cannot merge");

    /// <summary>Undoes one merge into this contact: what it moved goes back, what came later stays.</summary>
    static async Task<Results<Ok<ContactMergeReceipt>, ValidationProblem, ProblemHttpResult>> UnmergeAsync(
        long id, ContactUnmergeRequest request, ContactMerges merges, QueueAccess access, ClaimsPrincipal user, CancellationToken ct) =>
        Answer(await merges.UnmergeAsync(id, request, access.For(user), ct), "Cannot un-merge");

    /// <summary>Erases the contact's personal data; 409 when it was erased already.</summary>
    static async Task<Results<Ok<ContactErasureReceipt>, ValidationProblem, ProblemHttpResult>> EraseAsync(
        long id, ContactEraseRequest request, ContactErasure erasure, QueueAccess access, ClaimsPrincipal user, CancellationToken ct) =>
        Answer(await erasure.EraseAsync(id, request, access.For(user), ct), "Cannot erase");

    /// <summary>Everything held about the contact, as a JSON file to hand to them.</summary>
    static async Task<Results<Ok<ContactExport>, ProblemHttpResult>> ExportAsync(
        long id, ContactExports exports, AuditLog audit, ClaimsPrincipal user, HttpContext http, CancellationToken ct)
    {
        if (await exports.ExportAsync(id, ct) is not { } export)
            return NoSuchContact($"There is no contact {id}.");
        // Everything held about a person left the desk: who took it, and when, is on the record.
        await audit.RecordAsync(AuditKinds.ContactExported, user.Identity?.Name, $"contact:{id}", http, null, ct);
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"contact-{id}.json\"";
        return TypedResults.Ok(export);
    }

    static Results<Ok<T>, ValidationProblem, ProblemHttpResult> Answer<T>(ContactChange<T> change, string refusal) => change switch
    {
        ContactChange<T>.Done(var value) => TypedResults.Ok(value),
        ContactChange<T>.NotFound(var detail) => NoSuchContact(detail),
        ContactChange<T>.Invalid(var field, var error) => TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [error] }),
        ContactChange<T>.Conflict(var detail) => TypedResults.Problem(title: refusal, detail: detail, statusCode: StatusCodes.Status409Conflict),
        ContactChange<T>.Forbidden(var detail) => TypedResults.Problem(title: refusal, detail: detail, statusCode: StatusCodes.Status403Forbidden),
        var other => throw new InvalidOperationException($"Unexpected {other}"),
    };

    static ProblemHttpResult NoSuchContact(string detail) =>
        TypedResults.Problem(title: "No such contact", detail: detail, statusCode: StatusCodes.Status404NotFound);
}
