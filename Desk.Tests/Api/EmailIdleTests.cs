using Dapper;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Desk.Tests.Api;

/// <summary>
/// The desk watching its IMAP folders by itself, against the real Dovecot: one folder where the server's IDLE tells the
/// desk of new mail, one polled because its settings say not to idle. The poll interval is an hour of the test clock,
/// which only the polling test moves, so mail reaching the idling folder's desk can only have come through IDLE.
/// </summary>
public sealed class EmailIdleTests(EmailIdleTests.WatchingDesk desk) : IClassFixture<EmailIdleTests.WatchingDesk>
{
    static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task WithIdle_MailIsTakenAsItArrives_ThoughNoPollIsDueForAnHour()
    {
        // The first may be taken by the round the desk reads at start; by the time it is a query, the desk idles.
        var first = await desk.DeliverAsync(desk.IdleFolder, "lin", "Projector in room 4 is blank");
        await desk.QueryOfAsync(first, advancing: null);

        var second = await desk.DeliverAsync(desk.IdleFolder, "lin", "The projector in room 5 is blank too");

        Assert.StartsWith("The projector in room 5 is blank too", await desk.QueryTextAsync(await desk.QueryOfAsync(second, advancing: null)));
    }

    [Fact]
    public async Task WhenTheIdlingConnectionDrops_TheDeskConnectsAgain_AndTakesWhatCameMeanwhile()
    {
        var first = await desk.DeliverAsync(desk.IdleFolder, "max", "Badge reader at the north door");
        await desk.QueryOfAsync(first, advancing: null);

        (await desk.ServersAsync()).DropConnections();
        var meanwhile = await desk.DeliverAsync(desk.IdleFolder, "max", "Badge reader at the south door");

        // The desk waits a second, then two, ... before connecting again: the test clock moves a second at a time.
        Assert.StartsWith("Badge reader at the south door",
            await desk.QueryTextAsync(await desk.QueryOfAsync(meanwhile, advancing: TimeSpan.FromSeconds(1))));
    }

    [Fact]
    public async Task WithoutIdle_TheFolderIsPolledEveryInterval()
    {
        var id = await desk.DeliverAsync(desk.PollFolder, "ned", "Docking station drops the screen");

        Assert.StartsWith("Docking station drops the screen", await desk.QueryTextAsync(await desk.QueryOfAsync(id, advancing: WatchingDesk.PollInterval)));
    }

    [Theory]
    [InlineData("Email:Mailboxes:1:Folder", "Support", "Email:Mailboxes:1:Host")]
    [InlineData("Email:Mailboxes:0:PollInterval", "02:00:00", "Email:Mailboxes:0:PollInterval")]
    [InlineData("Email:Imap:Password", "", "Email:Imap:Password")]
    public void AMailboxMissingASetting_StopsTheDeskAtStartUp(string key, string value, string named)
    {
        using var broken = desk.WithWebHostBuilder(b => b.UseSetting(key, value));

        var error = Assert.Throws<OptionsValidationException>(() => broken.CreateClient());

        Assert.Contains(named, error.Message);
    }

    /// <summary>A desk watching two folders of the test Dovecot: <see cref="IdleFolder"/> as Email:Imap, <see cref="PollFolder"/> as Email:Mailboxes:0 without IDLE.</summary>
    public sealed class WatchingDesk : DeskApplication
    {
        internal static readonly TimeSpan PollInterval = TimeSpan.FromHours(1);
        static int next = Random.Shared.Next(1000, 9000);

        readonly MailServers servers = MailServers.SharedAsync().GetAwaiter().GetResult();

        public WatchingDesk()
        {
            IdleFolder = servers.NewFolderAsync("idle").GetAwaiter().GetResult();
            PollFolder = servers.NewFolderAsync("poll").GetAwaiter().GetResult();
        }

        internal string IdleFolder { get; }

        internal string PollFolder { get; }

        internal Task<MailServers> ServersAsync() => Task.FromResult(servers);

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            EmailTests.MailDesk.UseServers(builder, servers);
            EmailTests.MailDesk.UseMailbox(builder, servers, "Email:Imap", IdleFolder);
            builder.UseSetting("Email:Imap:PollInterval", PollInterval.ToString());
            EmailTests.MailDesk.UseMailbox(builder, servers, "Email:Mailboxes:0", PollFolder);
            builder.UseSetting("Email:Mailboxes:0:PollInterval", PollInterval.ToString());
            builder.UseSetting("Email:Mailboxes:0:UseIdle", "false");
        }

        /// <summary>Starts the desk (and so its watching) if it has not started, then puts a new user's mail into <paramref name="folder"/>.</summary>
        internal async Task<string> DeliverAsync(string folder, string name, string subject)
        {
            _ = Services;
            var id = $"{Guid.NewGuid():n}@client.example.org";
            var mail = new MimeMessage { MessageId = id, Subject = subject, Body = new TextPart("plain") { Text = "Since this morning." } };
            mail.From.Add(new MailboxAddress(name, $"{name}.{Interlocked.Increment(ref next)}@example.org"));
            mail.To.Add(MailboxAddress.Parse(EmailTests.MailDesk.DeskAddress));
            await servers.AppendAsync(folder, mail);
            return id;
        }

        /// <summary>Waits for the query the mail became, moving the test clock by <paramref name="advancing"/> while it waits, if given.</summary>
        internal async Task<string> QueryOfAsync(string messageId, TimeSpan? advancing)
        {
            for (var until = DateTime.UtcNow + Deadline; DateTime.UtcNow < until; await Task.Delay(100))
            {
                await using (var db = await OpenDbAsync())
                {
                    if (await db.ExecuteScalarAsync<string?>("""
                        select q.reference from email_messages m join queries q on q.id = m.query_id where m.message_id = @messageId
                        """, new { messageId }) is { } reference)
                        return reference;
                }
                if (advancing is { } step)
                    Clock.Advance(step);
            }
            throw new Xunit.Sdk.XunitException($"The desk did not take mail {messageId} within {Deadline.TotalSeconds} s.");
        }

        internal async Task<string> QueryTextAsync(string reference)
        {
            await using var db = await OpenDbAsync();
            return await db.ExecuteScalarAsync<string>("select text from queries where reference = @reference", new { reference }) ?? "";
        }
    }
}
