using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Desk.Tests.Api;
using Desk.Tests.Live;

namespace Desk.Tests.AgentConsole;

// The console's TypeScript contract comes from the desk's OpenAPI document: Desk.Console/openapi/v1.json is a snapshot
// of what the desk serves, and app/src/api-types.ts is openapi-typescript's output for it (openapi/generate.mjs).
// `npm run contract` in Desk.Console refreshes both: it runs the snapshot test with DESK_WRITE_CONTRACT=1, which
// writes the snapshot before comparing, then the generator.
public sealed class ConsoleContractTests
{
    static readonly string Folder = Path.Combine(Repo.Root, "Desk.Console", "openapi");
    static readonly string Snapshot = Path.Combine(Folder, "v1.json");
    static readonly string Generated = Path.Combine(Repo.Root, "Desk.Console", "app", "src", "api-types.ts");
    static bool Write => Environment.GetEnvironmentVariable("DESK_WRITE_CONTRACT") == "1";

    [Fact]
    public async Task OpenApiSnapshot_IsWhatTheDeskServes()
    {
        await using var desk = new DeskApplication();
        using var client = desk.CreateClient();
        var served = JsonNode.Parse(await client.GetStringAsync("/openapi/v1.json"))!;

        if (Write) await File.WriteAllTextAsync(Snapshot, served.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
        var snapshot = JsonNode.Parse(await File.ReadAllTextAsync(Snapshot));

        Assert.True(JsonNode.DeepEquals(served, snapshot),
            "Desk.Console/openapi/v1.json differs from the desk's /openapi/v1.json: run `npm run contract` in Desk.Console.");
    }

    [Fact]
    public async Task ApiTypes_AreGeneratedFromTheSnapshot()
    {
        await NpmCiAsync();
        var output = Path.Combine(Path.GetTempPath(), $"api-types-{Guid.NewGuid():n}.ts");
        try
        {
            await RunAsync("node", ["generate.mjs", output]);
            var expected = await File.ReadAllTextAsync(output);
            Assert.True(expected == await File.ReadAllTextAsync(Generated),
                "Desk.Console/app/src/api-types.ts is not openapi-typescript's output for openapi/v1.json: run `npm run contract` in Desk.Console.");
        }
        finally
        {
            File.Delete(output);
        }
    }

    [Theory]
    [InlineData(typeof(Desk.Api.Outbox.DeliveryChange))]
    [InlineData(typeof(Desk.Api.Realtime.QueryMove))]
    [InlineData(typeof(Desk.Api.Realtime.SlaBreach))]
    [InlineData(typeof(Desk.Api.Realtime.SlaWarning))]
    [InlineData(typeof(Desk.Api.Realtime.QueryPresence))]
    [InlineData(typeof(Desk.Api.Board.BoardChange))]
    [InlineData(typeof(Desk.Api.Surveys.MomentOfTruth))]
    public async Task HubPayload_WrittenByHandInTheContract_HasTheFieldsOfItsRecord(Type record)
    {
        var contract = await File.ReadAllTextAsync(Path.Combine(Repo.Root, "Desk.Console", "app", "src", "contract.ts"));
        var body = Regex.Match(contract, $@"export interface {record.Name} \{{(?<body>[^}}]*)\}}");
        Assert.True(body.Success, $"contract.ts has no interface {record.Name}.");
        var fields = Regex.Matches(body.Groups["body"].Value, @"^\s*(\w+)\??:", RegexOptions.Multiline).Select(m => m.Groups[1].Value);
        var properties = record.GetProperties().Select(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name));
        Assert.Equal(properties.Order(), fields.Order());
    }

    // A push the page does not listen for is lost, and SignalR warns of it in the browser's console.
    [Fact]
    public async Task EveryPushOfTheDesk_HasAHandlerInThePages()
    {
        var sources = await Task.WhenAll(Directory.GetFiles(Path.Combine(Repo.Root, "Desk.Console", "app", "src"), "*.ts")
            .Select(file => File.ReadAllTextAsync(file)));
        var handled = sources.SelectMany(source => Regex.Matches(source, @"\.on\('(\w+)'").Select(m => m.Groups[1].Value)).ToHashSet();
        Assert.All(typeof(Desk.Api.Realtime.IDeskClient).GetMethods().Select(m => m.Name), push => Assert.Contains(push, handled));
    }

    [Fact]
    public async Task StatusMoves_WrittenInTheContract_AreTheDesks()
    {
        var contract = await File.ReadAllTextAsync(Path.Combine(Repo.Root, "Desk.Console", "app", "src", "contract.ts"));
        var table = Regex.Match(contract, @"export const nextStatuses[^=]*= \{(?<body>[^}]*)\}");
        Assert.True(table.Success, "contract.ts has no nextStatuses.");
        var moves = Regex.Matches(table.Groups["body"].Value, @"^\s*(?<from>\w+): \[(?<to>[^\]]*)\]", RegexOptions.Multiline)
            .ToDictionary(m => m.Groups["from"].Value, m => Regex.Matches(m.Groups["to"].Value, @"'(\w+)'").Select(t => t.Groups[1].Value).ToArray());

        Assert.Equal(Desk.Api.Queries.QueryStatus.All.Order(), moves.Keys.Order());
        foreach (var status in Desk.Api.Queries.QueryStatus.All)
            Assert.Equal(Desk.Api.Queries.QueryStatus.From(status), moves[status]);
    }

    [Fact]
    public async Task ApiKeyScopes_ListedInTheAdminPage_AreTheDesks_AndEachHasItsWordsInBothLanguages()
    {
        var source = await File.ReadAllTextAsync(Path.Combine(Repo.Root, "Desk.Console", "app", "src", "admin-api.ts"));
        var list = Regex.Match(source, @"export const scopes = \[(?<body>[^\]]*)\]");
        Assert.True(list.Success, "admin-api.ts has no scopes.");
        Assert.Equal(Desk.Api.Identity.Scopes.All, Regex.Matches(list.Groups["body"].Value, @"'([^']+)'").Select(m => m.Groups[1].Value));

        var words = await File.ReadAllTextAsync(Path.Combine(Repo.Root, "Desk.Console", "app", "src", "admin-words.ts"));
        var names = Regex.Matches(words, @"scopeNames: \{(?<body>[^}]*)\}").Select(m =>
            Regex.Matches(m.Groups["body"].Value, @"^\s*'?(?<scope>[\w:]+)'?:", RegexOptions.Multiline).Select(s => s.Groups["scope"].Value).Order());
        Assert.Equal(2, names.Count());
        Assert.All(names, languageNames => Assert.Equal(Desk.Api.Identity.Scopes.All.Order(), languageNames));
    }

    [Fact]
    public async Task QueryTypes_WrittenInTheContract_AreTheDesks()
    {
        var contract = await File.ReadAllTextAsync(Path.Combine(Repo.Root, "Desk.Console", "app", "src", "contract.ts"));
        var list = Regex.Match(contract, @"export const queryTypes = \[(?<body>[^\]]*)\]");
        Assert.True(list.Success, "contract.ts has no queryTypes.");
        Assert.Equal(Desk.Classifier.QueryTypes.All.Select(Desk.Classifier.QueryTypes.ToCode),
            Regex.Matches(list.Groups["body"].Value, @"'(\w+)'").Select(m => m.Groups[1].Value));
    }

    static async Task NpmCiAsync()
    {
        var stamp = Path.Combine(Folder, "node_modules", ".desk-install-stamp");
        if (File.Exists(stamp) && File.GetLastWriteTimeUtc(stamp) >= File.GetLastWriteTimeUtc(Path.Combine(Folder, "package-lock.json")))
            return;
        await RunAsync("npm", ["ci", "--no-audit", "--no-fund"]);
        await File.WriteAllTextAsync(stamp, "");
    }

    static async Task RunAsync(string file, string[] arguments)
    {
        var start = new ProcessStartInfo(file) { WorkingDirectory = Folder, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(3));
        Assert.True(process.ExitCode == 0, $"{file} {string.Join(' ', arguments)} failed: {await stdout}{await stderr}");
    }
}
