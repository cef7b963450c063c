using System.Text.Json;
using Dapper;
using Desk.Api.Data;
using Desk.Api.Identity;
using Desk.Api.Operations;
using Desk.Api.Queries;
using Desk.Bot;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Desk.Api.Conversations;

/// <summary>
/// How the bot does, per UTC day and channel, from its events: containment (active conversations that needed no
/// person), handoff rate and wait, deflection (knowledge articles that solved it), not understood, abandoned.
/// </summary>
internal static class BotMeasures
{
    const int MaxDays = 92;

    public static RouteHandlerBuilder MapBotMeasures(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/bot/measures", MeasureAsync).WithTags("Conversations").RequireAuthorization(Policies.Supervisor);

    static async Task<Results<Ok<IReadOnlyList<BotDay>>, ValidationProblem>> MeasureAsync(
        DateOnly? from, DateOnly? to, string? channel, DeskDb db, TimeProvider clock, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var errors = new Dictionary<string, string[]>();
        var days = ReportDays.Read(from, to, today, defaultDays: 7, MaxDays, errors);
        if (channel is not null && !Channels.IsIdentityChannel(channel))
            errors["channel"] = ["Channel must be a short lowercase token such as directline or msteams."];
        if (days is not { Start: var start, End: var end } || errors.Count > 0)
            return TypedResults.ValidationProblem(errors);

        await using var connection = await db.OpenAsync(ct);
        var events = await connection.QueryAsync<EventRow>(new CommandDefinition($"""
            select conversation_id, channel, kind, data, created_at from bot_events
            where created_at >= @start and created_at < @end {(channel is null ? "" : "and channel = @channel")}
            """, new { start, end, channel }, cancellationToken: ct));
        return TypedResults.Ok<IReadOnlyList<BotDay>>(events
            .GroupBy(e => (Day: DateOnly.FromDateTime(e.CreatedAt.UtcDateTime), e.Channel))
            .OrderBy(g => g.Key.Day).ThenBy(g => g.Key.Channel)
            .Select(g => Measure(g.Key.Day, g.Key.Channel, g.ToList()))
            .ToList());
    }

    static BotDay Measure(DateOnly day, string channel, List<EventRow> events)
    {
        HashSet<long> Conversations(string kind) => events.Where(e => e.Kind == kind).Select(e => e.ConversationId).ToHashSet();
        int Count(string kind) => events.Count(e => e.Kind == kind);
        var active = Conversations(BotEvents.Message);
        var handedOff = Conversations(BotEvents.HandoffRequested);
        var offered = Conversations(BotEvents.ArticlesOffered);
        var waits = events.Where(e => e.Kind == BotEvents.HandoffTaken && e.Data is not null)
            .Select(e => JsonDocument.Parse(e.Data!).RootElement.TryGetProperty("waitSeconds", out var w) && w.ValueKind == JsonValueKind.Number ? w.GetDouble() : (double?)null)
            .OfType<double>().ToList();
        var messages = Count(BotEvents.Message);
        var contained = active.Count(id => !handedOff.Contains(id));
        return new BotDay(
            day, channel,
            Started: Count(BotEvents.Started),
            Active: active.Count,
            Messages: messages,
            Contained: contained,
            ContainmentRate: Rate(contained, active.Count),
            Handoffs: handedOff.Count,
            HandoffRate: Rate(handedOff.Count, active.Count),
            HandoffsTaken: waits.Count,
            HandoffsTimedOut: Count(BotEvents.HandoffTimedOut),
            HandoffWaitAverageSeconds: waits.Count == 0 ? null : Math.Round(waits.Average(), 1),
            HandoffWaitMaxSeconds: waits.Count == 0 ? null : Math.Round(waits.Max(), 1),
            ArticlesOffered: offered.Count,
            Deflected: Count(BotEvents.Deflected),
            DeflectionRate: Rate(Conversations(BotEvents.Deflected).Count, offered.Count),
            NotUnderstood: Count(BotEvents.NotUnderstood),
            NotUnderstoodRate: Rate(Count(BotEvents.NotUnderstood), messages),
            QueriesCreated: Count(BotEvents.QueryCreated),
            Abandoned: Count(BotEvents.Abandoned),
            AbandonedRate: Rate(Conversations(BotEvents.Abandoned).Count, active.Count));
    }

    static double? Rate(int part, int whole) => whole == 0 ? null : Math.Round((double)part / whole, 4);

    sealed class EventRow
    {
        public long ConversationId { get; init; }
        public string Channel { get; init; } = "";
        public string Kind { get; init; } = "";
        public string? Data { get; init; }
        public DateTimeOffset CreatedAt { get; init; }
    }
}

/// <summary>
/// One UTC day on one channel. Rates are shares of <paramref name="Active"/> conversations (those with a user message
/// that day), except deflection (of conversations offered articles) and not understood (of messages); null when
/// there is nothing to divide by.
/// </summary>
public sealed record BotDay(
    DateOnly Day,
    string Channel,
    int Started,
    int Active,
    int Messages,
    int Contained,
    double? ContainmentRate,
    int Handoffs,
    double? HandoffRate,
    int HandoffsTaken,
    int HandoffsTimedOut,
    double? HandoffWaitAverageSeconds,
    double? HandoffWaitMaxSeconds,
    int ArticlesOffered,
    int Deflected,
    double? DeflectionRate,
    int NotUnderstood,
    double? NotUnderstoodRate,
    int QueriesCreated,
    int Abandoned,
    double? AbandonedRate);
