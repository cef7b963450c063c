using Desk.Api.Data;
using Desk.Api.Identity;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Desk.Api.Catalog;

/// <summary>
/// The request catalog as staff see it: each item, the query type it makes, and who is entitled to it; with
/// <c>?contact=</c>, only the items that contact is entitled to (the rule the portal and intake apply).
/// </summary>
internal static class CatalogApi
{
    public static RouteGroupBuilder MapCatalog(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/catalog").WithTags("Catalog").RequireAuthorization(Policies.Staff);
        group.MapGet("/", ListAsync);
        return group;
    }

    static async Task<Results<Ok<IReadOnlyList<CatalogItem>>, ProblemHttpResult>> ListAsync(
        long? contact, IOptions<CatalogOptions> options, CatalogGrants grants, DeskDb db, CancellationToken ct)
    {
        var catalog = options.Value;
        IEnumerable<string> items = catalog.Items.Keys.Order(StringComparer.Ordinal);
        if (contact is { } contactId)
        {
            await using var connection = await db.OpenAsync(ct);
            if (await grants.StandingAsync(connection, null, contactId, ct) is not { } who)
                return TypedResults.Problem(title: "Contact not found", detail: $"There is no contact {contactId}.",
                    statusCode: StatusCodes.Status404NotFound);
            items = catalog.ItemsFor(who);
        }
        return TypedResults.Ok<IReadOnlyList<CatalogItem>>([.. items.Select(i => new CatalogItem(i, catalog.Items[i], catalog.Entitled(i)))]);
    }
}

/// <summary>
/// An item of the request catalog; <paramref name="Entitled"/>: the service levels and groups (<c>group:finance</c>)
/// entitled to it, null for everyone.
/// </summary>
public sealed record CatalogItem(string Item, string Type, IReadOnlyList<string>? Entitled);
