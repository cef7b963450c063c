namespace Desk.Api.Portal;

/// <summary>Send a one-time code to an e-mail address or phone number (E.164, +4420…); <c>language</c>: en (default) or zh.</summary>
public sealed record PortalCodeRequest(string? Address, string? Language);

/// <summary>The same answer whether or not the desk knows the address; <c>minutes</c>: how long the code works.</summary>
public sealed record PortalCodeSent(string Detail, int Minutes);

/// <summary>The code that was sent to <c>address</c>, six digits.</summary>
public sealed record PortalCodeAnswer(string? Address, string? Code);

/// <summary>The signed-in person: their name and the addresses they proved they hold (or only gave).</summary>
public sealed record PortalProfile(string DisplayName, IReadOnlyList<PortalIdentity> Identities);

public sealed record PortalIdentity(string Channel, string Address, bool Verified);

/// <summary>An address confirmed: whether another contact that held it was merged into this one.</summary>
public sealed record PortalIdentityConfirmed(PortalIdentity Identity, long? MergedContact, PortalProfile Profile);

/// <summary>One of the user's queries as they see it: what it is about, where it stands, and the time frame agreed.</summary>
public sealed record PortalQuery(
    string Reference, string Subject, string Preview, string Type, string Status, string Channel,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, DateTimeOffset FirstResponseDue, DateTimeOffset ResolutionDue, DateTimeOffset? ResolvedAt);

/// <summary>
/// A query with the part of its timeline the user may see; <c>acceptsMessages</c>: false once closed. <c>textFrom</c>:
/// "you" when the user wrote its text, "desk" when the desk opened it for them (a follow-up on their feedback).
/// <c>mergedInto</c>: the user's query this one was closed into as a duplicate, where the desk goes on with it.
/// </summary>
public sealed record PortalQueryDetail(PortalQuery Query, string Text, string TextFrom, bool AcceptsMessages, IReadOnlyList<PortalEntry> Timeline,
    string? MergedInto = null);

/// <summary>
/// <c>kind</c>: message (from "you" or "desk", with its text) or status (the status it moved to). Internal notes, phone
/// call records and the desk's own bookkeeping are never here.
/// </summary>
public sealed record PortalEntry(long Id, string Kind, string? From, string? Text, string? Status, DateTimeOffset At);

public sealed record PortalMessage(string? Text);

/// <summary>
/// A new query from the portal: the user's words, and optionally a catalog item they are entitled to with its form's
/// fields (by name; every required one filled).
/// </summary>
public sealed record PortalRequest(string? Text, string? CatalogItem, Dictionary<string, string?>? Fields);

/// <summary>A catalog item the signed-in contact may ask for, the query type it makes, and its form.</summary>
public sealed record PortalCatalogItem(string Item, string Type, IReadOnlyList<PortalCatalogField> Fields);

/// <summary>A form field; <c>labelZh</c> is the Chinese label (the English one when the catalog has none).</summary>
public sealed record PortalCatalogField(string Name, bool Required, string Label, string LabelZh);

/// <summary>A published knowledge article in a list or search, without its body.</summary>
public sealed record PortalArticle(long Id, string Slug, string Language, string Title, string Summary);

/// <summary>A published article; <c>helpedYou</c> is the signed-in user's answer to "did this help?", null until they give one.</summary>
public sealed record PortalArticleBody(long Id, string Slug, string Language, string Title, string Summary, string Body, DateTimeOffset UpdatedAt,
    bool? HelpedYou);

/// <summary>A survey question waiting for the user's answer: a score from <c>min</c> to <c>max</c>, asked in English and Chinese.</summary>
public sealed record PortalSurvey(long Id, string Reference, string Kind, int Min, int Max, string Question, string QuestionZh);

/// <summary>"Did this help?" under an article.</summary>
public sealed record PortalFeedback(bool? Helped);
