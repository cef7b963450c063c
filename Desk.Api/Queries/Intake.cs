using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Dapper;
using Desk.Api.Catalog;
using Desk.Api.Contacts;
using Desk.Api.Data;
using Desk.Api.Improvements;
using Desk.Api.Realtime;
using Desk.Api.Routing;
using Desk.Api.Sla;
using Desk.Classifier;
using Microsoft.Extensions.Options;

namespace Desk.Api.Queries;

/// <summary>
/// Where a query enters the desk: classify, route, prioritise, set the agreed time frame, store with its first
/// timeline entry in one transaction, then push it to the agents.
/// </summary>
internal sealed class Intake(
    DeskDb db,
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
            if (TextRules.Problem(request.Contact.DisplayName, "Display name", Limits.NameLength, required: false) is { } name)
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
    /// </summary>
    public async Task<IntakeResult> SubmitAsync(
        SubmitQuery request, string principal, string? keyName, string? idempotencyKey, CancellationToken ct)
    {
        var requestHash = idempotencyKey is null ? null : Hash(request);
        await using var write = await db.BeginWriteAsync(ct);
        var (connection, tx) = (write.Connection, write.Transaction);
        if (idempotencyKey is not null)
        {
            if (await EarlierAsync(connection, tx, principal, idempotencyKey, requestHash!, ct) is { } earlier)
                return earlier;
        }

        var now = clock.GetUtcNow();
        var (row, receipt) = await TakeAsync(tx, request, principal, keyName, null, now, ct);
        if (idempotencyKey is not null)
        {
            var claimed = await connection.ExecuteAsync(new CommandDefinition(db.Dialect.InsertIgnoringConflict("idempotency_keys",
                $"principal, {db.Dialect.Quote("key")}, request_hash, query_id, response, created_at",
                "@principal, @idempotencyKey, @requestHash, @Id, @response, @now",
                $"principal, {db.Dialect.Quote("key")}"),
                new { principal, idempotencyKey, requestHash, row.Id, response = JsonSerializer.Serialize(receipt, JsonSerializerOptions.Web), now },
                tx, cancellationToken: ct));
            if (claimed == 0)
            {
                // The same key from the same caller committed first while this one ran: answer as that one was answered.
                await tx.RollbackAsync(ct);
                return await EarlierAsync(connection, null, principal, idempotencyKey, requestHash!, ct)
                    ?? throw new InvalidOperationException("An idempotency key clashed but the earlier answer cannot be read.");
            }
        }
        await tx.CommitAsync(ct);
        await write.DisposeAsync(); // free the writer gate before pushing
        await notifier.QueryCreatedAsync(row.ToSummary());
        return new IntakeResult.Created(receipt);
    }

    /// <summary>
    /// Takes a valid query inside the caller's transaction (a channel that writes more in it, such as the bot's
    /// conversation and reply); the caller commits, then pushes <see cref="QueryRow.ToSummary"/>.
    /// <paramref name="chosen"/> is a type the user chose, which then decides instead of the classifier.
    /// </summary>
    public async Task<(QueryRow Row, QueryReceipt Receipt)> TakeAsync(
        DbTransaction tx, SubmitQuery request, string principal, string? keyName, QueryType? chosen, DateTimeOffset now, CancellationToken ct)
    {
        var contact = await contacts.FindOrCreateAsync(tx, request.Contact, now, ct);
        var context = new ClassificationContext
        {
            CatalogPick = request.CatalogItem is null ? null : catalog.Value.TypeOf(request.CatalogItem),
            SlaBreached = await queries.HasBreachedOpenQueryAsync(tx, contact.Id, ct),
        };
        var classification = chosen is { } type
            ? new Desk.Classifier.Classification(type, 1.0, [new LabelScore(type, 1.0)], TypeDecider.User, null, "chosen by the user")
            : classifier.Classify(request.Text, context);
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
            Language = Knowledge.KnowledgeText.GuessLanguage(request.Text),
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

    async Task<IntakeResult?> EarlierAsync(
        DbConnection connection, DbTransaction? tx, string principal, string idempotencyKey, string requestHash, CancellationToken ct)
    {
        var earlier = await connection.QuerySingleOrDefaultAsync<(string RequestHash, string Response)?>(new CommandDefinition($"""
            select request_hash, response from idempotency_keys where principal = @principal and {db.Dialect.Quote("key")} = @idempotencyKey
            """, new { principal, idempotencyKey }, tx, cancellationToken: ct));
        if (earlier is not { } seen)
            return null;
        return seen.RequestHash == requestHash
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
        return subject.Length <= 120 ? subject : string.Concat(subject.AsSpan(0, 117), "...");
    }

    // Catalog items are slugs ("new-laptop"); the subject reads them as words.
    static string ItemName(string item)
    {
        var words = item.Trim().Replace('-', ' ').Replace('_', ' ');
        return words.Length == 0 ? words : string.Concat(char.ToUpperInvariant(words[0]).ToString(), words.AsSpan(1));
    }

    static string Hash(SubmitQuery request) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(request, JsonSerializerOptions.Web))));
}

internal abstract record IntakeResult
{
    public sealed record Created(QueryReceipt Receipt) : IntakeResult;

    public sealed record Replayed(QueryReceipt Receipt) : IntakeResult;

    public sealed record KeyReused : IntakeResult;
}
