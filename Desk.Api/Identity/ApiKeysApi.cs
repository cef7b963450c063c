using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Desk.Api.Audit;
using Desk.Api.Queries;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Desk.Api.Identity;

public sealed record IssueApiKey([property: Required, MinLength(1), MaxLength(100)] string Name, [property: Required] string[] Scopes);

/// <summary>Admins issue, list and revoke the keys that channels and integrations use.</summary>
internal static class ApiKeysApi
{
    public static RouteGroupBuilder MapApiKeys(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/admin/api-keys").WithTags("API keys").RequireAuthorization(Policies.Admin);
        group.MapPost("/", IssueAsync);
        group.MapGet("/", ListAsync);
        group.MapDelete("/{id:long}", RevokeAsync);
        return group;
    }

    static async Task<Results<Created<IssuedApiKey>, ValidationProblem, ProblemHttpResult>> IssueAsync(
        IssueApiKey request, ApiKeyStore keys, AuditLog audit, ClaimsPrincipal user, HttpContext http, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (TextRules.Problem(request.Name, "Name", 100) is { } name)
            errors["name"] = [name];
        if (request.Scopes.Length == 0 || request.Scopes.Any(s => !Scopes.All.Contains(s)))
            errors["scopes"] = [$"Scopes must be one or more of: {string.Join(", ", Scopes.All)}."];
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors);
        var issued = await keys.IssueAsync(request.Name.Trim(), request.Scopes.Distinct().ToArray(), user.Identity!.Name!, ct);
        // Admins tell keys apart by name, in /admin and in the audit; a revoked key's name is free again.
        if (issued is null)
            return TypedResults.Problem(title: "Name taken", statusCode: StatusCodes.Status409Conflict,
                detail: $"An API key called '{request.Name.Trim()}' already exists; revoke it or choose another name.");
        await audit.RecordAsync(AuditKinds.ApiKeyIssued, user.Identity.Name, $"key:{issued.Info.Id}", http,
            $"Prefix {issued.Info.Prefix}, scopes {string.Join(' ', issued.Info.Scopes)}.", ct);
        return TypedResults.Created($"/api/admin/api-keys/{issued.Info.Id}", issued);
    }

    static async Task<Ok<IReadOnlyList<ApiKeyInfo>>> ListAsync(ApiKeyStore keys, CancellationToken ct) =>
        TypedResults.Ok(await keys.ListAsync(ct));

    static async Task<Results<NoContent, ProblemHttpResult>> RevokeAsync(
        long id, ApiKeyStore keys, AuditLog audit, ClaimsPrincipal user, HttpContext http, CancellationToken ct)
    {
        if (!await keys.RevokeAsync(id, ct))
            return TypedResults.Problem(title: "Not found", detail: $"No active API key {id}.", statusCode: StatusCodes.Status404NotFound);
        await audit.RecordAsync(AuditKinds.ApiKeyRevoked, user.Identity!.Name, $"key:{id}", http, null, ct);
        return TypedResults.NoContent();
    }
}
