using System.Text.Json;
using Dapper;
using Desk.Api.Data;
using NodaTime;
using NodaTime.Text;

namespace Desk.Api.Sla;

/// <summary>The targets of one policy row and the calendar its clocks run on.</summary>
internal sealed record SlaPolicy(
    long Id, string Type, string Priority, string ServiceLevel, Duration FirstResponse, Duration NextResponse, Duration Resolution,
    BusinessCalendar Calendar, SlaEscalation Escalation)
{
    public Duration Target(SlaMetric metric) => metric switch
    {
        SlaMetric.FirstResponse => FirstResponse,
        SlaMetric.NextResponse => NextResponse,
        _ => Resolution,
    };
}

/// <summary>What happens when a deadline passes, besides the breach on the timeline and the push.</summary>
public sealed record SlaEscalation(bool NotifySupervisors = false, bool RaisePriority = false, string? MoveTo = null);

/// <summary>
/// Policies by type × priority × service level ('*' for any; the most specific wins) and their calendars, read from
/// the database and kept for a few seconds, so an edit on any node is in force everywhere soon after.
/// </summary>
internal sealed class SlaPolicies(DeskDb db, TimeProvider clock)
{
    static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(5);
    readonly SemaphoreSlim loading = new(1, 1);
    (IReadOnlyList<SlaPolicy> Policies, DateTimeOffset ReadAt)? cached;

    /// <summary>Forgets what it read, after a change on this node.</summary>
    public void Changed() => cached = null;

    public async Task<SlaPolicy> ForAsync(string type, string priority, string serviceLevel, CancellationToken ct)
    {
        var policies = await AllAsync(ct);
        return policies
            .Where(p => p.Priority == priority && (p.Type == type || p.Type == "*") && (p.ServiceLevel == serviceLevel || p.ServiceLevel == "*"))
            .OrderByDescending(p => (p.Type == type ? 2 : 0) + (p.ServiceLevel == serviceLevel ? 1 : 0))
            .FirstOrDefault()
            ?? throw new InvalidOperationException($"No SLA policy covers priority {priority}.");
    }

    public async Task<IReadOnlyList<SlaPolicy>> AllAsync(CancellationToken ct)
    {
        if (cached is { } fresh && clock.GetUtcNow() - fresh.ReadAt < Lifetime)
            return fresh.Policies;
        await loading.WaitAsync(ct);
        try
        {
            if (cached is { } again && clock.GetUtcNow() - again.ReadAt < Lifetime)
                return again.Policies;
            await using var connection = await db.OpenAsync(ct);
            var calendars = (await connection.QueryAsync<CalendarRow>(new CommandDefinition(
                "select name, time_zone, windows, holidays from sla_calendars", cancellationToken: ct)))
                .ToDictionary(c => c.Name, c => c.ToCalendar());
            var policies = (await connection.QueryAsync<PolicyRow>(new CommandDefinition("""
                select id, type, priority, service_level, first_response_seconds, next_response_seconds, resolution_seconds, calendar, escalation
                from sla_policies
                """, cancellationToken: ct)))
                .Select(p => p.ToPolicy(calendars[p.Calendar]))
                .ToList();
            cached = (policies, clock.GetUtcNow());
            return policies;
        }
        finally
        {
            loading.Release();
        }
    }

    internal sealed class PolicyRow
    {
        public long Id { get; init; }
        public string Type { get; init; } = "";
        public string Priority { get; init; } = "";
        public string ServiceLevel { get; init; } = "";
        public long FirstResponseSeconds { get; init; }
        public long NextResponseSeconds { get; init; }
        public long ResolutionSeconds { get; init; }
        public string Calendar { get; init; } = "";
        public string? Escalation { get; init; }

        public SlaPolicy ToPolicy(BusinessCalendar calendar) => new(Id, Type, Priority, ServiceLevel,
            Duration.FromSeconds(FirstResponseSeconds), Duration.FromSeconds(NextResponseSeconds), Duration.FromSeconds(ResolutionSeconds),
            calendar, EscalationValue());

        public PolicyView ToView() => new(Type, Priority, ServiceLevel, TimeSpan.FromSeconds(FirstResponseSeconds),
            TimeSpan.FromSeconds(NextResponseSeconds), TimeSpan.FromSeconds(ResolutionSeconds), Calendar, EscalationValue());

        SlaEscalation EscalationValue() =>
            Escalation is null ? new SlaEscalation() : JsonSerializer.Deserialize<SlaEscalation>(Escalation, JsonSerializerOptions.Web)!;
    }

    internal sealed class CalendarRow
    {
        public string Name { get; init; } = "";
        public string TimeZone { get; init; } = "";
        public string? Windows { get; init; }
        public string Holidays { get; init; } = "[]";

        public BusinessCalendar ToCalendar() => SlaCalendars.Parse(Name, TimeZone, Windows, Holidays);

        public CalendarView ToView() => new(TimeZone, Windows is null ? null : JsonSerializer.Deserialize<Dictionary<string, string[]>>(Windows),
            JsonSerializer.Deserialize<string[]>(Holidays) ?? []) { Name = Name };
    }
}

/// <summary>Calendars as the API and the database write them: IANA zone, windows per weekday as "HH:mm-HH:mm", ISO dates.</summary>
internal static class SlaCalendars
{
    public static readonly IReadOnlyDictionary<string, IsoDayOfWeek> Days = new Dictionary<string, IsoDayOfWeek>
    {
        ["mon"] = IsoDayOfWeek.Monday, ["tue"] = IsoDayOfWeek.Tuesday, ["wed"] = IsoDayOfWeek.Wednesday, ["thu"] = IsoDayOfWeek.Thursday,
        ["fri"] = IsoDayOfWeek.Friday, ["sat"] = IsoDayOfWeek.Saturday, ["sun"] = IsoDayOfWeek.Sunday,
    };

    public static BusinessCalendar Parse(string name, string timeZone, string? windows, string holidays)
    {
        var zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(timeZone) ?? throw new FormatException($"Unknown time zone '{timeZone}'.");
        var dates = (JsonSerializer.Deserialize<string[]>(holidays) ?? [])
            .Select(d => LocalDatePattern.Iso.Parse(d).GetValueOrThrow()).ToHashSet();
        if (windows is null)
            return new BusinessCalendar(name, zone, null, dates);
        var week = (JsonSerializer.Deserialize<Dictionary<string, string[]>>(windows) ?? [])
            .ToDictionary(d => Days[d.Key], IReadOnlyList<Window> (d) => d.Value.Select(ParseWindow).OrderBy(w => w.From).ToList());
        return new BusinessCalendar(name, zone, week, dates);
    }

    public static Window ParseWindow(string text)
    {
        var parts = text.Split('-');
        if (parts.Length != 2)
            throw new FormatException($"'{text}' is not a window such as 08:00-17:30.");
        var from = LocalTimePattern.CreateWithInvariantCulture("HH:mm").Parse(parts[0].Trim()).GetValueOrThrow();
        var to = parts[1].Trim() == "24:00" ? LocalTime.Midnight : LocalTimePattern.CreateWithInvariantCulture("HH:mm").Parse(parts[1].Trim()).GetValueOrThrow();
        if (to != LocalTime.Midnight && to <= from)
            throw new FormatException($"'{text}' ends before it starts.");
        return new Window(from, to);
    }
}
