using Dapper;
using Desk.Api.Data;
using Desk.Api.Identity;
using Desk.Api.Operations;
using Desk.Bot;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Desk.Api.Surveys;

/// <summary>
/// Experience metrics (9.2.2, Table 9.4) per queue, agent, channel or query type over a period of UTC days: satisfaction
/// (CSAT: count, average, minimum, response rate), effort (CES), net promoter score, first response and handling time,
/// and chats abandoned. Surveys count by when they were asked, response times by when the query came in, handling
/// time by when it was resolved. Supervisors only: it names agents.
/// </summary>
internal static class ExperienceApi
{
    const int MaxDays = 366;

    static readonly string[] Dimensions = ["queue", "agent", "channel", "type"];

    public static RouteHandlerBuilder MapExperience(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/experience", MeasureAsync).WithTags("Surveys").RequireAuthorization(Policies.Supervisor);

    static async Task<Results<Ok<ExperienceReport>, ValidationProblem>> MeasureAsync(
        DateOnly? from, DateOnly? to, string? by, DeskDb db, TimeProvider clock, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var dimension = by ?? "queue";
        var errors = new Dictionary<string, string[]>();
        var days = ReportDays.Read(from, to, today, defaultDays: 30, MaxDays, errors);
        if (!Dimensions.Contains(dimension))
            errors["by"] = [$"by must be one of: {string.Join(", ", Dimensions)}."];
        if (days is not { First: var first, Last: var last, Start: var start, End: var end } || errors.Count > 0)
            return TypedResults.ValidationProblem(errors);

        await using var connection = await db.OpenAsync(ct);
        var surveys = (await connection.QueryAsync<SurveyFact>(new CommandDefinition("""
            select s.kind, s.status, s.score, q.queue, q.assignee, q.channel, q.type
            from surveys s join queries q on q.id = s.query_id
            where s.sent_at >= @start and s.sent_at < @end and s.status in ('sent', 'answered', 'expired')
            """, new { start, end }, cancellationToken: ct))).AsList();
        var queries = (await connection.QueryAsync<QueryFact>(new CommandDefinition("""
            select queue, assignee, channel, type, created_at, first_responded_at, resolved_at from queries
            where (created_at >= @start and created_at < @end) or (resolved_at >= @start and resolved_at < @end)
            """, new { start, end }, cancellationToken: ct))).AsList();
        // Every bot conversation is a chat: one not yet about a query still counts on the chat channel.
        var chats = (await connection.QueryAsync<ChatFact>(new CommandDefinition("""
            select e.conversation_id, e.kind, q.queue, q.assignee, coalesce(q.channel, 'chat') as channel, q.type
            from bot_events e left join queries q on q.id = e.query_id
            where e.created_at >= @start and e.created_at < @end and e.kind in ('message', 'abandoned')
            """, new { start, end }, cancellationToken: ct))).AsList();

        string? Key(Fact f) => dimension switch { "agent" => f.Assignee, "channel" => f.Channel, "type" => f.Type, _ => f.Queue };
        var groups = surveys.Select(Key).Concat(queries.Select(Key)).Concat(chats.Select(Key)).Distinct()
            .OrderBy(g => g is null).ThenBy(g => g, StringComparer.Ordinal)
            .Select(g => Measure(g, surveys.Where(f => Key(f) == g), queries.Where(f => Key(f) == g), chats.Where(f => Key(f) == g), start, end))
            .ToList();
        return TypedResults.Ok(new ExperienceReport(first, last, dimension, Measure("all", surveys, queries, chats, start, end), groups));
    }

    static ExperienceGroup Measure(string? group, IEnumerable<SurveyFact> surveys, IEnumerable<QueryFact> queries, IEnumerable<ChatFact> chats,
        DateTimeOffset start, DateTimeOffset end)
    {
        var asked = surveys.ToList();
        var came = queries.Where(q => q.CreatedAt >= start && q.CreatedAt < end && q.FirstRespondedAt is not null)
            .Select(q => (q.FirstRespondedAt!.Value - q.CreatedAt).TotalSeconds).ToList();
        var handled = queries.Where(q => q.ResolvedAt is { } at && at >= start && at < end)
            .Select(q => (q.ResolvedAt!.Value - q.CreatedAt).TotalSeconds).ToList();
        var talked = chats.ToList();
        var active = talked.Where(c => c.Kind == BotEvents.Message).Select(c => c.ConversationId).ToHashSet();
        var abandoned = talked.Where(c => c.Kind == BotEvents.Abandoned).Select(c => c.ConversationId).ToHashSet();
        return new ExperienceGroup(
            group,
            Score(asked, SurveyQuestions.Csat),
            Score(asked, SurveyQuestions.Ces),
            Nps(asked),
            new TimeMeasure(came.Count, came.Count == 0 ? null : Math.Round(came.Average(), 1)),
            new TimeMeasure(handled.Count, handled.Count == 0 ? null : Math.Round(handled.Average(), 1)),
            new AbandonMeasure(active.Count, abandoned.Count, Rate(abandoned.Count, active.Count)));
    }

    static ScoreMeasure Score(List<SurveyFact> surveys, string kind)
    {
        var sent = surveys.Where(s => s.Kind == kind).ToList();
        var scores = sent.Where(s => s.Status == SurveyStatus.Answered && s.Score is not null).Select(s => s.Score!.Value).ToList();
        return new ScoreMeasure(sent.Count, scores.Count, Rate(scores.Count, sent.Count),
            scores.Count == 0 ? null : Math.Round(scores.Average(), 2), scores.Count == 0 ? null : scores.Min());
    }

    // Promoters answer 9 or 10, detractors 0 to 6; the score is the share of promoters less that of detractors, ×100.
    static NpsMeasure Nps(List<SurveyFact> surveys)
    {
        var sent = surveys.Where(s => s.Kind == SurveyQuestions.Nps).ToList();
        var scores = sent.Where(s => s.Status == SurveyStatus.Answered && s.Score is not null).Select(s => s.Score!.Value).ToList();
        var (promoters, detractors) = (scores.Count(s => s >= 9), scores.Count(s => s <= 6));
        return new NpsMeasure(sent.Count, scores.Count, Rate(scores.Count, sent.Count), promoters, scores.Count - promoters - detractors,
            detractors, scores.Count == 0 ? null : Math.Round(100.0 * (promoters - detractors) / scores.Count, 1));
    }

    static double? Rate(int part, int whole) => whole == 0 ? null : Math.Round((double)part / whole, 4);

    abstract class Fact
    {
        public string? Queue { get; init; }
        public string? Assignee { get; init; }
        public string? Channel { get; init; }
        public string? Type { get; init; }
    }

    sealed class SurveyFact : Fact
    {
        public string Kind { get; init; } = "";
        public string Status { get; init; } = "";
        public int? Score { get; init; }
    }

    sealed class QueryFact : Fact
    {
        public DateTimeOffset CreatedAt { get; init; }
        public DateTimeOffset? FirstRespondedAt { get; init; }
        public DateTimeOffset? ResolvedAt { get; init; }
    }

    sealed class ChatFact : Fact
    {
        public long ConversationId { get; init; }
        public string Kind { get; init; } = "";
    }
}

/// <summary>The period's metrics for everything (<paramref name="Total"/>) and per group of <paramref name="By"/>; a null group has none (no agent, no query).</summary>
public sealed record ExperienceReport(DateOnly From, DateOnly To, string By, ExperienceGroup Total, IReadOnlyList<ExperienceGroup> Groups);

public sealed record ExperienceGroup(
    string? Group, ScoreMeasure Csat, ScoreMeasure Ces, NpsMeasure Nps, TimeMeasure FirstResponse, TimeMeasure Handling, AbandonMeasure Abandonment);

/// <summary>Questions asked and answered; the response rate is answered over sent; average and minimum of the answers.</summary>
public sealed record ScoreMeasure(int Sent, int Answered, double? ResponseRate, double? Average, int? Min);

public sealed record NpsMeasure(int Sent, int Answered, double? ResponseRate, int Promoters, int Passives, int Detractors, double? Score);

public sealed record TimeMeasure(int Count, double? AverageSeconds);

/// <summary>Chats with a user message in the period, and how many left a question of the bot unanswered.</summary>
public sealed record AbandonMeasure(int Conversations, int Abandoned, double? Rate);
