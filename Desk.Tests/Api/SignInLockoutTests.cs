using System.Net;
using System.Text.Json;

namespace Desk.Tests.Api;

public sealed class SignInLockoutTests(DeskApplication desk) : IClassFixture<DeskApplication>
{
    const int FreeAttempts = 5;

    [Fact]
    public async Task WrongPasswords_PastTheFreeOnes_LockTheAccount_EvenForTheRightPassword_UntilTheLockEnds()
    {
        var username = await desk.CreateStaffAsync();
        for (var i = 0; i < FreeAttempts; i++)
            Assert.Equal(HttpStatusCode.Unauthorized, (await desk.SignInRawAsync(username, "wrong-password")).StatusCode);

        var locking = await desk.SignInRawAsync(username, "wrong-password");
        var whileLocked = await desk.SignInRawAsync(username, StaffAccounts.Password);

        await StaffAccounts.AssertProblemAsync(locking, HttpStatusCode.TooManyRequests);
        Assert.Equal(TimeSpan.FromSeconds(30), locking.Headers.RetryAfter?.Delta);
        await StaffAccounts.AssertProblemAsync(whileLocked, HttpStatusCode.TooManyRequests);
        Assert.NotNull(whileLocked.Headers.RetryAfter?.Delta);

        desk.Clock.Advance(TimeSpan.FromSeconds(31));
        Assert.Equal(HttpStatusCode.OK, (await desk.SignInRawAsync(username, StaffAccounts.Password)).StatusCode);
        // The success reset the count: the next wrong password is a plain failure again.
        Assert.Equal(HttpStatusCode.Unauthorized, (await desk.SignInRawAsync(username, "wrong-password")).StatusCode);
    }

    [Fact]
    public async Task AnUnknownUsername_LocksLikeARealOne_SoTheAnswerDoesNotTellWhichNamesExist()
    {
        var real = await desk.CreateStaffAsync();
        var madeUp = "nobody-" + Guid.NewGuid().ToString("n")[..8];
        for (var i = 0; i < FreeAttempts; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await desk.SignInRawAsync(real, "wrong-password")).StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, (await desk.SignInRawAsync(madeUp, "wrong-password")).StatusCode);
        }

        var realLocked = await desk.SignInRawAsync(real, "wrong-password");
        var madeUpLocked = await desk.SignInRawAsync(madeUp, "wrong-password");

        await StaffAccounts.AssertProblemAsync(madeUpLocked, HttpStatusCode.TooManyRequests);
        Assert.Equal(realLocked.StatusCode, madeUpLocked.StatusCode);
        Assert.Equal(realLocked.Headers.RetryAfter?.Delta, madeUpLocked.Headers.RetryAfter?.Delta);
    }

    [Fact]
    public async Task EachFurtherFailure_LocksForLonger()
    {
        var username = await desk.CreateStaffAsync();
        for (var i = 0; i < FreeAttempts; i++)
            await desk.SignInRawAsync(username, "wrong-password");
        Assert.Equal(TimeSpan.FromSeconds(30), (await desk.SignInRawAsync(username, "wrong-password")).Headers.RetryAfter?.Delta);
        desk.Clock.Advance(TimeSpan.FromSeconds(31));

        var second = await desk.SignInRawAsync(username, "wrong-password");

        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(60), second.Headers.RetryAfter?.Delta);
    }

    [Fact]
    public async Task Lockout_IsVisibleToAnAdmin_AsAnAuditEventAndOnTheAccount()
    {
        var username = await desk.CreateStaffAsync();
        for (var i = 0; i <= FreeAttempts; i++)
            await desk.SignInRawAsync(username, "wrong-password");
        using var admin = await desk.SignInAsync("admin");

        var events = await (await admin.GetAsync("/api/admin/audit-events?kind=sign_in_locked&limit=200")).JsonAsync();
        var accounts = await (await admin.GetAsync("/api/admin/staff")).JsonAsync();

        Assert.Contains(events.GetProperty("items").EnumerateArray(), e => e.Str("subject") == username && e.Str("kind") == "sign_in_locked");
        var account = accounts.EnumerateArray().Single(a => a.Str("username") == username);
        Assert.NotEqual(JsonValueKind.Null, account.GetProperty("lockedUntil").ValueKind);
        Assert.Equal(FreeAttempts + 1, account.GetProperty("failedSignIns").GetInt32());
    }

    [Fact]
    public async Task Lockouts_AreForbiddenToAnAgent()
    {
        using var agent = await desk.SignInAsync("agent");

        Assert.Equal(HttpStatusCode.Forbidden, (await agent.GetAsync("/api/admin/audit-events?kind=sign_in_locked")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await agent.GetAsync("/api/admin/staff")).StatusCode);
    }
}
