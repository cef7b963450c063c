using System.Security.Claims;
using Desk.Api.Identity;
using Desk.Api.Queries;
using Desk.Bot;

namespace Desk.Api.BotChannel;

/// <summary>The desk as Desk.Bot sees it: a chat message becomes a query through the same intake as every channel.</summary>
internal sealed class DeskForBot(Intake intake, IHttpContextAccessor http) : IBotDesk
{
    // Intake's field names, as the activity names them, so a refusal points at what the channel sent.
    static readonly Dictionary<string, string> ActivityFields = new()
    {
        ["text"] = "text",
        ["contact.channel"] = "channelId",
        ["contact.address"] = "from.id",
        ["contact.displayName"] = "from.name",
    };

    const int IdLength = 256;
    const int ConversationIdLength = 1_024;

    public async Task<BotOutcome> SubmitAsync(BotQuery query, string caller, CancellationToken ct)
    {
        var channel = query.ChannelId.ToLowerInvariant();
        var request = new SubmitQuery(query.Text, "chat",
            new ContactIdentity(Channels.IsIdentityChannel(channel) ? channel : "bot", query.UserId, query.UserName));
        var errors = intake.Validate(request).ToDictionary(e => ActivityFields.GetValueOrDefault(e.Key, e.Key), e => e.Value);
        if (TextRules.Problem(query.ActivityId, "The activity id", IdLength) is { } id)
            errors["id"] = [id];
        if (TextRules.Problem(query.ConversationId, "The conversation id", ConversationIdLength) is { } conversation)
            errors["conversation.id"] = [conversation];
        if (errors.Count > 0)
            return new BotOutcome.Invalid(errors);
        // A redelivered activity carries the same id: it must not become a second query. Each caller's ids are its own.
        var key = $"{channel}:{query.ConversationId}:{query.ActivityId}";
        var keyName = http.HttpContext?.User.FindFirstValue(ApiKeyAuthentication.KeyNameClaim);
        return await intake.SubmitAsync(request, caller, keyName, key, ct) switch
        {
            IntakeResult.Created(var receipt) => Taken(receipt),
            IntakeResult.Replayed(var receipt) => Taken(receipt),
            _ => new BotOutcome.KeyReused(),
        };
    }

    static BotOutcome.Taken Taken(QueryReceipt r) =>
        new(new BotReceipt(r.Reference, r.Type, r.Priority, r.Queue, r.FirstResponseDue, r.ResolutionDue));
}
