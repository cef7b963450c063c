using Dapper;
using Desk.Api.Data;
using Desk.Api.Identity;
using Desk.Api.Queries;
using Desk.Api.Routing;
using Microsoft.Extensions.Options;

namespace Desk.Api.Demo;

/// <summary>
/// Seeds the documented demo accounts and, into an empty desk, a few hundred queries across types, channels and
/// SLA states: some fresh, some worked on, some resolved, some past their deadlines (the sweep records those).
/// </summary>
internal sealed partial class DemoSeeder(
    IOptions<DemoOptions> options, StaffStore staff, AgentProfiles profiles, Intake intake, Casework casework, DeskDb db, TimeProvider clock,
    ILogger<DemoSeeder> logger)
{
    public static readonly (string Username, string DisplayName, string Role, string Password)[] Accounts =
    [
        ("agent", "Alex Agent", Roles.Agent, "agent-pass-1"),
        ("agent2", "Bo Li", Roles.Agent, "agent2-pass-1"),
        ("supervisor", "Sam Supervisor", Roles.Supervisor, "supervisor-pass-1"),
        ("admin", "Ada Admin", Roles.Admin, "admin-pass-1"),
    ];

    public async Task SeedAccountsAsync(CancellationToken ct)
    {
        if (!options.Value.Enabled)
            return;
        foreach (var (username, displayName, role, password) in Accounts)
        {
            // Bo Li answers in Chinese too, so a Chinese chat in the demo finds someone; set once, a supervisor may change it.
            if (await staff.AddAsync(username, displayName, role, password, ct) && username == "agent2")
                await profiles.SetRoutingAsync(username, ["en", "zh"], null, "demo", ct);
        }
    }

    public async Task SeedQueriesAsync(CancellationToken ct)
    {
        if (!options.Value.Enabled || options.Value.Queries == 0)
            return;
        // Nodes starting together on an empty database would each find it empty and each seed. The engine's start-up lock
        // (the migrations') is held until the seeding ends: a second node waits, then finds the queries and seeds none.
        // SQLite has no such lock, and needs none: one file serves one node.
        await using var connection = await db.OpenAsync(ct);
        var startupLock = db.Dialect.MigrationLock;
        await using var held = startupLock is null ? null : await connection.BeginTransactionAsync(ct);
        if (startupLock is not null)
            await connection.ExecuteAsync(new CommandDefinition(startupLock, transaction: held, cancellationToken: ct));
        if (await connection.ExecuteScalarAsync<bool>(new CommandDefinition(db.Dialect.Exists("select 1 from queries"), transaction: held, cancellationToken: ct)))
            return;
        var random = new Random(20261123);
        var now = clock.GetUtcNow();
        for (var i = 0; i < options.Value.Queries; i++)
        {
            var (text, channel) = DemoQueries.Texts[i % DemoQueries.Texts.Length];
            var person = DemoQueries.People[random.Next(DemoQueries.People.Length)];
            var identity = channel switch
            {
                "email" or "portal" or "web" => new ContactIdentity("email", person.Email, person.Name),
                "sms" or "phone" => new ContactIdentity("sms", person.Phone, person.Name),
                _ => new ContactIdentity("msteams", person.Email, person.Name),
            };
            if (await intake.SubmitAsync(new SubmitQuery(text, channel, identity), "demo", null, null, ct) is not IntakeResult.Created(var receipt))
                continue;
            // Mostly recent, some a day old, a few older: the board shows every SLA state, mostly on track.
            var spread = random.NextDouble();
            var age = TimeSpan.FromMinutes(spread < 0.6 ? random.Next(1, 180) : spread < 0.85 ? random.Next(180, 1_440) : random.Next(1_440, 10_080));
            await BackdateAsync(receipt.Reference, age, ct);
            await WorkOnAsync(receipt.Reference, random, ct);
        }
        if (held is not null)
            await held.CommitAsync(ct);
        LogSeeded(options.Value.Queries, now);
    }

    async Task BackdateAsync(string reference, TimeSpan age, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var row = await connection.QuerySingleAsync<Queries.QueryRow>(new CommandDefinition(
            "select id, created_at, first_response_due, resolution_due, sla_next_due, sla_due from queries where reference = @reference",
            new { reference }, cancellationToken: ct));
        await connection.ExecuteAsync(new CommandDefinition("""
            update queries set created_at = @created, updated_at = @created, first_response_due = @firstResponse, resolution_due = @resolution,
                sla_next_due = @next, sla_due = @due
            where id = @Id;
            update timeline_entries set created_at = @created where query_id = @Id;
            """, new
            {
                row.Id, created = row.CreatedAt - age, firstResponse = row.FirstResponseDue - age, resolution = row.ResolutionDue - age,
                next = row.SlaNextDue - age, due = row.SlaDue - age,
            },
            cancellationToken: ct));
    }

    async Task WorkOnAsync(string reference, Random random, CancellationToken ct)
    {
        var roll = random.NextDouble();
        if (roll < 0.45)
            return;
        var agent = Caller.Desk(random.Next(2) == 0 ? "agent" : "agent2");
        // An agent who does not work the query's queue cannot be given it: that query stays new.
        if (await casework.ChangeAsync(reference, new QueryPatch(QueryStatus.InProgress, agent.Name, null, null, null), agent, null, ct) is not CaseResult.Changed)
            return;
        await casework.WriteAsync(reference, new PostMessage(DemoQueries.Replies[random.Next(DemoQueries.Replies.Length)]), agent, ct);
        if (roll < 0.65)
            return;
        if (roll < 0.75)
        {
            await casework.ChangeAsync(reference, new QueryPatch(QueryStatus.WaitingForUser, null, null, null, "Asked the user for details."), agent, null, ct);
            return;
        }
        await casework.ChangeAsync(reference, new QueryPatch(QueryStatus.Resolved, null, null, null, "Fixed and confirmed."), agent, null, ct);
        if (roll > 0.9)
            await casework.ChangeAsync(reference, new QueryPatch(QueryStatus.Closed, null, null, null, null), agent, null, ct);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo data: seeded {Count} queries (desk time {Now})")]
    partial void LogSeeded(int count, DateTimeOffset now);
}
