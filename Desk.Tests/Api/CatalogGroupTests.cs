using System.Net;
using System.Net.Http.Json;
using Dapper;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Options;

namespace Desk.Tests.Api;

/// <summary>
/// Entitlement by group: <c>Catalog:Groups:finance</c> is a mail domain and one named address, and a new laptop is for
/// gold contacts or finance. A contact is in the group by an address they verified with a portal code, and the portal's
/// catalog, intake, an agent's grant and <c>GET /api/catalog?contact=</c> all say the same.
/// </summary>
public sealed class CatalogGroupTests(CatalogGroupTests.GroupDesk desk) : IClassFixture<CatalogGroupTests.GroupDesk>
{
    // Unique in the process: the classes share one SMTP server, and a mail to another class's address would be read as ours.
    static string NewAddress(string name, string domain = "example.org") => $"{name}.{Guid.NewGuid().ToString("N")[..10]}@{domain}";

    [Fact]
    public async Task AVerifiedFinanceAddress_EntitlesTheContact_InThePortalIntakeAndTheStaffCatalog()
    {
        var financeAddress = NewAddress("ledger", GroupDesk.FinanceDomain);
        var outsiderAddress = NewAddress("visitor");
        using var finance = await desk.SignedInAsync(financeAddress);
        using var assistant = await desk.SignedInAsync(desk.Assistant);
        using var outsider = await desk.SignedInAsync(outsiderAddress);

        var financeItems = await PortalCatalogAsync(finance);
        Assert.Contains("new-laptop", financeItems);
        Assert.DoesNotContain("dns-change", financeItems);
        Assert.Contains("new-laptop", await PortalCatalogAsync(assistant));
        Assert.DoesNotContain("new-laptop", await PortalCatalogAsync(outsider));

        var granted = await finance.PostAsJsonAsync("/api/portal/me/queries", new { text = "The old one is out of warranty", catalogItem = "new-laptop" });
        Assert.Equal(HttpStatusCode.Created, granted.StatusCode);
        Assert.True((await granted.JsonAsync()).GetProperty("catalogGranted").GetBoolean());
        var refused = await outsider.PostAsJsonAsync("/api/portal/me/queries", new { text = "Me too", catalogItem = "new-laptop" });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("new-laptop", (await refused.JsonAsync()).GetProperty("errors").GetProperty("catalogItem")[0].GetString());

        using var agent = await desk.SignInAsync("agent");
        var all = (await (await agent.GetAsync("/api/catalog")).JsonAsync()).EnumerateArray().ToDictionary(i => i.Str("item"));
        Assert.Equal(["gold", "group:finance"], all["new-laptop"].GetProperty("entitled").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(financeItems, await StaffCatalogAsync(agent, await ContactOfAsync(financeAddress)));
        Assert.Equal(await PortalCatalogAsync(outsider), await StaffCatalogAsync(agent, await ContactOfAsync(outsiderAddress)));
        Assert.Equal(HttpStatusCode.NotFound, (await agent.GetAsync("/api/catalog?contact=999999999")).StatusCode);
    }

    [Fact]
    public async Task AFinanceAddressOnlyGiven_IsInNoGroup_TillTheUserVerifiesIt_ThenAnAgentGrantsWithoutAnOverride()
    {
        var address = NewAddress("typed", GroupDesk.FinanceDomain);
        using var channel = await desk.WithApiKeyAsync("intake");
        var receipt = await channel.SubmitAsync(Requests.Query("Mine is five years old", address: address, catalogItem: "new-laptop"));
        Assert.False(receipt.GetProperty("catalogGranted").GetBoolean());
        Assert.Contains("gold, group:finance; the contact is standard, in no group", receipt.Str("nextStep"));
        var reference = receipt.Str("reference");
        using var agent = await desk.SignInAsync("agent");
        var refused = await agent.PatchAsJsonAsync($"/api/queries/{reference}", new { catalogItem = "new-laptop" });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("catalog.entitlement", (await refused.JsonAsync()).Str("rule"));

        using var user = await desk.SignedInAsync(address);

        Assert.Equal(HttpStatusCode.OK, (await agent.PatchAsJsonAsync($"/api/queries/{reference}", new { catalogItem = "new-laptop" })).StatusCode);
        var detail = await (await agent.GetAsync($"/api/queries/{reference}")).JsonAsync();
        Assert.True(detail.GetProperty("catalogGranted").GetBoolean());
        Assert.DoesNotContain(detail.GetProperty("timeline").EnumerateArray(), e => e.Str("kind") == "rule_overridden");
        var again = await channel.SubmitAsync(Requests.Query("A second one for the new starter", address: address, catalogItem: "new-laptop"));
        Assert.True(again.GetProperty("catalogGranted").GetBoolean());
    }

    [Theory]
    [InlineData("Catalog:Entitlements:new-laptop:1", "group:sales", "group:sales")]
    [InlineData("Catalog:Groups:finance:0", "finance.example.org", "finance.example.org")]
    [InlineData("Catalog:Groups:finance:1", "+44 20", "+44 20")]
    [InlineData("Catalog:Groups:fin ance:0", "@example.org", "Catalog:Groups:fin ance")]
    public void AGroupOrAGroupEntitlementThatMakesNoSense_StopsTheDeskAtStartUp(string key, string value, string named)
    {
        using var broken = desk.WithWebHostBuilder(b => b.UseSetting(key, value));

        var error = Assert.Throws<OptionsValidationException>(() => broken.CreateClient());

        Assert.Contains(named, error.Message);
    }

    static async Task<List<string>> PortalCatalogAsync(HttpClient user) =>
        [.. (await (await user.GetAsync("/api/portal/me/catalog")).JsonAsync()).EnumerateArray().Select(i => i.Str("item"))];

    static async Task<List<string>> StaffCatalogAsync(HttpClient agent, long contact) =>
        [.. (await (await agent.GetAsync($"/api/catalog?contact={contact}")).JsonAsync()).EnumerateArray().Select(i => i.Str("item"))];

    async Task<long> ContactOfAsync(string address)
    {
        await using var db = await desk.OpenDbAsync();
        return await db.ExecuteScalarAsync<long>("select contact_id from contact_identities where channel = 'email' and address = @address", new { address });
    }

    /// <summary>A portal desk with a finance group (a domain and one named address); new laptops for gold or finance, DNS changes for vip.</summary>
    public sealed class GroupDesk : PortalTests.PortalDesk
    {
        public const string FinanceDomain = "finance.example.org";

        public string Assistant { get; } = $"assistant.{Guid.NewGuid():n}@example.org";

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Catalog:Groups:finance:0", "@" + FinanceDomain);
            builder.UseSetting("Catalog:Groups:finance:1", Assistant);
            builder.UseSetting("Catalog:Entitlements:new-laptop:0", "gold");
            builder.UseSetting("Catalog:Entitlements:new-laptop:1", "group:finance");
            builder.UseSetting("Catalog:Entitlements:dns-change:0", "vip");
        }
    }
}
