using System.Globalization;
using System.Text;
using Desk.Api.Identity;
using Desk.Api.Operations;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Desk.Api.Sla;

/// <summary><c>GET /api/sla/scorecard</c>: the SLA scorecard for supervisors, as JSON or as CSV.</summary>
internal static class SlaScorecardApi
{
    const int MaxDays = 366;

    public const string Definitions = """
        A period is whole UTC days, from `from` to `to` inclusive (default: the 30 days up to today; at most 366).
        `by` groups by type, priority (the default), queue or service_level: the contact's service level, which stands for
        the service until services exist. Type, priority and queue are the query's current ones.
        Each query's first-response and resolution clocks are replayed from its timeline as the SLA engine does: its current
        priority and policy, the policy's calendar, time paused (waiting_for_user) left out.
        Met: the clock was met in the period (the first public agent reply; the resolution, the last one when reopened) at or
        before its deadline. Late: met in the period after it. Overdue: not met (still open, or resolved without a reply for
        the first response), and its deadline fell in the period and has passed; counted in the period of its deadline.
        Attainment % = met / (met + late + overdue), null when there is none.
        Average and p90 (nearest rank) times are of the met and late ones, in business seconds: the time the clock ran.
        Created: queries created in the period. `format=csv` or `Accept: text/csv` gives the same as CSV (RFC 4180), a row
        per group then the total, "(all)".
        """;

    public static RouteHandlerBuilder MapSlaScorecard(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/sla/scorecard", ScorecardAsync).WithTags("SLA").WithDescription(Definitions)
            .RequireAuthorization(Policies.Supervisor);

    static async Task<Results<Ok<SlaScorecardView>, FileContentHttpResult, ValidationProblem>> ScorecardAsync(
        DateOnly? from, DateOnly? to, string? by, string? format, HttpRequest request, SlaScorecard scorecard, TimeProvider clock,
        CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        by ??= "priority";
        var errors = new Dictionary<string, string[]>();
        var days = ReportDays.Read(from, to, today, defaultDays: 30, MaxDays, errors);
        if (!SlaScorecard.Groupings.Contains(by))
            errors["by"] = [$"by must be one of: {string.Join(", ", SlaScorecard.Groupings)}."];
        if (format is not (null or "json" or "csv"))
            errors["format"] = ["format must be json or csv."];
        if (days is not { First: var first, Last: var last } || errors.Count > 0)
            return TypedResults.ValidationProblem(errors);

        var card = await scorecard.ComputeAsync(first, last, by, ct);
        if (format == "json" || (format is null && !WantsCsv(request)))
            return TypedResults.Ok(card);
        return TypedResults.File(Encoding.UTF8.GetBytes(ScorecardCsv.Write(card)), "text/csv; charset=utf-8",
            $"sla-scorecard-{first:yyyy-MM-dd}-{last:yyyy-MM-dd}-{by}.csv");
    }

    static bool WantsCsv(HttpRequest request) =>
        request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals("text/csv", StringComparison.OrdinalIgnoreCase) && a.Quality is not 0.0);
}

/// <summary>The scorecard as CSV (RFC 4180: CRLF, quotes where needed), safe to open in a spreadsheet.</summary>
internal static class ScorecardCsv
{
    public static string Write(SlaScorecardView card)
    {
        var csv = new StringBuilder();
        Line(csv, [card.By, "created", .. Header("first_response"), .. Header("resolution")]);
        foreach (var group in card.Groups.Append(card.Total))
            Line(csv, [group.Key, Number(group.Created), .. Cells(group.FirstResponse), .. Cells(group.Resolution)]);
        return csv.ToString();
    }

    static string[] Header(string metric) =>
        [$"{metric}_met", $"{metric}_late", $"{metric}_overdue", $"{metric}_attainment_percent", $"{metric}_average_seconds", $"{metric}_p90_seconds"];

    static string[] Cells(MetricScore score) =>
        [Number(score.Met), Number(score.Late), Number(score.Overdue), Number(score.AttainmentPercent), Number(score.AverageSeconds), Number(score.P90Seconds)];

    static string Number(double? value) => value?.ToString("0.#", CultureInfo.InvariantCulture) ?? "";

    static void Line(StringBuilder csv, IEnumerable<string> cells) => csv.AppendJoin(',', cells.Select(Cell)).Append("\r\n");

    /// <summary>
    /// A cell a spreadsheet would take for a formula (= + - @, or a tab or carriage return before one) gets a leading
    /// quote; a cell with a comma, quote or line break is quoted, its quotes doubled.
    /// </summary>
    public static string Cell(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
            value = "'" + value;
        return value.AsSpan().IndexOfAny(",\"\r\n") < 0 ? value : $"\"{value.Replace("\"", "\"\"")}\"";
    }
}
