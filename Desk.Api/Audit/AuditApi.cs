using Desk.Api.Identity;
using Desk.Api.Operations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace Desk.Api.Audit;

public sealed record AuditPage(IReadOnlyList<AuditEvent> Items, long? Next);

/// <summary>Admins read the audit trail newest first, a page at a time.</summary>
internal static class AuditApi
{
    const int DefaultLimit = 50;
    const int MaxLimit = 200;

    public static RouteGroupBuilder MapAuditEvents(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/admin/audit-events").WithTags("Audit").RequireAuthorization(Policies.Admin);
        group.MapGet("/", ListAsync);
        return group;
    }

    /// <summary>Details in Chinese when the request prefers it (<see cref="AuditWordsZh"/>); stored, and otherwise given, in English.</summary>
    static async Task<Results<Ok<AuditPage>, ValidationProblem>> ListAsync(
        AuditLog audit, HttpContext http, CancellationToken ct, long? after = null, int? limit = null, string? kind = null)
    {
        if (limit is < 1 or > MaxLimit)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["limit"] = [$"Limit must be between 1 and {MaxLimit}."] });
        if (after is < 1)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["after"] = ["After must be an event id."] });
        if (kind is not null && !AuditKinds.All.Contains(kind))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["kind"] = [$"Kind must be one of: {string.Join(", ", AuditKinds.All)}."] });
        var take = limit ?? DefaultLimit;
        var items = await audit.ListAsync(after, take, kind, ct);
        http.Response.Headers.Append(HeaderNames.Vary, HeaderNames.AcceptLanguage);
        IReadOnlyList<AuditEvent> said = ProblemLanguage.PrefersChinese(http.Request)
            ? [.. items.Select(e => e with { Detail = AuditWordsZh.Say(e.Kind, e.Detail) })]
            : items;
        return TypedResults.Ok(new AuditPage(said, items.Count == take ? items[^1].Id : null));
    }
}
