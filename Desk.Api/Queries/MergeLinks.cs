using System.Text.Json;
using System.Text.Json.Nodes;
using Desk.Api.Routing;

namespace Desk.Api.Queries;

/// <summary>
/// A merge's timeline entries name the other query and carry the merger's reason. A reader who may not see that
/// query's queue (restricted, or moved there since) reads that a merge happened, not with which query or why.
/// </summary>
internal static class MergeLinks
{
    /// <summary>The other query an entry names, and the property of its data that holds it.</summary>
    public static (string Reference, string Property)? Linked(TimelineEntry entry)
    {
        var property = entry.Kind switch
        {
            TimelineKinds.MergedInto => "into",
            TimelineKinds.MergeReceived => "from",
            TimelineKinds.StatusChanged => "mergedInto",
            _ => null,
        };
        return property is not null && entry.Data is { ValueKind: JsonValueKind.Object } data
            && data.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String
                ? (value.GetString()!, property)
                : null;
    }

    /// <summary>
    /// The query a merged duplicate went into, as its timeline names it to the reader (null where withheld). A merge is
    /// final, so the duplicate's timeline holds one such entry.
    /// </summary>
    public static string? Survivor(IEnumerable<TimelineEntry> entries) =>
        entries.Where(e => e.Kind == TimelineKinds.MergedInto).Select(Linked).LastOrDefault()?.Reference;

    /// <summary>The entry without the other query's reference and without the reason.</summary>
    public static TimelineEntry Withheld(TimelineEntry entry)
    {
        if (Linked(entry) is not { Property: var property })
            return entry;
        var data = JsonObject.Create(entry.Data!.Value)!;
        data[property] = null;
        return entry with { Body = null, Data = JsonSerializer.SerializeToElement(data) };
    }

    /// <summary>The timeline as <paramref name="caller"/> may read it.</summary>
    public static async Task<IReadOnlyList<TimelineEntry>> ForAsync(
        IReadOnlyList<TimelineEntry> entries, Caller caller, QueryStore queries, CancellationToken ct)
    {
        if (caller.Queues is null)
            return entries;
        var linked = entries.Select(Linked).OfType<(string Reference, string Property)>().Select(l => l.Reference).Distinct().ToArray();
        if (linked.Length == 0)
            return entries;
        var queues = await queries.QueuesAsync(linked, ct);
        return entries.Select(e => Linked(e) is { } link && !(queues.TryGetValue(link.Reference, out var queue) && caller.MaySee(queue))
            ? Withheld(e) : e).ToList();
    }
}
