using System.Globalization;
using System.Text.Json;

namespace Desk.Api.Queries;

/// <summary>A query's version as an HTTP entity tag, and what a stale change is told.</summary>
internal static class QueryVersions
{
    public static string Tag(long version) => $"\"{version.ToString(CultureInfo.InvariantCulture)}\"";

    /// <summary>If-Match: * (RFC 9110: any current version), which asks for no version check.</summary>
    public static bool IsAny(string ifMatch) => ifMatch.Trim() == "*";

    /// <summary>The version in an If-Match value: "3" as the ETag gave it, or a bare 3.</summary>
    public static long? Parse(string ifMatch)
    {
        var value = ifMatch.Trim();
        if (value.StartsWith("W/", StringComparison.Ordinal))
            value = value[2..];
        if (value.Length >= 2 && value[0] == '"' && value[^1] == '"')
            value = value[1..^1];
        return long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var version) && version > 0 ? version : null;
    }

    /// <summary>"INC-1042 changed after version 3 (it is at 5): status in_progress to waiting_for_user by agent2; …"</summary>
    public static string Describe(string reference, long read, long current, IReadOnlyList<TimelineEntry> changes)
    {
        var what = changes.Select(entry => entry.Data is { ValueKind: JsonValueKind.Object } data
                && data.TryGetProperty("from", out var from) && data.TryGetProperty("to", out var to)
            ? $"{entry.Kind.Replace("_changed", "")} {Text(from)} to {Text(to)} by {entry.Actor}"
            : $"{entry.Kind.Replace('_', ' ')} by {entry.Actor}");
        var list = changes.Count == 0 ? "" : $": {string.Join("; ", what)}"; // internal notes are left out of the list
        return $"{reference} changed after version {read} (it is at {current}){list}. Read it again and decide.";
    }

    static string Text(JsonElement value) => value.ValueKind == JsonValueKind.Null ? "nobody" : value.ToString();
}
