using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Desk.Tests.Api;

/// <summary>How the hostile table builds its bodies: raw text, bytes, and valid bodies bent one field at a time.</summary>
internal static partial class HostileCases
{
    static Func<HttpContent?> Text(string body, string contentType) => () => Raw(body, contentType);

    static HttpContent Raw(string body, string contentType)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        return content;
    }

    static HttpContent Bytes(byte[] bytes, string contentType = "text/csv")
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        return content;
    }

    static string Str(string value) => JsonSerializer.Serialize(value);

    static string Shown(string raw) => Shorten(raw, 50);

    static string Shorten(string text, int max) => text.Length <= max ? text : $"{text[..max]}…({text.Length} chars)";

    // The body with one field (a.b for nested) set to raw JSON, or removed when raw is null.
    static string Set(string body, string field, string? raw)
    {
        var root = JsonNode.Parse(body)!.AsObject();
        var parts = field.Split('.');
        var parent = root;
        foreach (var part in parts[..^1]) parent = parent[part]!.AsObject();
        if (raw is null) parent.Remove(parts[^1]);
        else parent[parts[^1]] = Placeholder;
        // Spliced in as text: System.Text.Json will not hold some of these values (lone surrogates) in a node.
        return raw is null ? root.ToJsonString() : root.ToJsonString().Replace($"\"{Placeholder}\"", raw, StringComparison.Ordinal);
    }

    const string Placeholder = "@@hostile@@";

    static string FirstField(string body, string raw) =>
        Set(body, JsonNode.Parse(body)!.AsObject().First().Key, raw);

    // {"a":1,...} becomes {"a":1,"a":1,...}: the same key twice.
    static string DuplicateFirst(string body)
    {
        var first = JsonNode.Parse(body)!.AsObject().First();
        var compact = JsonNode.Parse(body)!.ToJsonString();
        return "{" + JsonSerializer.Serialize(first.Key) + ":" + first.Value!.ToJsonString() + "," + compact[1..];
    }

    // A valid body padded with white space to the given size, so only its size is wrong.
    static string Padded(string body, int size) => body[..^1] + new string(' ', Math.Max(0, size - body.Length)) + "}";
}
