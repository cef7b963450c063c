using System.ComponentModel.DataAnnotations;

namespace Desk.Api.Surveys;

/// <summary>
/// A survey's life: <c>scheduled</c> at resolution, then <c>sent</c> (asked), <c>answered</c> or <c>expired</c>; or
/// never asked: <c>skipped</c> by an agent, <c>cancelled</c> by a reopening, <c>suppressed</c> (asked too recently,
/// or no channel reaches the user).
/// </summary>
internal static class SurveyStatus
{
    public const string Scheduled = "scheduled";
    public const string Sent = "sent";
    public const string Answered = "answered";
    public const string Expired = "expired";
    public const string Skipped = "skipped";
    public const string Cancelled = "cancelled";
    public const string Suppressed = "suppressed";
}

/// <summary>A surveys row.</summary>
internal sealed class SurveyRow
{
    public long Id { get; set; }
    public long QueryId { get; init; }
    public long ContactId { get; init; }
    public string Token { get; init; } = "";
    public string Status { get; set; } = SurveyStatus.Scheduled;
    public string? Kind { get; set; }
    public string? Channel { get; set; }
    public long? ConversationId { get; set; }
    public DateTimeOffset SendAt { get; set; }
    public DateTimeOffset? DueAt { get; set; }
    public DateTimeOffset? SentAt { get; set; }
    public DateTimeOffset? RemindedAt { get; set; }
    public DateTimeOffset? ExpiresAt { get; set; }
    public DateTimeOffset? AnsweredAt { get; set; }
    public int? Score { get; set; }
    public string? Comment { get; set; }
    public string? Reason { get; set; }
    public string? Actor { get; set; }
    public DateTimeOffset? MomentAt { get; set; }
    public long? RecoveryQueryId { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }

    public SurveyView ToView(string reference) =>
        new(Id, reference, Status, Kind, Channel, SendAt, SentAt, RemindedAt, ExpiresAt, AnsweredAt, Score, Comment, Reason, Actor);
}

/// <summary>A query's survey as staff see it.</summary>
public sealed record SurveyView(
    long Id,
    string Reference,
    string Status,
    string? Kind,
    string? Channel,
    DateTimeOffset SendAt,
    DateTimeOffset? SentAt,
    DateTimeOffset? RemindedAt,
    DateTimeOffset? ExpiresAt,
    DateTimeOffset? AnsweredAt,
    int? Score,
    string? Comment,
    string? Reason,
    string? Actor);

/// <summary>What an agent gives to skip a query's survey: the reason is kept on the timeline.</summary>
public sealed record SkipSurvey([property: Required, MaxLength(Queries.Limits.ReasonLength)] string Reason);

/// <summary>The question behind a survey link, as the answer page shows it, in English and Chinese.</summary>
public sealed record SurveyQuestion(string Reference, string Kind, int Min, int Max, string Question, string QuestionZh, string Status);

/// <summary>An answer through the link: a score on the question's scale, and a comment if the user has one.</summary>
public sealed record SurveyAnswerBody([property: Required] int? Score, [property: MaxLength(Queries.Limits.TextLength)] string? Comment = null);

/// <summary>A low score or a negative comment, pushed to the query's queue and the supervisors (8.2.4).</summary>
public sealed record MomentOfTruth(
    string Reference, string Queue, string Kind, int? Score, string? Comment, string? Recovery, DateTimeOffset At);
