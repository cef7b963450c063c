using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using Dapper;
using Desk.Api.Contacts;
using Desk.Api.Data;
using Desk.Api.Email;
using Desk.Api.Outbox;
using Desk.Api.Sms;
using Microsoft.Extensions.Options;

namespace Desk.Api.Portal;

/// <summary>An address a code goes to: channel <c>email</c> (lower case) or <c>sms</c> (E.164), as identities store it.</summary>
internal sealed record PortalAddress(string Channel, string Address);

internal enum CodePurpose { SignIn, Identity }

internal abstract record CodeIssue
{
    /// <summary>Sent, good for <paramref name="Life"/>.</summary>
    public sealed record Sent(TimeSpan Life) : CodeIssue;

    public sealed record TooMany(TimeSpan RetryAfter) : CodeIssue;

    public sealed record NoChannel(string Problem) : CodeIssue;

    /// <summary>The desk sends neither e-mail nor SMS: no address would do.</summary>
    public sealed record NoWayToSend : CodeIssue;
}

internal enum CodeCheck { Right, Wrong, Locked }

/// <summary>
/// One-time codes: six digits, sent through the channel plug-in by the outbox, kept only as a salted hash, good once and
/// for <see cref="PortalOptions.CodeLife"/>; <see cref="PortalOptions.MaxWrongTries"/> wrong tries kill a code. A code is
/// sent to any valid address, known or not, so the answer says nothing about who the desk knows. A sign-in code works
/// only in the browser that asked for it (its <see cref="FlowCookie"/>): a stranger who asks codes for someone's address
/// and guesses can neither reach their code nor use up its tries, so cannot lock them out.
/// </summary>
internal sealed class PortalCodes(
    DeskDb db, ContactAddresses addresses, IEnumerable<IDeskChannel> channels, OutboxStore outbox, OutboxSender sender,
    IOptions<PortalOptions> options, TimeProvider clock)
{
    /// <summary>The address in its stored form (an e-mail address, else a phone number), or null with why not.</summary>
    public PortalAddress? Parse(string? raw, out string? problem)
    {
        var channel = raw?.Contains('@') == true ? SmtpEmailChannel.ChannelName : TwilioSmsChannel.ChannelName;
        var address = addresses.Normalise(channel, raw, out problem);
        return address is null ? null : new PortalAddress(channel, address);
    }

    public static string? CodeProblem(string? code) =>
        code is { Length: 6 } && code.All(char.IsAsciiDigit) ? null : "Code must be the six digits that were sent.";

    /// <summary>The cookie that ties a sign-in code to the browser that asked for it.</summary>
    public const string FlowCookie = "desk.portal.flow";

    /// <summary>The hash of this browser's sign-in flow, the cookie set on the response when it has none yet.</summary>
    public string Flow(HttpContext http)
    {
        var flow = http.Request.Cookies[FlowCookie] is { Length: 64 } known && known.All(char.IsAsciiHexDigitLower)
            ? known
            : Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        http.Response.Cookies.Append(FlowCookie, flow, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Secure = http.Request.IsHttps,
            Path = "/api/portal",
            Expires = clock.GetUtcNow() + options.Value.CodeWindow + options.Value.CodeLife,
        });
        return FlowHash(flow);
    }

    /// <summary>The hash of the flow cookie a sign-in request came with; "" without one, which no sign-in code has.</summary>
    public static string FlowOf(HttpContext http) => http.Request.Cookies[FlowCookie] is { Length: 64 } flow ? FlowHash(flow) : "";

    static string FlowHash(string flow) => Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(flow)));

    /// <summary><paramref name="flow"/>: the asking browser's (<see cref="Flow"/>) for a sign-in code; null for an identity's.</summary>
    public async Task<CodeIssue> IssueAsync(PortalAddress to, CodePurpose purpose, long? contactId, string client, string? flow, string language,
        CancellationToken ct)
    {
        if (!channels.Any(c => c.Name is SmtpEmailChannel.ChannelName or TwilioSmsChannel.ChannelName))
            return new CodeIssue.NoWayToSend();
        if (channels.FirstOrDefault(c => c.Name == to.Channel) is not { } channel)
            return new CodeIssue.NoChannel(to.Channel == SmtpEmailChannel.ChannelName
                ? "This desk sends no e-mail; sign in with a phone number."
                : "This desk sends no SMS; sign in with an e-mail address.");
        var o = options.Value;
        var now = clock.GetUtcNow();
        var since = now - o.CodeWindow;
        await using var write = await db.BeginWriteAsync(ct);
        var tx = write.Transaction;
        var counts = await tx.Connection!.QuerySingleAsync<Counts>(new CommandDefinition("""
            select
                (select count(*) from portal_codes where channel = @Channel and address = @Address and created_at > @since and client = @client)
                    as for_address,
                (select count(*) from portal_codes where channel = @Channel and address = @Address and created_at > @since) as for_address_in_all,
                (select count(*) from portal_codes where client = @client and created_at > @since) as for_client
            """, new { to.Channel, to.Address, client, since }, tx, cancellationToken: ct));
        if (counts.ForAddress >= o.CodesPerAddress || counts.ForAddressInAll >= o.CodesPerAddressInAll || counts.ForClient >= o.CodesPerClient)
            return new CodeIssue.TooMany(o.CodeWindow);

        var code = RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
        // Codes from before the window are of no use to anyone: they go with this one's write.
        await tx.Connection!.ExecuteAsync(new CommandDefinition(
            "delete from portal_codes where created_at < @old", new { old = now - o.CodeWindow - o.CodeLife }, tx, cancellationToken: ct));
        await tx.Connection!.ExecuteAsync(new CommandDefinition("""
            insert into portal_codes (purpose, channel, address, code_hash, contact_id, client, flow_hash, created_at, expires_at, wrong_tries)
            values (@purpose, @Channel, @Address, @hash, @contactId, @client, @flow, @now, @expires, 0)
            """, new { purpose = Name(purpose), to.Channel, to.Address, hash = Hash(code), contactId, client, flow, now, expires = now + o.CodeLife },
            tx, cancellationToken: ct));
        var text = purpose == CodePurpose.SignIn ? Message(code, language, o.CodeLife) : LinkMessage(code, language, o.CodeLife);
        var payload = channel.Compose(to.Address, new OutgoingText(text, null, language, Automatic: Automatic.Generated));
        await outbox.EnqueueAsync(tx, new OutboxEntry(channel.Name, to.Address, payload), now, ct);
        await tx.CommitAsync(ct);
        sender.Wake();
        return new CodeIssue.Sent(o.CodeLife);
    }

    /// <summary>
    /// Checks <paramref name="code"/> against the address's live codes (and, for an identity, the contact that asked's),
    /// the newest <see cref="PortalOptions.CodesPerAddress"/>, inside the caller's transaction: a code sent earlier stays
    /// good for its life when another was asked for, since texts and mails arrive late and out of order. The right one
    /// is used up; a wrong code counts a try against every live code it was checked against, so each dies after its
    /// own <see cref="PortalOptions.MaxWrongTries"/> and guessing gains nothing from asking for more codes. The caller
    /// commits either way.
    /// </summary>
    /// <param name="flow">The sign-in's browser (<see cref="FlowOf"/>): only the codes it asked for are checked and counted against.</param>
    public async Task<CodeCheck> CheckAsync(DbTransaction tx, PortalAddress at, CodePurpose purpose, long? contactId, string? flow, string code,
        CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var o = options.Value;
        var connection = tx.Connection!;
        var live = (await connection.QueryAsync<CodeRow>(new CommandDefinition($"""
            select id, code_hash, wrong_tries from portal_codes
            where purpose = @purpose and channel = @Channel and address = @Address and used_at is null and expires_at > @now
              and coalesce(contact_id, 0) = @contact and coalesce(flow_hash, '') = @flow
            order by id desc
            {db.Dialect.Limit("newest")}
            """, new { purpose = Name(purpose), at.Channel, at.Address, now, contact = contactId ?? 0, flow = flow ?? "", newest = o.CodesPerAddress },
            tx, cancellationToken: ct))).AsList();
        if (live.Count == 0)
            return CodeCheck.Wrong;
        var open = live.Where(c => c.WrongTries < o.MaxWrongTries).ToList();
        if (open.Count == 0)
            return CodeCheck.Locked;
        if (open.FirstOrDefault(c => Matches(c.CodeHash, code)) is not { } right)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                $"update portal_codes set wrong_tries = wrong_tries + 1 where {db.Dialect.InList("id", "ids")}",
                new { ids = open.Select(c => c.Id).ToArray() }, tx, cancellationToken: ct));
            return CodeCheck.Wrong;
        }
        // Only one of two requests racing with the right code uses it.
        return await connection.ExecuteAsync(new CommandDefinition(
            "update portal_codes set used_at = @now where id = @Id and used_at is null", new { now, right.Id }, tx, cancellationToken: ct)) == 1
            ? CodeCheck.Right
            : CodeCheck.Wrong;
    }

    sealed class Counts
    {
        public long ForAddress { get; init; }
        public long ForAddressInAll { get; init; }
        public long ForClient { get; init; }
    }

    sealed class CodeRow
    {
        public long Id { get; init; }
        public string CodeHash { get; init; } = "";
        public int WrongTries { get; init; }
    }

    static string Name(CodePurpose purpose) => purpose == CodePurpose.SignIn ? "sign_in" : "identity";

    // Six digits are few: the salt keeps one table of all million hashes from reading every row at once.
    static string Hash(string code)
    {
        var salt = RandomNumberGenerator.GetBytes(16);
        return $"{Convert.ToBase64String(salt)}:{Convert.ToHexStringLower(HMACSHA256.HashData(salt, Encoding.ASCII.GetBytes(code)))}";
    }

    static bool Matches(string stored, string code)
    {
        var parts = stored.Split(':');
        var expected = Convert.FromHexString(parts[1]);
        return CryptographicOperations.FixedTimeEquals(expected, HMACSHA256.HashData(Convert.FromBase64String(parts[0]), Encoding.ASCII.GetBytes(code)));
    }

    // A link code must not read like a sign-in code: whoever gets its owner to read it out links the address to their
    // own account, and sees the queries that come from it.
    static string LinkMessage(string code, string language, TimeSpan life) => language == "zh"
        ? $"您的验证码是 {code}，用于将此地址关联到一个服务台账户，{life.TotalMinutes:0} 分钟内有效，仅可使用一次。关联后，该账户可以查看来自此地址的问题。请勿把验证码告诉任何人；如非本人操作，请忽略本消息。"
        : $"Your code to link this address to a service desk account is {code}. It works once, within {life.TotalMinutes:0} minutes. The account it is linked to sees the queries from this address: never give this code to anyone. If you did not ask to link it, ignore this message.";

    static string Message(string code, string language, TimeSpan life) => language == "zh"
        ? $"您的服务台验证码是 {code}，{life.TotalMinutes:0} 分钟内有效，仅可使用一次。如非本人操作，请忽略本消息。"
        : $"Your service desk code is {code}. It works once, within {life.TotalMinutes:0} minutes. If you did not ask for it, ignore this message.";
}
