using Desk.Api.Operations;
using Desk.Tests.Bot;
using Microsoft.Extensions.Time.Testing;

namespace Desk.Tests.Api;

/// <summary>A loop failing once a second while the database is down logs a few lines a minute, not a stack trace a second.</summary>
public sealed class FailureStreakTests
{
    [Fact]
    public void AStreakOfFailures_IsLoggedFirstInFull_ThenEvery30Seconds_ThenOnceWhenItWorksAgain()
    {
        var logs = new RecordedLogs();
        var clock = new FakeTimeProvider();
        var streak = new FailureStreak("Deadline sweep", logs.CreateLogger("loop"), clock);

        for (var second = 0; second <= 60; second++, clock.Advance(TimeSpan.FromSeconds(1)))
            streak.Failed(new InvalidOperationException($"database down ({second})"));
        streak.Worked();
        streak.Worked();

        Assert.Collection(logs.Lines,
            first => Assert.Contains("Deadline sweep failed; it keeps trying System.InvalidOperationException: database down (0)", first),
            still => Assert.Contains("Deadline sweep still fails: 31 failures since", still),
            still => Assert.Contains("Deadline sweep still fails: 61 failures since", still),
            works => Assert.StartsWith("Deadline sweep works again, after 61 failures over 00:01:01", works));
        Assert.All(logs.Lines.Skip(1), line => Assert.DoesNotContain("   at ", line)); // one stack trace in all

        streak.Failed(new InvalidOperationException("down again"));
        Assert.Contains("System.InvalidOperationException: down again", logs.Lines[^1]); // a new streak says why in full
    }
}
