using System.ComponentModel.DataAnnotations;

namespace Desk.Api.Queues;

/// <summary>A named set of list filters; <paramref name="Owner"/> alone changes it; a shared one is listed to every staff member.</summary>
public sealed record SavedView(long Id, string Name, string Owner, bool Shared, ListFilters Filters, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary>What an agent saves: a name of up to 100 characters, the filters (and sort), and whether the team sees it.</summary>
public sealed record SaveView([property: Required] string Name, [property: Required] ListFilters Filters, bool Shared = false)
{
    public const int NameLength = 100;
    /// <summary>More is a runaway script, not an agent: each view is a line in the sidebar.</summary>
    public const int MostPerOwner = 100;
}

internal abstract record ViewResult
{
    public sealed record Saved(SavedView View) : ViewResult;

    public sealed record NotFound : ViewResult;

    public sealed record NotOwner(string Owner) : ViewResult;

    public sealed record NameTaken : ViewResult;

    public sealed record TooMany : ViewResult;
}
