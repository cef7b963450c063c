using Desk.Api.Queries;
using Desk.Bot;

namespace Desk.Api.BotChannel;

/// <summary>The desk as Desk.Bot sees it: a chat message becomes a query through the same intake as every channel.</summary>
internal sealed class DeskForBot(Intake intake) : IBotDesk
{
    public async Task<BotReceipt> SubmitAsync(BotQuery query, CancellationToken ct)
    {
        var channel = query.ChannelId.ToLowerInvariant();
        var request = new SubmitQuery(query.Text, "chat",
            new ContactIdentity(Channels.IsIdentityChannel(channel) ? channel : "bot", query.UserId, query.UserName));
        if (intake.Validate(request) is { Count: > 0 } errors)
            throw new BadHttpRequestException(string.Join(" ", errors.SelectMany(e => e.Value)));
        // A redelivered activity carries the same id: it must not become a second query.
        var key = $"{channel}:{query.ConversationId}:{query.ActivityId}";
        var receipt = await intake.SubmitAsync(request, "bot", key, ct) switch
        {
            IntakeResult.Created(var r) => r,
            IntakeResult.Replayed(var r) => r,
            var other => throw new InvalidOperationException($"Intake refused a bot activity: {other}"),
        };
        return new BotReceipt(receipt.Reference, receipt.Type, receipt.Priority, receipt.Queue, receipt.FirstResponseDue, receipt.ResolutionDue);
    }
}
