using System.Security.Claims;
using Desk.Api.Identity;
using Desk.Api.Queries;
using Desk.Api.Routing;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Desk.Api.Email;

/// <summary>
/// The attachments of the mails a query received, for staff who may see its queue. Always a download, never shown
/// inline, and types a browser would run (HTML, SVG, XML, scripts) as plain bytes.
/// </summary>
internal static class EmailApi
{
    public static RouteGroupBuilder MapEmail(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/queries/{reference}/attachments").WithTags("Email").RequireAuthorization(Policies.Staff);
        group.MapGet("/", ListAsync);
        group.MapGet("/{id:long}", DownloadAsync);
        return group;
    }

    static async Task<Results<Ok<IReadOnlyList<MailAttachment>>, ProblemHttpResult>> ListAsync(
        string reference, QueryStore queries, EmailStore store, QueueAccess access, ClaimsPrincipal user, CancellationToken ct)
    {
        var row = await queries.GetAsync(reference, ct);
        if (row is null || !access.For(user).MaySee(row.Queue))
            return NotFound($"There is no query {reference}.");
        return TypedResults.Ok(await store.AttachmentsAsync(row.Id, ct));
    }

    static async Task<Results<FileContentHttpResult, ProblemHttpResult>> DownloadAsync(
        string reference, long id, QueryStore queries, EmailStore store, QueueAccess access, ClaimsPrincipal user, CancellationToken ct)
    {
        var row = await queries.GetAsync(reference, ct);
        if (row is null || !access.For(user).MaySee(row.Queue))
            return NotFound($"There is no query {reference}.");
        if (await store.AttachmentAsync(row.Id, id, ct) is not { } file)
            return NotFound($"Query {reference} has no attachment {id}.");
        return TypedResults.File(file.Content, Inert(file.ContentType), file.FileName);
    }

    static string Inert(string type) =>
        type.Contains("html") || type.Contains("xml") || type.Contains("script") || !type.Contains('/') ? "application/octet-stream" : type;

    static ProblemHttpResult NotFound(string detail) =>
        TypedResults.Problem(title: "Not found", detail: detail, statusCode: StatusCodes.Status404NotFound);
}
