using System.Text.RegularExpressions;
using Desk.Tests.Live;

namespace Desk.Tests.AgentConsole;

/// <summary>
/// Every sentence the desk writes on a timeline carries `says`; the Chinese console reads it through timeline-says.ts.
/// A `says` the desk writes that the file does not know would show English in the zh console.
/// </summary>
public sealed partial class TimelineSaysTests
{
    [Fact]
    public async Task EverySaysTheDeskWrites_HasAChineseSentence()
    {
        var says = await File.ReadAllTextAsync(Path.Combine(Repo.Root, "Desk.Console", "app", "src", "timeline-says.ts"));
        var known = Key().Matches(says).Select(m => m.Groups["key"].Value).ToHashSet(StringComparer.Ordinal);
        var written = new List<(string File, string Key, bool Prefix)>();
        foreach (var file in Directory.EnumerateFiles(Path.Combine(Repo.Root, "Desk.Api"), "*.cs", SearchOption.AllDirectories)
                     .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}")))
        {
            var source = await File.ReadAllTextAsync(file);
            written.AddRange(Written().Matches(source).Select(m => (Path.GetFileName(file), m.Groups["key"].Value, m.Groups["plus"].Success)));
        }

        Assert.Contains(written, w => w.Key == "sender_lookalike"); // the scan finds what the desk writes
        var missing = written.Where(w => w.Prefix ? !known.Any(k => k.StartsWith(w.Key, StringComparison.Ordinal)) : !known.Contains(w.Key))
            .Select(w => $"{w.File}: {w.Key}{(w.Prefix ? "…" : "")}").Distinct().ToList();
        Assert.True(missing.Count == 0, "No Chinese sentence in timeline-says.ts for: " + string.Join(", ", missing));
    }

    [GeneratedRegex(@"says = ""(?<key>[a-z_]+)""(?<plus>\s*\+)?")]
    private static partial Regex Written();

    [GeneratedRegex(@"^\s+(?<key>[a-z_]+): \(", RegexOptions.Multiline)]
    private static partial Regex Key();
}
