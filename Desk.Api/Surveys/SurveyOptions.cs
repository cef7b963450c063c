using System.ComponentModel.DataAnnotations;
using Desk.Classifier;

namespace Desk.Api.Surveys;

/// <summary>When and how often users are asked for feedback (ITIL 4 8.2.6 and Table 9.4).</summary>
internal sealed class SurveyOptions : IValidatableObject
{
    public const string Section = "Surveys";

    /// <summary>Whether resolutions are surveyed at all; surveys already planned still go out when it is turned off.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How long after resolution the question is asked: long enough for the user to see the fix hold.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "30.00:00:00")]
    public TimeSpan Delay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long after the question one reminder follows, if unanswered; zero sends none.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "30.00:00:00")]
    public TimeSpan ReminderAfter { get; set; } = TimeSpan.FromDays(1);

    /// <summary>How long after the question an answer is still taken.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "90.00:00:00")]
    public TimeSpan ExpireAfter { get; set; } = TimeSpan.FromDays(3);

    /// <summary>No contact is asked again sooner than this: a survey due earlier is suppressed.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "365.00:00:00")]
    public TimeSpan MinGap { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How often a contact is asked the net promoter question instead, counted from their first survey.</summary>
    [Range(typeof(TimeSpan), "1.00:00:00", "3650.00:00:00")]
    public TimeSpan NpsEvery { get; set; } = TimeSpan.FromDays(90);

    /// <summary>Query types asked how easy it was (CES, 1 to 7) rather than how satisfied (CSAT, 1 to 5).</summary>
    public string[] EffortTypes { get; set; } = ["incident", "service_request"];

    /// <summary>How long after a score in a chat the user's next words are taken as its comment.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan CommentWindow { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>
    /// The answer page for channels without buttons (e-mail, SMS); <c>{token}</c> is replaced by the survey's token.
    /// The desk serves the portal's answer page at <c>/survey/{token}</c>, which answers through
    /// <c>POST /api/surveys/{token}</c>. A path is put after the address the desk listens on (<see cref="SurveyLinks"/>);
    /// a deployment sets the desk's public address with that path.
    /// </summary>
    [Required]
    public string AnswerLink { get; set; } = "/survey/{token}";

    /// <summary>Surveys the sender handles in one batch.</summary>
    [Range(1, 10_000)]
    public int BatchSize { get; set; } = 100;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (EffortTypes.FirstOrDefault(t => !QueryTypes.TryParse(t, out _)) is { } unknown)
            yield return new ValidationResult($"Surveys:EffortTypes names '{unknown}', which is not a query type.");
        if (!AnswerLink.Contains("{token}", StringComparison.Ordinal))
            yield return new ValidationResult("Surveys:AnswerLink must contain {token}.");
        if (!AnswerLink.StartsWith('/') && !(Uri.TryCreate(AnswerLink, UriKind.Absolute, out var link) && link.Scheme is "https" or "http"))
            yield return new ValidationResult("Surveys:AnswerLink must be an http(s) address or a path starting with /.");
        if (ReminderAfter >= ExpireAfter)
            yield return new ValidationResult("Surveys:ReminderAfter must be shorter than Surveys:ExpireAfter.");
    }
}
