namespace Desk.Api.Outbox;

/// <summary>
/// A way to reach users, as a plug-in: the desk's core writes what a user should get to the outbox, in the
/// transaction of the change that caused it, and the <see cref="OutboxSender"/> hands it to the channel named on the
/// message. Inbound, a channel maps its own endpoint (Bot Framework: <c>/api/messages</c>) and feeds the desk from there.
/// </summary>
internal interface IDeskChannel
{
    /// <summary>The name written on outbox messages, e.g. <c>botframework</c>.</summary>
    string Name { get; }

    /// <summary>What the channel can do, so the core knows what it may offer the user there.</summary>
    ChannelFeatures Features { get; }

    /// <summary>What to send for a person's message (an agent's reply) to an address this channel gave the desk.</summary>
    string Compose(string address, OutgoingText text);

    /// <summary>When the channel sends only part of the text (an SMS past its most segments), how much: null when it goes whole.</summary>
    ChannelCut? CutOf(OutgoingText text) => null;

    /// <summary>Sends one message; says whether it arrived, may be tried again, or must not be.</summary>
    Task<DeliveryResult> SendAsync(OutboxMessage message, CancellationToken ct);
}

/// <summary>A text a channel cuts: the parts it would take whole, the parts sent, and whether the user gets a link to the rest.</summary>
internal sealed record ChannelCut(int Parts, int Sent, bool Linked);

[Flags]
internal enum ChannelFeatures
{
    None = 0,
    /// <summary>The desk may write first, at any time (not only in answer to the user).</summary>
    Proactive = 1,
    /// <summary>Buttons the user can tap instead of typing.</summary>
    SuggestedActions = 2,
    /// <summary>A conversation the user sees as one thread.</summary>
    Threads = 4,
    /// <summary>A score the user sends back answers the survey asked on this channel (SMS: <c>Sms/SmsSurveyAnswers</c>).</summary>
    ScoreReplies = 8,
}

/// <summary>
/// Words to a user, who wrote them, and whether the desk sent them on its own (an acknowledgement, a survey, a code): a
/// channel that can say so (e-mail's Auto-Submitted) does, so the user's auto-responder stays quiet.
/// </summary>
internal sealed record OutgoingText(string Text, string? SenderName, string Language, Automatic Automatic = Automatic.No);

/// <summary>RFC 3834's kinds: a person wrote it, a machine answered the user's message, or a machine wrote on its own.</summary>
internal enum Automatic { No, Replied, Generated }

/// <summary>One outbox message as the sender hands it to its channel.</summary>
internal sealed record OutboxMessage(long Id, string MessageId, string Channel, string Address, string Payload, int Attempts);

internal abstract record DeliveryResult
{
    DeliveryResult()
    {
    }

    /// <summary>The channel took it.</summary>
    public sealed record Delivered : DeliveryResult;

    /// <summary>It did not arrive and may be tried again (the connector was down, busy or refused the token).</summary>
    public sealed record Retry(string Reason, TimeSpan? After = null) : DeliveryResult;

    /// <summary>It did not arrive and never will (the channel refused the message itself).</summary>
    public sealed record Failed(string Reason) : DeliveryResult;

    /// <summary>It may or may not have arrived (no answer in time): not sent again, so the user never gets it twice.</summary>
    public sealed record Unknown(string Reason) : DeliveryResult;
}
