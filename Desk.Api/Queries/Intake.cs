using System.Data.Common;
using System.Security.Cryptography;
using System.Text.Json;
using Dapper;
using Desk.Api.Catalog;
using Desk.Api.Contacts;
using Desk.Api.Data;
using Desk.Api.Improvements;
using Desk.Api.Realtime;
using Desk.Api.Routing;
using Desk.Api.Sla;
using Desk.Bot;
using Desk.Classifier;
using Microsoft.Extensions.Options;

namespace Desk.Api.Queries;

/// <summary>
/// Where a query enters the desk: classify, route, prioritise, set the agreed time frame, store with its first
/// timeline entry in one transaction, then push it to the agents.
/// </summary>
internal sealed class Intake(
    DeskDb db,
    GroupCommit batches,
    QueryStore queries,
    TimelineStore timeline,
    Moments.MomentStore moments,
    ContactStore contacts,
    ContactAddresses addresses,
    IQueryClassifier classifier,
    SlaEngine sla,
    DeskNotifier notifier,
    ImprovementStore improvements,
    Router router,
    IOptions<RoutingOptions> routing,
    IOptions<CatalogOptions> catalog,
    CatalogGrants grants,
    TimeProvider clock)
{
    public Dictionary<string, string[]> Validate(SubmitQuery request)
    {
        var errors = new Dictionary<string, string[]>();
        if (TextRules.Problem(request.Text, "Text", Limits.TextLength) is { } text)
            errors["text"] = [text];
        if (request.Channel is null || !Channels.IsKnown(request.Channel))
            errors["channel"] = [$"Channel must be one of: {string.Join(", ", Channels.All)}."];
        if (request.Contact is null)
            errors["contact"] = ["Contact identity (channel and address) is required."];
        else
        {
            var channel = request.Contact.Channel?.Trim().ToLowerInvariant();
            if (channel is null || !Channels.IsIdentityChannel(channel))
                errors["contact.channel"] = ["Contact channel must be a short lowercase token such as email, sms or msteams."];
            else if (addresses.Normalise(channel, request.Contact.Address, out var problem) is null)
                errors["contact.address"] = [problem!];
            if (TextRules.NameProblem(request.Contact.DisplayName, "Display name", Limits.NameLength, required: false) is { } name)
                errors["contact.displayName"] = [name];
        }
        if (grants.Problem(request.CatalogItem) is { } item)
            errors["catalogItem"] = [item];
        if (request.Impact is not null && !Priority.TryParseLevel(request.Impact, out _))
            errors["impact"] = ["Impact must be high, medium or low."];
        if (request.Urgency is not null && !Priority.TryParseLevel(request.Urgency, out _))
            errors["urgency"] = ["Urgency must be high, medium or low."];
        return errors;
    }

    /// <summary>
    /// Takes a valid query from <paramref name="principal"/> ("key:12", a username, "bot", "demo"), who becomes its
    /// submitter and the actor of its first entry (with <paramref name="keyName"/>, the API key's name, when a key
    /// sent it). With an idempotency key, a repeat returns the first answer and stores nothing.
    /// The query is stored in the node's next batch (<see cref="GroupCommit"/>): the answer comes once that batch has
    /// committed, and the push to the agents follows it, not awaited here.
    /// </summary>
    public async Task<IntakeResult> SubmitAsync(
        SubmitQuery request, string principal, string? keyName, string? idempotencyKey, CancellationToken ct)
    {
        var claim = idempotencyKey is null ? null : Claim(principal, idempotencyKey, request);
        // The text model runs here, in parallel with other requests, not on the node's one writer; inside the batch it runs
        // again only for a contact with a breached open query, the one context that needs the database.
        var unbreached = classifier.Classify(request.Text, Context(request, slaBreached: false));
        try
        {
            var stored = await batches.WriteAsync(tx => StoreAsync(tx, request, principal, keyName, claim, unbreached), PushAsync, ct);
            return stored.Result;
        }
        catch (KeyClaimedMeanwhile)
        {
            // Another node committed the same key from the same caller while this one ran: answer as that one was answered.
            await using var connection = await db.OpenAsync(ct);
            return await EarlierAsync(connection, null, claim!, ct)
                ?? throw new InvalidOperationException("An idempotency key clashed but the earlier answer cannot be read.");
        }
    }

    /// <summary>One intake inside its batch's transaction: a repeat of a known key stores nothing.</summary>
    async Task<Stored> StoreAsync(
        DbTransaction tx, SubmitQuery request, string principal, string? keyName, KeyClaim? claim, Desk.Classifier.Classification unbreached)
    {
        var ct = CancellationToken.None; // once in a batch, an intake is stored whole (see GroupCommit)
        if (claim is not null && await EarlierAsync(tx.Connection!, tx, claim, ct) is { } earlier)
            return new Stored(earlier, null);
        var now = clock.GetUtcNow();
        var (row, receipt) = await TakeAsync(tx, request, principal, keyName, ChannelHints.None, unbreached, now, ct);
        if (claim is not null && !await RecordAsync(tx, claim, row.Id, receipt, now, ct))
            throw new KeyClaimedMeanwhile(); // rolls this intake back to its savepoint
        return new Stored(new IntakeResult.Created(receipt), row);
    }

    /// <summary>An idempotency key of <paramref name="principal"/>'s for this request.</summary>
    public static KeyClaim Claim(string principal, string key, SubmitQuery request) => new(principal, key, Hash(request));

    /// <summary>Keeps the key with the answer, in the intake's transaction; false when another request took it meanwhile.</summary>
    public async Task<bool> RecordAsync(DbTransaction tx, KeyClaim claim, long queryId, QueryReceipt receipt, DateTimeOffset now, CancellationToken ct) =>
        await tx.Connection!.ExecuteAsync(new CommandDefinition(db.Dialect.InsertIgnoringConflict("idempotency_keys",
            $"principal, {db.Dialect.Quote("key")}, request_hash, query_id, response, created_at",
            "@Principal, @Key, @RequestHash, @queryId, @response, @now",
            $"principal, {db.Dialect.Quote("key")}"),
            new { claim.Principal, claim.Key, claim.RequestHash, queryId, response = JsonSerializer.Serialize(receipt, JsonSerializerOptions.Web), now },
            tx, cancellationToken: ct)) == 1;

    Task PushAsync(Stored stored) => stored.Row is { } row ? notifier.QueryCreatedAsync(row.ToSummary()) : Task.CompletedTask;

    /// <summary>
    /// Takes a valid query inside the caller's transaction (a channel that writes more in it, such as the bot's
    /// conversation and reply); the caller commits, then pushes <see cref="QueryRow.ToSummary"/>.
    /// <paramref name="hints"/>: what the channel knows beyond the words.
    /// </summary>
    public Task<(QueryRow Row, QueryReceipt Receipt)> TakeAsync(DbTransaction tx, SubmitQuery request, string principal, string? keyName,
        ChannelHints hints, DateTimeOffset now, CancellationToken ct) =>
        TakeAsync(tx, request, principal, keyName, hints, null, now, ct);

    /// <summary>
    /// The language the desk speaks to the user in about a query (its mails, texts, surveys and notices): Chinese when they
    /// wrote in it, else the one the channel knows they read, else English. A reader of the Chinese page who types
    /// "VPN down" is answered in Chinese.
    /// </summary>
    public static string SpokenLanguage(string text, string? reads) =>
        Knowledge.KnowledgeText.GuessLanguage(text) is "zh" ? "zh" : reads is "zh" ? "zh" : "en";

    /// <summary><paramref name="unbreached"/>: the classification taken before the transaction, for a contact without a breach.</summary>
    async Task<(QueryRow Row, QueryReceipt Receipt)> TakeAsync(DbTransaction tx, SubmitQuery request, string principal, string? keyName,
        ChannelHints hints, Desk.Classifier.Classification? unbreached, DateTimeOffset now, CancellationToken ct)
    {
        var contact = await contacts.FindOrCreateAsync(tx, request.Contact, now, ct);
        var breached = await queries.HasBreachedOpenQueryAsync(tx, contact.Id, ct);
        var classification = hints.Chosen is { } type
            ? new Desk.Classifier.Classification(type, 1.0, [new LabelScore(type, 1.0)], TypeDecider.User, null, "chosen by the user")
            : !breached && unbreached is not null ? unbreached
            : classifier.Classify(request.Text, Context(request, breached) with { OnlyAskedForPerson = hints.OnlyAskedForPerson });
        var practice = Practice.For(classification.Type);
        var triage = classification.DecidedBy == TypeDecider.Model && classification.Confidence < routing.Value.TriageThreshold;
        var (impact, urgency) = Priority.Defaults(classification.Type);
        if (request.Impact is not null) Priority.TryParseLevel(request.Impact, out impact);
        if (request.Urgency is not null) Priority.TryParseLevel(request.Urgency, out urgency);
        var priority = Priority.Decide(classification.Type, impact, urgency, contact.ServiceLevel);
        // Not entitled to the item: the request is still taken, ungranted, and its practice's agents decide (catalog.entitlement).
        var unentitled = request.CatalogItem is null ? null : await grants.UnentitledAsync(tx, contact.Id, request.CatalogItem, ct);

        var row = new QueryRow
        {
            Reference = await queries.NextReferenceAsync(tx, practice.Prefix, ct),
            Type = classification.Type.ToCode(),
            Queue = triage ? Practice.TriageQueue : practice.Queue,
            Status = QueryStatus.New,
            Priority = priority,
            Impact = impact.Code(),
            Urgency = urgency.Code(),
            Channel = request.Channel,
            ContactId = contact.Id,
            ContactName = contact.DisplayName,
            Subject = Subject(request.Text, request.CatalogItem),
            Text = request.Text,
            Language = SpokenLanguage(request.Text, hints.Reads),
            CatalogItem = request.CatalogItem,
            CatalogGranted = unentitled is null,
            SubmittedBy = principal,
            DecidedBy = classification.DecidedBy.ToString().ToLowerInvariant(),
            ModelVersion = classification.ModelVersion,
            Confidence = Math.Round(classification.Confidence, 4),
            DecisionRule = classification.Rule,
            CreatedAt = now,
            UpdatedAt = now,
        };
        await sla.ForNewAsync(row, contact.ServiceLevel, ct);
        var routed = await router.DecideAsync(tx, row.Queue, row.Text, except: null, now, ct);
        row.Assignee = routed?.Assignee;
        row.Id = await queries.InsertAsync(tx, row, ct);
        await timeline.AppendAsync(tx, row, TimelineKinds.Created, principal, request.Text, new
        {
            key = keyName,
            row.Channel,
            row.Type,
            row.Confidence,
            row.DecidedBy,
            row.ModelVersion,
            rule = row.DecisionRule,
            ranked = classification.Ranked.Take(3).Select(l => new { type = l.Type.ToCode(), probability = Math.Round(l.Probability, 4) }),
            row.Queue,
            row.Priority,
        }, now, ct);
        var nextStep = unentitled is null ? null : $"{unentitled.Says}: an agent decides whether to grant it.";
        if (unentitled is not null)
            await timeline.AppendAsync(tx, row, CatalogKinds.EntitlementMissing, "system", nextStep,
                unentitled.Data, now, ct);
        if (routed is not null)
            await router.RecordAsync(tx, row, routed, now, ct);
        await improvements.SuggestedAsync(tx, row, now, ct);
        if (classification.Type == QueryType.Complaint)
            await moments.RecordAsync(tx, row, new Moments.MomentDraft(Moments.MomentKinds.Complaint, false, Moments.MomentKinds.Complaint, principal), now, ct);

        return (row, new QueryReceipt(row.Reference, row.Type, row.Confidence, row.DecidedBy, row.Priority, row.Queue,
            row.Status, row.FirstResponseDue, row.ResolutionDue, request.CatalogItem is null ? null : row.CatalogGranted, nextStep));
    }

    ClassificationContext Context(SubmitQuery request, bool slaBreached) => new()
    {
        CatalogPick = request.CatalogItem is null ? null : catalog.Value.TypeOf(request.CatalogItem),
        SlaBreached = slaBreached,
    };

    /// <summary>The answer a request with this key got before (or that the key came with another request); null when it is new.</summary>
    public async Task<IntakeResult?> EarlierAsync(DbConnection connection, DbTransaction? tx, KeyClaim claim, CancellationToken ct)
    {
        var earlier = await connection.QuerySingleOrDefaultAsync<(string RequestHash, string Response)?>(new CommandDefinition($"""
            select request_hash, response from idempotency_keys where principal = @Principal and {db.Dialect.Quote("key")} = @Key
            """, claim, tx, cancellationToken: ct));
        if (earlier is not { } seen)
            return null;
        return seen.RequestHash == claim.RequestHash
            ? new IntakeResult.Replayed(JsonSerializer.Deserialize<QueryReceipt>(seen.Response, JsonSerializerOptions.Web)!)
            : new IntakeResult.KeyReused();
    }

    /// <summary>The text's first line; a catalog request leads with the item it asks for ("New laptop: please").</summary>
    static string Subject(string text, string? catalogItem)
    {
        var line = text.AsSpan().Trim();
        var end = line.IndexOfAny('\r', '\n');
        if (end >= 0) line = line[..end];
        var subject = catalogItem is null ? line.ToString() : $"{ItemName(catalogItem)}: {line}";
        return TextCut.Shorten(subject, 120);
    }

    // Catalog items are slugs ("new-laptop"); the subject reads them as words.
    static string ItemName(string item)
    {
        var words = item.Trim().Replace('-', ' ').Replace('_', ' ');
        return words.Length == 0 ? words : string.Concat(char.ToUpperInvariant(words[0]).ToString(), words.AsSpan(1));
    }

    static string Hash(SubmitQuery request) =>
        Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(request, JsonSerializerOptions.Web)));

    /// <summary>An idempotency key as stored: per caller, with the hash of the request it first came with.</summary>
    public sealed record KeyClaim(string Principal, string Key, string RequestHash);

    /// <summary>What one intake in a batch gives: its answer, and the row when it stored one (to push after the commit).</summary>
    sealed record Stored(IntakeResult Result, QueryRow? Row);

    sealed class KeyClaimedMeanwhile : Exception;
}

internal abstract record IntakeResult
{
    public sealed record Created(QueryReceipt Receipt) : IntakeResult;

    public sealed record Replayed(QueryReceipt Receipt) : IntakeResult;

    public sealed record KeyReused : IntakeResult;
}
