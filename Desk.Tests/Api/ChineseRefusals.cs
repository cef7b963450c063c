using System.Text.Json;

namespace Desk.Tests.Api;

/// <summary>What a refusal says to a page that asked for Chinese: its title, detail and field messages, with no English sentence left.</summary>
internal static class ChineseRefusals
{
    public static void AssertChinese(string body)
    {
        var problem = JsonDocument.Parse(body).RootElement;
        var messages = new List<string?> { problem.GetProperty("title").GetString() };
        if (problem.TryGetProperty("detail", out var detail))
            messages.Add(detail.GetString());
        if (problem.TryGetProperty("errors", out var errors))
            messages.AddRange(errors.EnumerateObject().SelectMany(e => e.Value.EnumerateArray()).Select(m => m.GetString()));
        // Three English words in a row are a sentence left untranslated; a list of codes (web, portal, email) is not.
        Assert.All(messages, m => Assert.DoesNotMatch(@"\b[A-Za-z]+ [A-Za-z]+ [A-Za-z]+\b", m ?? ""));
    }
}
