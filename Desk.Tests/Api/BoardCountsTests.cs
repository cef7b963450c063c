using Desk.Api.Board;

namespace Desk.Tests.Api;

/// <summary>
/// The board's in-memory counts on their own, where they keep no more than a number per open query: the oldest waiting
/// per queue as queries are answered, moved and closed; at risk by the passing of time when deadlines move; references
/// the desk did not write; and a late push of a version already gone.
/// </summary>
public sealed class BoardCountsTests
{
    static readonly DateTimeOffset Start = new(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);
    static readonly TimeSpan Within = TimeSpan.FromHours(1);

    readonly BoardCounts counts = new(Within, new Attainment("2026-11-30", "Etc/UTC", 0, 0, 0, 0));

    static OpenQuery Query(string queue, int minutesIn, long version = 1, bool answered = false, double dueInHours = 8, string? assignee = null) =>
        new(queue, assignee, Start.AddMinutes(minutesIn), version, answered, Paused: false, Breached: false,
            Start.AddHours(dueInHours), NextResponseDue: null, Start.AddHours(dueInHours + 16));

    QueueBoard Row(string queue) => counts.Queues().Single(q => q.Queue == queue);

    [Fact]
    public void OldestWaiting_FollowsAnswersMovesAndClosures()
    {
        counts.Set("INC-1", Query("incident-management", 1), Start);
        counts.Set("INC-2", Query("incident-management", 2), Start);
        counts.Set("INC-3", Query("incident-management", 3), Start);
        Assert.Equal(Start.AddMinutes(1), Row("incident-management").OldestWaitingSince);

        counts.Set("INC-1", Query("incident-management", 1, version: 2, answered: true), Start);
        Assert.Equal(Start.AddMinutes(2), Row("incident-management").OldestWaitingSince);

        counts.Set("INC-2", Query("triage", 2, version: 2), Start);
        Assert.Equal(Start.AddMinutes(3), Row("incident-management").OldestWaitingSince);
        Assert.Equal(Start.AddMinutes(2), Row("triage").OldestWaitingSince);

        counts.Set("INC-3", null, Start);
        Assert.Null(Row("incident-management").OldestWaitingSince);
        Assert.Equal(1, Row("incident-management").Open); // the answered one
        Assert.Equal(1, Row("triage").Open);
    }

    [Fact]
    public void OldestWaiting_HoldsWhenALaterVersionGivesTheSameInstantCoarser()
    {
        var exact = Query("service-desk", 0) with { CreatedAt = Start.AddTicks(1234567) };
        counts.Set("ASK-1", exact, Start);
        // As PostgreSQL gives it back: microseconds, the last tick gone.
        counts.Set("ASK-1", exact with { Version = 2, CreatedAt = Start.AddTicks(1234560), Assignee = "agent1" }, Start);
        Assert.Equal(Start.AddTicks(1234560), Row("service-desk").OldestWaitingSince);
    }

    [Fact]
    public void AtRisk_ComesWithTime_AndAMovedDeadlineTakesItBack()
    {
        counts.Set("REQ-10", Query("service-requests", 0, dueInHours: 2), Start);
        Assert.Equal(0, Row("service-requests").AtRisk);

        counts.Tick(Start.AddMinutes(61));
        Assert.Equal(1, Row("service-requests").AtRisk);

        // Answered: the next clock (resolution, 18 h) is far off again.
        counts.Set("REQ-10", Query("service-requests", 0, version: 2, answered: true, dueInHours: 2), Start.AddMinutes(62));
        Assert.Equal(0, Row("service-requests").AtRisk);
        counts.Tick(Start.AddHours(3));
        Assert.Equal(0, Row("service-requests").AtRisk);
        counts.Tick(Start.AddHours(17.5));
        Assert.Equal(1, Row("service-requests").AtRisk);
    }

    [Fact]
    public void AWarningOrABreach_MovesTheCountsAtOnce()
    {
        counts.Set("CHG-5", Query("change-enablement", 0), Start);
        counts.Warned("CHG-5", "first_response", Start);
        Assert.Equal(1, Row("change-enablement").AtRisk);
        counts.Breached("CHG-5", Start);
        Assert.Equal((0, 1), (Row("change-enablement").AtRisk, Row("change-enablement").Breached));
        Assert.True(counts.Get("CHG-5")!.Value.FirstResponseWarned);
    }

    [Fact]
    public void ReferencesTheDeskDidNotWrite_CountAndLeaveLikeItsOwn()
    {
        counts.Set("INC-7", Query("incident-management", 0), Start);
        counts.Set("INC-007", Query("incident-management", 1), Start);
        counts.Set("legacy 7", Query("incident-management", 2, assignee: "agent1"), Start);
        Assert.Equal(3, Row("incident-management").Open);
        Assert.Equal(1, counts.Load("agent1"));

        counts.Set("INC-007", null, Start);
        counts.Set("legacy 7", null, Start);
        Assert.Equal(1, Row("incident-management").Open);
        Assert.Equal(0, counts.Load("agent1"));
        Assert.NotNull(counts.Get("INC-7"));
    }

    [Fact]
    public void ALatePushOfAnOlderVersion_DoesNotBringBackAQueryThatLeft()
    {
        counts.Set("SEC-3", Query("information-security", 0, version: 1), Start);
        counts.Set("SEC-3", null, Start); // resolved at version 2 would have come as this
        Assert.True(counts.Holds("SEC-3", 1));
        Assert.False(counts.Holds("SEC-3", 2));
        Assert.False(counts.Holds("SEC-4", 1));

        counts.Forget(Start.AddMinutes(5)); // no push that old can come any more
        Assert.False(counts.Holds("SEC-3", 1));
    }

    [Fact]
    public void AfterMuchChurn_TheOldestWaitingAndTheRisksStillHold()
    {
        counts.Set("INC-1", Query("incident-management", 0, dueInHours: 3), Start);
        for (var i = 2; i < 20_000; i++)
        {
            counts.Set($"INC-{i}", Query("incident-management", 1, dueInHours: 2), Start);
            counts.Set($"INC-{i}", null, Start);
        }
        counts.Set("INC-20000", Query("incident-management", 5, dueInHours: 2.5), Start);
        Assert.Equal(Start, Row("incident-management").OldestWaitingSince);
        Assert.Equal(2, Row("incident-management").Open);

        counts.Tick(Start.AddHours(1.6));
        Assert.Equal(1, Row("incident-management").AtRisk);
        counts.Tick(Start.AddHours(2.1));
        Assert.Equal(2, Row("incident-management").AtRisk);

        counts.Set("INC-1", null, Start.AddHours(2.1));
        Assert.Equal(Start.AddMinutes(5), Row("incident-management").OldestWaitingSince);
    }

    [Fact]
    public void Assignees_AreCountedPerQueueAndInAll()
    {
        counts.Set("INC-1", Query("incident-management", 0, assignee: "agent1"), Start);
        counts.Set("REQ-1", Query("service-requests", 0, assignee: "agent1"), Start);
        counts.Set("REQ-2", Query("service-requests", 0), Start);
        Assert.Equal(2, counts.Load("agent1"));
        Assert.Equal(["agent1"], counts.Assignees);
        var byQueue = counts.OpenByQueue("agent1");
        Assert.Equal(new Desk.Api.Queries.OpenCounts(2, 1, 1, 0), byQueue["service-requests"]);
        Assert.Equal(0, counts.OpenByQueue("nobody")["service-requests"].Mine);
    }
}
