using System.ComponentModel.DataAnnotations;

namespace Desk.Api.CannedReplies;

/// <summary>
/// A ready answer. <c>Queue</c> null: offered in every queue; <c>Owner</c> null: the team's, else that agent's own.
/// The body holds placeholders such as <c>{contact.name}</c> that the console fills from the open query.
/// </summary>
public sealed record CannedReply(
    long Id, string Title, string Body, string Language, string? Queue, string? Owner, string UpdatedBy, DateTimeOffset UpdatedAt);

/// <summary>What a canned reply says and where it is offered; POST creates one, PUT replaces one.</summary>
public sealed record CannedReplyContent(
    [property: Required] string Title,
    [property: Required] string Body,
    [property: Required] string Language,
    string? Queue);

internal enum CannedReplyChange { Stored, NotFound, TitleTaken }

internal static class CannedReplyRules
{
    public const int TitleLength = 100;
    public const int BodyLength = 4_000;

    public static readonly string[] Languages = ["en", "zh"];
}
