using System.Security.Claims;
using System.Text.Json;
using Dapper;
using Desk.Api.Audit;
using Desk.Api.Data;
using Desk.Api.Identity;
using Desk.Api.Queries;
using Desk.Api.Routing;
using Desk.Classifier;
using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;

namespace Desk.Api.Sla;

/// <summary>SLA policies and calendars: staff read them, supervisors set them; admins repair every open query's clocks.</summary>
internal static partial class SlaApi
{
    public static void MapSla(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/sla").WithTags("SLA").RequireAuthorization(Policies.Staff);
        group.MapGet("/policies", PoliciesAsync);
        group.MapPut("/policies", SetPolicyAsync).RequireAuthorization(Policies.Supervisor);
        group.MapGet("/calendars", CalendarsAsync);
        group.MapPut("/calendars/{name}", SetCalendarAsync).RequireAuthorization(Policies.Supervisor);
        app.MapPost("/api/admin/sla/repair", RepairAsync).WithTags("SLA").RequireAuthorization(Policies.Admin);
    }

    static async Task<Ok<IReadOnlyList<PolicyView>>> PoliciesAsync(SlaPolicies policies, CancellationToken ct) =>
        TypedResults.Ok<IReadOnlyList<PolicyView>>((await policies.AllAsync(ct))
            .OrderBy(p => p.Priority).ThenBy(p => p.Type).ThenBy(p => p.ServiceLevel)
            .Select(p => new PolicyView(p.Type, p.Priority, p.ServiceLevel, p.FirstResponse.ToTimeSpan(), p.NextResponse.ToTimeSpan(),
                p.Resolution.ToTimeSpan(), p.Calendar.Name, p.Escalation))
            .ToList());

    /// <summary>Sets the targets for one type × priority × service level ('*' for any); every open query's clocks follow.</summary>
    static async Task<Results<Ok<PolicyView>, ValidationProblem>> SetPolicyAsync(
        PolicyView policy, DeskDb db, SlaPolicies policies, SlaRepair repair, AuditLog audit, ClaimsPrincipal user, HttpContext http,
        CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (policy.Type != "*" && !QueryTypes.TryParse(policy.Type, out _))
            errors["type"] = [$"Type must be * or one of: {string.Join(", ", QueryTypes.All.Select(t => t.ToCode()))}."];
        if (!Priority.All.Contains(policy.Priority))
            errors["priority"] = ["Priority must be P1, P2, P3 or P4."];
        if (policy.ServiceLevel is null || (policy.ServiceLevel != "*" && !Token().IsMatch(policy.ServiceLevel)))
            errors["serviceLevel"] = ["Service level must be * or a short lowercase token such as standard or gold."];
        foreach (var (name, label, value) in new[]
                 {
                     ("firstResponse", "The first response target", policy.FirstResponse), ("nextResponse", "The next response target", policy.NextResponse),
                     ("resolution", "The resolution target", policy.Resolution),
                 })
            // Stored in whole seconds: a fraction would be cut, and a target under a second kept as zero.
            if (value < TimeSpan.FromSeconds(1) || value > TimeSpan.FromDays(365) || value.Ticks % TimeSpan.TicksPerSecond != 0)
                errors[name] = [$"{label} must be whole seconds, at least one second and at most 365 days."];
        // Compared only when both are targets at all, so that it does not hide what is wrong with one of them.
        if (!errors.ContainsKey("firstResponse") && !errors.ContainsKey("resolution") && policy.FirstResponse > policy.Resolution)
            errors["firstResponse"] = ["The first response cannot be due after the resolution."];
        if (policy.Escalation?.MoveTo is { } queue && !Practice.Queues.Any(q => q.Queue == queue))
            errors["escalation.moveTo"] = [$"'{queue}' is not a queue."];
        await using var connection = await db.OpenAsync(ct);
        var calendar = policy.Calendar is null ? null : await connection.QuerySingleOrDefaultAsync<SlaPolicies.CalendarRow>(new CommandDefinition(
            "select name, time_zone, windows, holidays from sla_calendars where name = @Calendar", policy, cancellationToken: ct));
        if (calendar is null)
            errors["calendar"] = ["No calendar has that name."];
        else if (errors.Count == 0 && Unreachable(calendar.ToCalendar(), policy) is { } target)
            errors["calendar"] = [$"{calendar.Name} does not give {target} of working time within five years: choose a shorter target or a calendar with more hours."];
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors);

        var row = new
        {
            policy.Type, policy.Priority, policy.ServiceLevel,
            first = (long)policy.FirstResponse.TotalSeconds, next = (long)policy.NextResponse.TotalSeconds,
            resolution = (long)policy.Resolution.TotalSeconds, policy.Calendar,
            escalation = policy.Escalation is null ? null : JsonSerializer.Serialize(policy.Escalation, JsonSerializerOptions.Web),
            by = user.Identity!.Name, at = DateTimeOffset.UtcNow,
        };
        SlaPolicies.PolicyRow? old;
        await using (var write = await db.BeginWriteAsync(ct))
        {
            old = await write.Connection.QuerySingleOrDefaultAsync<SlaPolicies.PolicyRow>(new CommandDefinition("""
                select id, type, priority, service_level, first_response_seconds, next_response_seconds, resolution_seconds, calendar, escalation
                from sla_policies where type = @Type and priority = @Priority and service_level = @ServiceLevel
                """, policy, write.Transaction, cancellationToken: ct));
            if (await write.Connection.ExecuteAsync(new CommandDefinition("""
                    update sla_policies set first_response_seconds = @first, next_response_seconds = @next, resolution_seconds = @resolution,
                        calendar = @Calendar, escalation = @escalation, updated_by = @by, updated_at = @at
                    where type = @Type and priority = @Priority and service_level = @ServiceLevel
                    """, row, write.Transaction, cancellationToken: ct)) == 0)
                await write.Connection.ExecuteAsync(new CommandDefinition(db.Dialect.InsertIgnoringConflict("sla_policies",
                    "type, priority, service_level, first_response_seconds, next_response_seconds, resolution_seconds, calendar, escalation, updated_by, updated_at",
                    "@Type, @Priority, @ServiceLevel, @first, @next, @resolution, @Calendar, @escalation, @by, @at",
                    "type, priority, service_level"), row, write.Transaction, cancellationToken: ct));
            await write.CommitAsync(ct);
        }
        policies.Changed();
        var subject = $"{policy.Type}/{policy.Priority}/{policy.ServiceLevel}";
        await audit.RecordAsync(AuditKinds.SlaPolicyChanged, user.Identity!.Name, subject, http, Change(old?.ToView(), policy), ct);
        // The open queries' deadlines follow in the background; the answer does not wait for them.
        _ = Task.Run(() => repair.RunAsync(SlaChange.Policy(subject), CancellationToken.None), CancellationToken.None);
        return TypedResults.Ok(policy);
    }

    static async Task<Ok<IReadOnlyList<CalendarView>>> CalendarsAsync(DeskDb db, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var rows = await connection.QueryAsync<SlaPolicies.CalendarRow>(new CommandDefinition(
            "select name, time_zone, windows, holidays from sla_calendars order by name", cancellationToken: ct));
        return TypedResults.Ok<IReadOnlyList<CalendarView>>(rows.Select(r => r.ToView()).ToList());
    }

    /// <summary>Creates or replaces a calendar: an IANA time zone, windows per weekday ("08:00-12:00"; none for 24×7), holidays.</summary>
    static async Task<Results<Ok<CalendarView>, ValidationProblem>> SetCalendarAsync(
        string name, CalendarView calendar, DeskDb db, SlaPolicies policies, SlaRepair repair, AuditLog audit, ClaimsPrincipal user,
        HttpContext http, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (!Token().IsMatch(name))
            errors["name"] = ["A calendar name is a short lowercase token such as office-hours."];
        if (calendar.TimeZone is null || DateTimeZoneProviders.Tzdb.GetZoneOrNull(calendar.TimeZone) is null)
            errors["timeZone"] = ["Time zone must be an IANA zone such as Europe/Amsterdam or Asia/Shanghai."];
        if (calendar.Windows is not null)
        {
            if (calendar.Windows.Keys.FirstOrDefault(d => !SlaCalendars.Days.ContainsKey(d)) is { } day)
                errors["windows"] = [$"'{day}' is not a day: use mon, tue, wed, thu, fri, sat, sun."];
            else if (!calendar.Windows.Values.Any(w => w is { Length: > 0 }))
                errors["windows"] = ["Give at least one window, or leave windows out for 24×7."];
            else if (WindowProblem(calendar.Windows) is { } problem)
                errors["windows"] = [problem];
        }
        if (calendar.Holidays is null || calendar.Holidays.Length > 1000)
            errors["holidays"] = ["Holidays are at most 1,000 dates such as 2026-12-25."];
        else if (calendar.Holidays.Select((d, i) => (d, Line: i + 1)).FirstOrDefault(h => !NodaTime.Text.LocalDatePattern.Iso.Parse(h.d ?? "").Success)
                 is { Line: > 0 } bad)
            errors["holidays"] = [$"Holiday {bad.Line}, '{bad.d}', is not a date such as 2026-12-25."];
        if (errors.Count == 0)
        {
            var changed = SlaCalendars.Parse(name, calendar.TimeZone!, calendar.Windows is null ? null : JsonSerializer.Serialize(calendar.Windows),
                JsonSerializer.Serialize(calendar.Holidays));
            foreach (var policy in (await policies.AllAsync(ct)).Where(p => p.Calendar.Name == name))
                if (Unreachable(changed, new PolicyView(policy.Type, policy.Priority, policy.ServiceLevel, policy.FirstResponse.ToTimeSpan(),
                        policy.NextResponse.ToTimeSpan(), policy.Resolution.ToTimeSpan(), name, policy.Escalation)) is { } target)
                {
                    errors["windows"] = [$"The policy {policy.Type}/{policy.Priority}/{policy.ServiceLevel} on this calendar needs {target} of "
                        + "working time, which these windows and holidays do not give within five years."];
                    break;
                }
        }
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors);

        var row = new
        {
            name, calendar.TimeZone,
            windows = calendar.Windows is null ? null : JsonSerializer.Serialize(calendar.Windows),
            holidays = JsonSerializer.Serialize(calendar.Holidays), by = user.Identity!.Name, at = DateTimeOffset.UtcNow,
        };
        SlaPolicies.CalendarRow? old;
        await using (var write = await db.BeginWriteAsync(ct))
        {
            old = await write.Connection.QuerySingleOrDefaultAsync<SlaPolicies.CalendarRow>(new CommandDefinition(
                "select name, time_zone, windows, holidays from sla_calendars where name = @name", row, write.Transaction, cancellationToken: ct));
            if (await write.Connection.ExecuteAsync(new CommandDefinition("""
                    update sla_calendars set time_zone = @TimeZone, windows = @windows, holidays = @holidays, updated_by = @by, updated_at = @at
                    where name = @name
                    """, row, write.Transaction, cancellationToken: ct)) == 0)
                await write.Connection.ExecuteAsync(new CommandDefinition(db.Dialect.InsertIgnoringConflict("sla_calendars",
                    "name, time_zone, windows, holidays, updated_by, updated_at", "@name, @TimeZone, @windows, @holidays, @by, @at", "name"),
                    row, write.Transaction, cancellationToken: ct));
            await write.CommitAsync(ct);
        }
        policies.Changed();
        await audit.RecordAsync(AuditKinds.SlaCalendarChanged, user.Identity!.Name, name, http, Change(old?.ToView(), calendar with { Name = name }), ct);
        _ = Task.Run(() => repair.RunAsync(SlaChange.Calendar(name), CancellationToken.None), CancellationToken.None);
        return TypedResults.Ok(calendar with { Name = name });
    }

    /// <summary>The audit's detail of a change: what was set before (null: nothing) and what is set now.</summary>
    static string Change<T>(T? old, T now) where T : class => JsonSerializer.Serialize(new { old, @new = now }, JsonSerializerOptions.Web);

    /// <summary>The policy's longest target when the calendar cannot give that much working time, counted from now.</summary>
    static TimeSpan? Unreachable(BusinessCalendar calendar, PolicyView policy)
    {
        var longest = new[] { policy.FirstResponse, policy.NextResponse, policy.Resolution }.Max();
        return calendar.Fits(SystemClock.Instance.GetCurrentInstant(), Duration.FromTimeSpan(longest)) ? null : longest;
    }

    /// <summary>A window that is not one, or two on a day that overlap: the calendar would count those hours twice.</summary>
    static string? WindowProblem(Dictionary<string, string[]> windows)
    {
        foreach (var (day, texts) in windows)
        {
            var parsed = new List<(string Text, Window Window)>();
            foreach (var text in texts ?? [])
                try
                {
                    parsed.Add((text!, SlaCalendars.ParseWindow(text ?? "")));
                }
                catch (Exception e) when (e is FormatException or NodaTime.Text.UnparsableValueException)
                {
                    return $"'{text}' is not a window such as 08:00-17:30.";
                }
            var ordered = parsed.OrderBy(w => w.Window.From).ToList();
            for (var i = 1; i < ordered.Count; i++)
                if (ordered[i - 1].Window.To == LocalTime.Midnight || ordered[i - 1].Window.To > ordered[i].Window.From)
                    return $"'{ordered[i - 1].Text}' and '{ordered[i].Text}' overlap on {day}: give each hour once.";
        }
        return null;
    }

    /// <summary>Rebuilds every open query's time frames from its timeline now, and says how many moved.</summary>
    static async Task<Ok<RepairResult>> RepairAsync(SlaRepair repair, CancellationToken ct)
    {
        var (looked, changed) = await repair.RunAsync(SlaChange.Repair, ct);
        return TypedResults.Ok(new RepairResult(looked, changed));
    }

    [System.Text.RegularExpressions.GeneratedRegex("^[a-z0-9][a-z0-9_.-]{0,31}$")]
    private static partial System.Text.RegularExpressions.Regex Token();
}

/// <summary>An SLA policy as the API shows and takes it; durations as "d.hh:mm:ss".</summary>
public sealed record PolicyView(
    string Type, string Priority, string ServiceLevel, TimeSpan FirstResponse, TimeSpan NextResponse, TimeSpan Resolution, string Calendar,
    SlaEscalation? Escalation);

/// <summary>A calendar: IANA time zone, windows per weekday (null: 24×7), holidays as ISO dates.</summary>
public sealed record CalendarView(string TimeZone, Dictionary<string, string[]>? Windows, string[] Holidays)
{
    public string? Name { get; init; }
}

public sealed record RepairResult(int Checked, int Changed);
