using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Options;

namespace Desk.Tests.Api;

/// <summary>A desk whose new laptops are for gold and vip contacts only; every other item is everyone's.</summary>
public sealed class EntitledDesk : DeskApplication
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Catalog:Entitlements:new-laptop:0", "gold");
        builder.UseSetting("Catalog:Entitlements:new-laptop:1", "vip");
    }
}

/// <summary>
/// catalog.entitlement (8.2.5): a contact gets only the catalog items their service level is entitled to; a request for
/// another is taken ungranted, and an agent grants it only by overriding the rule with a written justification.
/// </summary>
public sealed class EntitlementTests(EntitledDesk desk) : IClassFixture<EntitledDesk>
{
    [Fact]
    public async Task ARequestForAnItemTheContactIsNotEntitledTo_IsTakenUngranted_AndSaysSo()
    {
        using var channel = await desk.WithApiKeyAsync("intake");
        var receipt = await channel.SubmitAsync(Requests.Query("Mine is five years old", catalogItem: "new-laptop"));
        Assert.False(receipt.GetProperty("catalogGranted").GetBoolean());
        Assert.Contains("gold, vip", receipt.Str("nextStep"));
        Assert.Equal("service_request", receipt.Str("type"));

        using var agent = await desk.SignInAsync("agent");
        var detail = await (await agent.GetAsync($"/api/queries/{receipt.Str("reference")}")).JsonAsync();
        Assert.Equal(("new-laptop", false), (detail.Str("catalogItem"), detail.GetProperty("catalogGranted").GetBoolean()));
        Assert.NotEqual("triage", detail.Str("queue"));
        var missing = Assert.Single(detail.GetProperty("timeline").EnumerateArray(), e => e.Str("kind") == "entitlement_missing");
        Assert.Equal(("new-laptop", "standard"), (missing.GetProperty("data").Str("item"), missing.GetProperty("data").Str("serviceLevel")));

        var open = await channel.SubmitAsync(Requests.Query("Need Visio", catalogItem: "software-install"));
        Assert.True(open.GetProperty("catalogGranted").GetBoolean());
        Assert.False(open.TryGetProperty("nextStep", out var none) && none.ValueKind != JsonValueKind.Null);
        Assert.Equal(JsonValueKind.Null, (await channel.SubmitAsync(Requests.Query("Printer jams"))).GetProperty("catalogGranted").ValueKind);
    }

    [Fact]
    public async Task GrantingAnItemTheContactIsNotEntitledTo_IsRefusedNamingTheRule_ThenGrantedWithAJustification()
    {
        using var agent = await desk.SignInAsync("agent");
        var reference = (await agent.SubmitAsync(Requests.Query("Need Visio", catalogItem: "software-install"))).Str("reference");
        var before = await (await agent.GetAsync($"/api/queries/{reference}")).JsonAsync();

        var refused = await agent.PatchAsJsonAsync($"/api/queries/{reference}", new { catalogItem = "new-laptop" });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var problem = await refused.JsonAsync();
        Assert.Equal("catalog.entitlement", problem.Str("rule"));
        Assert.Contains("gold, vip", problem.GetProperty("errors").GetProperty("catalogItem")[0].GetString());
        var unchanged = await (await agent.GetAsync($"/api/queries/{reference}")).JsonAsync();
        Assert.Equal(("software-install", before.GetProperty("version").GetInt64()),
            (unchanged.Str("catalogItem"), unchanged.GetProperty("version").GetInt64()));
        var unjustified = await agent.PatchAsJsonAsync($"/api/queries/{reference}",
            new { catalogItem = "new-laptop", @override = new { rule = "catalog.entitlement", justification = " " } });
        Assert.Equal(HttpStatusCode.BadRequest, unjustified.StatusCode);

        var justification = "Their laptop was stolen; the manager approved a replacement by phone.";
        (await agent.PatchAsJsonAsync($"/api/queries/{reference}",
            new { catalogItem = "new-laptop", @override = new { rule = "catalog.entitlement", justification } })).EnsureSuccessStatusCode();

        var granted = await (await agent.GetAsync($"/api/queries/{reference}")).JsonAsync();
        Assert.Equal(("new-laptop", true), (granted.Str("catalogItem"), granted.GetProperty("catalogGranted").GetBoolean()));
        var timeline = granted.GetProperty("timeline").EnumerateArray().ToList();
        var grant = Assert.Single(timeline, e => e.Str("kind") == "catalog_granted");
        Assert.Equal(("software-install", "new-laptop"), (grant.GetProperty("data").Str("from"), grant.GetProperty("data").Str("to")));
        Assert.Contains(timeline, e => e.Str("kind") == "rule_overridden" && e.GetProperty("data").Str("rule") == "catalog.entitlement");

        using var supervisor = await desk.SignInAsync("supervisor");
        var logged = Assert.Single((await (await supervisor.GetAsync("/api/overrides?rule=catalog.entitlement")).JsonAsync()).EnumerateArray(),
            o => o.Str("reference") == reference);
        Assert.Equal((justification, "standard"), (logged.Str("justification"), logged.GetProperty("detail").Str("serviceLevel")));
        var board = await (await supervisor.GetAsync("/api/board")).JsonAsync();
        Assert.True(board.GetProperty("overrides").EnumerateArray().Single(c => c.Str("rule") == "catalog.entitlement")
            .GetProperty("total").GetInt32() >= 1);
    }

    [Fact]
    public async Task AnEntitledContact_IsGrantedWithoutAnOverride_AndAnOverrideThatBreaksNothingIsRefused()
    {
        using var agent = await desk.SignInAsync("agent");
        var reference = (await agent.SubmitAsync(Requests.Query("Mine is five years old", catalogItem: "new-laptop"))).Str("reference");
        await using (var db = await desk.OpenDbAsync())
            await db.ExecuteAsync("update contacts set service_level = 'gold' where id = (select contact_id from queries where reference = @reference)",
                new { reference });

        var needless = await agent.PatchAsJsonAsync($"/api/queries/{reference}",
            new { catalogItem = "new-laptop", @override = new { rule = "catalog.entitlement", justification = "Just in case." } });
        Assert.Equal(HttpStatusCode.BadRequest, needless.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await agent.PatchAsJsonAsync($"/api/queries/{reference}", new { catalogItem = "NEW-LAPTOP" })).StatusCode);

        var detail = await (await agent.GetAsync($"/api/queries/{reference}")).JsonAsync();
        Assert.Equal(("new-laptop", true), (detail.Str("catalogItem"), detail.GetProperty("catalogGranted").GetBoolean()));
        Assert.DoesNotContain(detail.GetProperty("timeline").EnumerateArray(), e => e.Str("kind") == "rule_overridden");

        var unknown = await agent.PatchAsJsonAsync($"/api/queries/{reference}", new { catalogItem = "pony" });
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("pony", await unknown.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task TheCatalog_ListsEachItemWithWhoIsEntitled()
    {
        using var agent = await desk.SignInAsync("agent");
        var items = (await (await agent.GetAsync("/api/catalog")).JsonAsync()).EnumerateArray().ToDictionary(i => i.Str("item"));
        Assert.Equal(["gold", "vip"], items["new-laptop"].GetProperty("entitled").EnumerateArray().Select(l => l.GetString()));
        Assert.Equal(JsonValueKind.Null, items["dns-change"].GetProperty("entitled").ValueKind);
        Assert.Equal("change_request", items["dns-change"].Str("type"));
    }

    [Theory]
    [InlineData("Catalog:Entitlements:pony:0", "gold", "pony")]
    [InlineData("Catalog:Entitlements:new-laptop:0", "platinum", "platinum")]
    public void AnEntitlementNamingAnUnknownItemOrServiceLevel_StopsTheDeskAtStartUp(string key, string value, string named)
    {
        using var broken = desk.WithWebHostBuilder(b => b.UseSetting(key, value));

        var error = Assert.Throws<OptionsValidationException>(() => broken.CreateClient());

        Assert.Contains(named, error.Message);
    }
}
