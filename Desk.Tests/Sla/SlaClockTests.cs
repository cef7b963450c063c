using Desk.Api.Sla;
using NodaTime;
using NodaTime.Text;

namespace Desk.Tests.Sla;

/// <summary>Business time and the SLA clocks, replayed from a query's history.</summary>
public sealed class SlaClockTests
{
    static readonly DateTimeZone Amsterdam = DateTimeZoneProviders.Tzdb["Europe/Amsterdam"];
    static readonly IReadOnlySet<string> Paused = new HashSet<string> { "waiting_for_user" };

    static BusinessCalendar OfficeHours(params LocalDate[] holidays)
    {
        var day = new[] { new Window(new LocalTime(9, 0), new LocalTime(17, 0)) };
        var week = new[] { IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday, IsoDayOfWeek.Friday }
            .ToDictionary(d => d, IReadOnlyList<Window> (_) => day);
        return new BusinessCalendar("office", Amsterdam, week, holidays.ToHashSet());
    }

    static Instant At(string local) =>
        LocalDateTimePattern.GeneralIso.Parse(local).Value.InZoneLeniently(Amsterdam).ToInstant();

    static string Local(Instant instant) => LocalDateTimePattern.GeneralIso.Format(instant.InZone(Amsterdam).LocalDateTime);

    [Fact]
    public void OfficeHours_CarryTheRestOverTheWeekend()
    {
        Assert.Equal("2026-11-30T10:00:00", Local(OfficeHours().Add(At("2026-11-27T16:00:00"), Duration.FromHours(2))));
    }

    [Fact]
    public void AHoliday_IsSkipped()
    {
        var calendar = OfficeHours(new LocalDate(2026, 12, 25));

        Assert.Equal("2026-12-28T10:00:00", Local(calendar.Add(At("2026-12-24T16:00:00"), Duration.FromHours(2))));
        Assert.Equal(Duration.FromHours(1), calendar.Between(At("2026-12-24T16:00:00"), At("2026-12-28T09:00:00")));
    }

    [Fact]
    public void ADaylightSavingChange_MovesTheWindowsInstants_NotTheirLocalHours()
    {
        // Amsterdam goes from UTC+1 to UTC+2 on Sunday 29 March 2026.
        var due = OfficeHours().Add(At("2026-03-27T16:00:00"), Duration.FromHours(2));

        Assert.Equal("2026-03-30T10:00:00", Local(due));
        Assert.Equal(Instant.FromUtc(2026, 3, 30, 8, 0), due);
    }

    [Fact]
    public void OnTheNightOfTheChange_AWindowThroughTheMissingHourIsAnHourShorter()
    {
        var night = new Dictionary<IsoDayOfWeek, IReadOnlyList<Window>>
        {
            [IsoDayOfWeek.Sunday] = [new Window(new LocalTime(1, 0), new LocalTime(5, 0))],
        };
        var calendar = new BusinessCalendar("night", Amsterdam, night, new HashSet<LocalDate>());

        Assert.Equal(Duration.FromHours(3), calendar.Between(At("2026-03-29T00:00:00"), At("2026-03-29T12:00:00")));
        Assert.Equal(Duration.FromHours(4), calendar.Between(At("2026-04-05T00:00:00"), At("2026-04-05T12:00:00")));
    }

    [Fact]
    public void SeveralWindowsADay_SkipTheGapBetweenThem()
    {
        var split = new[] { new Window(new LocalTime(8, 0), new LocalTime(12, 0)), new Window(new LocalTime(13, 0), LocalTime.Midnight) };
        var calendar = new BusinessCalendar("split", Amsterdam, new Dictionary<IsoDayOfWeek, IReadOnlyList<Window>> { [IsoDayOfWeek.Monday] = split },
            new HashSet<LocalDate>());

        Assert.Equal("2026-11-30T14:00:00", Local(calendar.Add(At("2026-11-30T11:00:00"), Duration.FromHours(2))));
        Assert.Equal("2026-11-30T23:30:00", Local(calendar.Add(At("2026-11-30T11:00:00"), Duration.FromMinutes(690))));
        Assert.Equal("2026-12-07T08:30:00", Local(calendar.Add(At("2026-11-30T11:00:00"), Duration.FromMinutes(750))));
    }

    static readonly Instant T = Instant.FromUtc(2026, 11, 30, 9, 0);

    static SlaClock Replay(SlaMetric metric, Duration target, params SlaMoment[] history) =>
        SlaClocks.Replay(metric, history, target, BusinessCalendar.AlwaysOpen, Paused, [0.75, 0.9]);

    [Fact]
    public void WaitingForTheUser_PausesTheClock_AndItsAnswerResumesIt()
    {
        var running = Replay(SlaMetric.Resolution, Duration.FromHours(4),
            new(T, SlaMomentKind.Created),
            new(T + Duration.FromHours(1), SlaMomentKind.Status, "waiting_for_user"));
        var resumed = Replay(SlaMetric.Resolution, Duration.FromHours(4),
            new(T, SlaMomentKind.Created),
            new(T + Duration.FromHours(1), SlaMomentKind.Status, "waiting_for_user"),
            new(T + Duration.FromHours(3), SlaMomentKind.Status, "in_progress"));

        Assert.Equal(SlaClockState.Paused, running.State);
        Assert.Null(running.Due);
        Assert.Equal(Duration.FromHours(1), running.Elapsed);
        Assert.Equal(SlaClockState.Running, resumed.State);
        Assert.Equal(T + Duration.FromHours(6), resumed.Due);
        Assert.Equal(T + Duration.FromHours(5), resumed.Crossings[0.75]);
        Assert.Equal(T + Duration.FromMinutes(5 * 60 + 36), resumed.Crossings[0.9]);
    }

    [Fact]
    public void AReopenedQuery_GoesOnFromTheResolutionTimeItUsed()
    {
        var clock = Replay(SlaMetric.Resolution, Duration.FromHours(4),
            new(T, SlaMomentKind.Created),
            new(T + Duration.FromHours(2), SlaMomentKind.Status, "resolved"),
            new(T + Duration.FromHours(10), SlaMomentKind.Status, "open"));

        Assert.Equal(SlaClockState.Running, clock.State);
        Assert.Equal(T + Duration.FromHours(12), clock.Due);
    }

    [Fact]
    public void AQueryResolvedUnanswered_AndReopened_StillOwesItsFirstResponse_OnTheTimeItUsed()
    {
        var clock = Replay(SlaMetric.FirstResponse, Duration.FromHours(1),
            new(T, SlaMomentKind.Created),
            new(T + Duration.FromMinutes(20), SlaMomentKind.Status, "resolved"),
            new(T + Duration.FromHours(5), SlaMomentKind.Status, "open"));

        Assert.Equal(SlaClockState.Running, clock.State);
        Assert.Equal(T + Duration.FromHours(5) + Duration.FromMinutes(40), clock.Due);
    }

    [Fact]
    public void FirstResponse_IsMetByTheFirstAnswer_AndTellsWhetherItWasLate()
    {
        var onTime = Replay(SlaMetric.FirstResponse, Duration.FromHours(1),
            new(T, SlaMomentKind.Created), new(T + Duration.FromMinutes(40), SlaMomentKind.AgentAnswered));
        var late = Replay(SlaMetric.FirstResponse, Duration.FromHours(1),
            new(T, SlaMomentKind.Created), new(T + Duration.FromMinutes(80), SlaMomentKind.AgentAnswered));

        Assert.Equal((SlaClockState.Met, false), (onTime.State, onTime.Breached(T + Duration.FromDays(1))));
        Assert.Equal((SlaClockState.Met, true), (late.State, late.Breached(T + Duration.FromDays(1))));
        Assert.Equal(T + Duration.FromHours(1), late.Due);
    }

    [Fact]
    public void NextResponse_StartsWithTheUsersWordsAfterAnAnswer_AndEachCycleStandsAlone()
    {
        var clock = Replay(SlaMetric.NextResponse, Duration.FromHours(2),
            new(T, SlaMomentKind.Created),
            new(T + Duration.FromHours(1), SlaMomentKind.AgentAnswered),
            new(T + Duration.FromHours(2), SlaMomentKind.UserWrote),
            new(T + Duration.FromHours(3), SlaMomentKind.AgentAnswered),
            new(T + Duration.FromHours(8), SlaMomentKind.UserWrote),
            new(T + Duration.FromHours(9), SlaMomentKind.UserWrote));

        Assert.Equal(SlaClockState.Running, clock.State);
        Assert.Equal(T + Duration.FromHours(8), clock.CycleStart);
        Assert.Equal(T + Duration.FromHours(10), clock.Due);
    }

    [Fact]
    public void NextResponse_StartsWhenTheUsersWordsReopenAnAnsweredQuery_NotForThanksThatKeepItResolved()
    {
        SlaMoment[] answeredAndResolved =
        [
            new(T, SlaMomentKind.Created),
            new(T + Duration.FromHours(1), SlaMomentKind.AgentAnswered),
            new(T + Duration.FromHours(2), SlaMomentKind.Status, "resolved"),
        ];
        var reopened = Replay(SlaMetric.NextResponse, Duration.FromHours(2), [.. answeredAndResolved,
            new(T + Duration.FromHours(5), SlaMomentKind.UserWrote),
            new(T + Duration.FromHours(5), SlaMomentKind.Status, "open")]);
        var thanked = Replay(SlaMetric.NextResponse, Duration.FromHours(2), [.. answeredAndResolved,
            new(T + Duration.FromHours(5), SlaMomentKind.UserWrote)]);
        var reopenedByStaff = Replay(SlaMetric.NextResponse, Duration.FromHours(2), [.. answeredAndResolved,
            new(T + Duration.FromHours(4), SlaMomentKind.UserWrote),
            new(T + Duration.FromHours(5), SlaMomentKind.Status, "open")]);

        Assert.Equal((SlaClockState.Running, T + Duration.FromHours(7)), (reopened.State, reopened.Due));
        Assert.NotEqual(SlaClockState.Running, thanked.State);
        Assert.NotEqual(SlaClockState.Running, reopenedByStaff.State);
    }

    [Fact]
    public void AClockPastItsDeadline_KnowsWhenItCrossedIt()
    {
        var clock = Replay(SlaMetric.Resolution, Duration.FromHours(4),
            new(T, SlaMomentKind.Created),
            new(T + Duration.FromHours(1), SlaMomentKind.Status, "waiting_for_user"),
            new(T + Duration.FromHours(2), SlaMomentKind.Status, "in_progress"),
            new(T + Duration.FromHours(9), SlaMomentKind.Status, "waiting_for_user"));

        Assert.Equal(SlaClockState.Paused, clock.State);
        Assert.Equal(T + Duration.FromHours(5), clock.Due);
        Assert.True(clock.Breached(T + Duration.FromHours(10)));
    }
}
