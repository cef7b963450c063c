using System.Net;
using System.Net.Http.Json;
using Dapper;

namespace Desk.Tests.Api;

/// <summary>Portal sign-in codes: one use, their life, wrong tries, strangers' guesses, rate limits and bad input.</summary>
public sealed partial class PortalTests
{
    [Fact]
    public async Task WrongCodes_Are401_AndAfterFiveTheCodeIsLockedEvenForTheRightDigits()
    {
        var address = NewAddress("guesser");
        using var user = desk.Browser();
        await user.PostAsJsonAsync("/api/portal/codes", new { address });
        var code = await desk.CodeSentToAsync(address);
        var wrong = code == "000000" ? "111111" : "000000";

        for (var i = 0; i < 5; i++)
        {
            var response = await user.PostAsJsonAsync("/api/portal/sessions", new { address, code = wrong });
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
        var right = await user.PostAsJsonAsync("/api/portal/sessions", new { address, code });

        Assert.Equal(HttpStatusCode.TooManyRequests, right.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await user.GetAsync("/api/portal/me")).StatusCode);
    }

    [Fact]
    public async Task ACode_WorksOnce_AndNotAfterTenMinutes()
    {
        var (once, late) = (NewAddress("once"), NewAddress("late"));
        using var user = desk.Browser();
        await user.PostAsJsonAsync("/api/portal/codes", new { address = once });
        var code = await desk.CodeSentToAsync(once);
        Assert.Equal(HttpStatusCode.OK, (await user.PostAsJsonAsync("/api/portal/sessions", new { address = once, code })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await desk.Browser().PostAsJsonAsync("/api/portal/sessions", new { address = once, code })).StatusCode);

        await user.PostAsJsonAsync("/api/portal/codes", new { address = late });
        var lateCode = await desk.CodeSentToAsync(late);
        desk.Clock.Advance(TimeSpan.FromMinutes(11));
        Assert.Equal(HttpStatusCode.Unauthorized, (await desk.Browser().PostAsJsonAsync("/api/portal/sessions", new { address = late, code = lateCode })).StatusCode);
    }

    [Fact]
    public async Task AnEarlierCode_StillWorks_AfterAnotherWasAskedFor_AndEachCodeOnce()
    {
        // A window of its own (one client may ask 20 codes per window, and this class asks many), whichever tests run before and after.
        desk.Clock.Advance(TimeSpan.FromMinutes(16));
        var address = NewAddress("impatient");
        using var user = desk.Browser();
        Assert.Equal(HttpStatusCode.Accepted, (await user.PostAsJsonAsync("/api/portal/codes", new { address })).StatusCode);
        var first = await desk.CodeSentToAsync(address);
        Assert.Equal(HttpStatusCode.Accepted, (await user.PostAsJsonAsync("/api/portal/codes", new { address })).StatusCode);
        var second = await desk.CodeSentToAsync(address, except: first);

        var withFirst = await user.PostAsJsonAsync("/api/portal/sessions", new { address, code = first });
        var withSecond = await user.PostAsJsonAsync("/api/portal/sessions", new { address, code = second });
        var firstAgain = await user.PostAsJsonAsync("/api/portal/sessions", new { address, code = first });

        desk.Clock.Advance(TimeSpan.FromMinutes(16));
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.Unauthorized), (withFirst.StatusCode, withSecond.StatusCode, firstAgain.StatusCode));
    }

    [Fact]
    public async Task AWrongCode_CountsAgainstEveryLiveCode_SoMoreCodesGiveNoMoreGuesses()
    {
        // A window of its own (one client may ask 20 codes per window, and this class asks many), whichever tests run before and after.
        desk.Clock.Advance(TimeSpan.FromMinutes(16));
        var address = NewAddress("guesser.two");
        using var anyone = desk.Browser();
        await anyone.PostAsJsonAsync("/api/portal/codes", new { address });
        var first = await desk.CodeSentToAsync(address);
        await anyone.PostAsJsonAsync("/api/portal/codes", new { address });
        var second = await desk.CodeSentToAsync(address, except: first);
        var wrong = Enumerable.Range(0, 10).Select(d => new string((char)('0' + d), 6)).First(c => c != first && c != second);

        for (var i = 0; i < 5; i++)
            Assert.Equal(HttpStatusCode.Unauthorized, (await anyone.PostAsJsonAsync("/api/portal/sessions", new { address, code = wrong })).StatusCode);

        Assert.Equal(HttpStatusCode.TooManyRequests, (await anyone.PostAsJsonAsync("/api/portal/sessions", new { address, code = first })).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await anyone.PostAsJsonAsync("/api/portal/sessions", new { address, code = second })).StatusCode);
        desk.Clock.Advance(TimeSpan.FromMinutes(16));
    }

    [Fact]
    public async Task AStrangersCodesAndGuesses_ForSomeonesAddress_NeitherReachNorLockTheirCode()
    {
        desk.Clock.Advance(TimeSpan.FromMinutes(16)); // a window of its own, as above
        var address = NewAddress("victim");
        using var stranger = desk.Browser();
        using var owner = desk.Browser();
        Assert.Equal(HttpStatusCode.Accepted, (await stranger.PostAsJsonAsync("/api/portal/codes", new { address })).StatusCode);
        var strangers = await desk.CodeSentToAsync(address);
        var wrong = Enumerable.Range(0, 10).Select(d => new string((char)('0' + d), 6)).First(c => c != strangers);
        for (var i = 0; i < 5; i++)
            Assert.Equal(HttpStatusCode.Unauthorized, (await stranger.PostAsJsonAsync("/api/portal/sessions", new { address, code = wrong })).StatusCode);

        Assert.Equal(HttpStatusCode.Accepted, (await owner.PostAsJsonAsync("/api/portal/codes", new { address })).StatusCode);
        var owners = await desk.CodeSentToAsync(address, except: strangers);

        // The stranger's browser is locked on its own dead code; the owner's code is not even tried there.
        Assert.Equal(HttpStatusCode.TooManyRequests, (await stranger.PostAsJsonAsync("/api/portal/sessions", new { address, code = owners })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await desk.Anonymous().PostAsJsonAsync("/api/portal/sessions", new { address, code = owners })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await owner.PostAsJsonAsync("/api/portal/sessions", new { address, code = owners })).StatusCode);
        desk.Clock.Advance(TimeSpan.FromMinutes(16));
    }

    [Fact]
    public async Task CodesForOneAddress_AreRateLimited()
    {
        var address = NewAddress("flood");
        using var anyone = desk.Anonymous();
        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.Accepted, (await anyone.PostAsJsonAsync("/api/portal/codes", new { address })).StatusCode);

        var fourth = await anyone.PostAsJsonAsync("/api/portal/codes", new { address });

        Assert.Equal(HttpStatusCode.TooManyRequests, fourth.StatusCode);
        Assert.NotNull(fourth.Headers.RetryAfter);
        await using var db = await desk.OpenDbAsync();
        Assert.Equal(3, await db.ExecuteScalarAsync<int>("select count(*) from outbox_messages where address = @address", new { address }));
    }

    [Fact]
    public async Task BadAddressesAndCodes_Are400_AndSendNothing()
    {
        using var anyone = desk.Anonymous();
        await using var db = await desk.OpenDbAsync();
        var before = await db.ExecuteScalarAsync<int>("select count(*) from outbox_messages");

        foreach (var body in new object[]
                 {
                     new { address = "not an address" }, new { address = "" }, new { address = "a@b.example.org", language = "fr" },
                     new { address = "ana@example.org\u0000" }, new { address = new string('a', 400) + "@example.org" },
                 })
            Assert.Equal(HttpStatusCode.BadRequest, (await anyone.PostAsJsonAsync("/api/portal/codes", body)).StatusCode);
        foreach (var code in new[] { "12345", "1234567", "12a456", "", "１２３４５６" })
            Assert.Equal(HttpStatusCode.BadRequest, (await anyone.PostAsJsonAsync("/api/portal/sessions", new { address = "ana@example.org", code })).StatusCode);

        Assert.Equal(before, await db.ExecuteScalarAsync<int>("select count(*) from outbox_messages"));
    }
}
