using Desk.Api.Identity;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Desk.Api.Catalog;

/// <summary>The request catalog as staff see it: each item, the query type it makes, and who is entitled to it.</summary>
internal static class CatalogApi
{
    public static RouteGroupBuilder MapCatalog(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/catalog").WithTags("Catalog").RequireAuthorization(Policies.Staff);
        group.MapGet("/", List);
        return group;
    }

    static Ok<IReadOnlyList<CatalogItem>> List(IOptions<CatalogOptions> options) =>
        TypedResults.Ok<IReadOnlyList<CatalogItem>>(options.Value.Items.OrderBy(i => i.Key, StringComparer.Ordinal)
            .Select(i => new CatalogItem(i.Key, i.Value, options.Value.EntitledLevels(i.Key))).ToList());
}

/// <summary>An item of the request catalog; <paramref name="Entitled"/>: the service levels entitled to it, null for everyone.</summary>
public sealed record CatalogItem(string Item, string Type, IReadOnlyList<string>? Entitled);
