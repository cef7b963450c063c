using System.Net;
using System.Net.Http.Json;

namespace Desk.Tests.Api;

/// <summary>A portal session and the staff's contact merges: a session follows a merge, and one opened as the merged person ends when it is undone.</summary>
public sealed partial class PortalTests
{
    [Fact]
    public async Task ASessionOpenedDuringAMerge_EndsWhenTheMergeIsUndone_AndTheUserSignsInAsThemselvesAgain()
    {
        using var supervisor = await desk.SignInAsync("supervisor");
        using var channel = await desk.WithApiKeyAsync("intake");
        var address = NewAddress("pe");
        var own = await ContactMergeTests.SubmitAsync(channel, "My monitor flickers", "email", address, "Pe Four");
        var theirs = await ContactMergeTests.SubmitAsync(channel, "I need access to the finance share", "emulator", $"u-chen-{Guid.NewGuid():N}", "Chen Jie");
        var (mine, other) = (await ContactMergeTests.ContactOfAsync(supervisor, own), await ContactMergeTests.ContactOfAsync(supervisor, theirs));
        var codes = new HashSet<string>();
        using var before = await desk.SignedInAsync(address, codes);

        // Wrongly merged into Chen's contact: a sign-in through the address now reads Chen's queries too.
        var merge = (await ContactMergeTests.MergeAsync(supervisor, other, mine)).GetProperty("merge").GetInt64();
        using var during = await desk.SignedInAsync(address, codes);
        Assert.Equal([own, theirs], (await References(during)).Order());
        (await supervisor.PostAsJsonAsync($"/api/contacts/{other}/unmerge", new { merge, reason = "not the same person" })).EnsureSuccessStatusCode();

        Assert.Equal(HttpStatusCode.Unauthorized, (await during.GetAsync("/api/portal/me/queries")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await during.GetAsync($"/api/portal/me/queries/{theirs}")).StatusCode);
        Assert.Equal([own], await References(before));
        using var after = await desk.SignedInAsync(address, codes);
        Assert.Equal([own], await References(after));
    }

    [Fact]
    public async Task ADuplicateMergedAway_NamesTheQueryTheDeskGoesOnWith()
    {
        using var channel = await desk.WithApiKeyAsync("intake");
        using var agent = await desk.SignInAsync("agent");
        var address = NewAddress("mo");
        var survivor = await ContactMergeTests.SubmitAsync(channel, "My monitor flickers", "email", address, "Mo Five");
        var duplicate = await ContactMergeTests.SubmitAsync(channel, "The monitor flickers again, same desk", "email", address, "Mo Five");
        (await agent.PostAsJsonAsync($"/api/queries/{duplicate}/merge", new { into = survivor, reason = "same fault" })).EnsureSuccessStatusCode();
        using var user = await desk.SignedInAsync(address);

        var merged = await (await user.GetAsync($"/api/portal/me/queries/{duplicate}")).JsonAsync();
        var kept = await (await user.GetAsync($"/api/portal/me/queries/{survivor}")).JsonAsync();

        Assert.Equal(("closed", false, survivor), (merged.GetProperty("query").Str("status"), merged.GetProperty("acceptsMessages").GetBoolean(), merged.Str("mergedInto")));
        Assert.Null(kept.Str("mergedInto"));
    }

    static async Task<string[]> References(HttpClient user) =>
        [.. (await (await user.GetAsync("/api/portal/me/queries")).JsonAsync()).EnumerateArray().Select(q => q.Str("reference"))];
}
