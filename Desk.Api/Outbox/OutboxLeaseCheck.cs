using Desk.Bot;
using Microsoft.Extensions.Options;

namespace Desk.Api.Outbox;

/// <summary>
/// A send may take up to <c>Bot:ReplyTimeout</c>; a lease no longer than that would let a sender mark its own message
/// in flight as unknown. Refused at start-up.
/// </summary>
internal sealed class OutboxLeaseCheck(IOptions<BotOptions> bot) : IValidateOptions<OutboxOptions>
{
    public ValidateOptionsResult Validate(string? name, OutboxOptions options) =>
        options.Lease > bot.Value.ReplyTimeout
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"Outbox:Lease ({options.Lease}) must be longer than Bot:ReplyTimeout ({bot.Value.ReplyTimeout}).");
}
