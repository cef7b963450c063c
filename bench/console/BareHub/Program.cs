using Microsoft.AspNetCore.SignalR;

// The bare hub beside the desk in bench/console: Kestrel and SignalR alone, no auth, storage, classifier or routing.
// Same hub path, same join methods and groups, same push (QueryCreated with a QuerySummary-shaped payload to the
// query's queue and the supervisors), so that the same load client measures both.
// BATCH_MS=n (an experiment, not the desk's protocol): pushes are coalesced every n ms into one QueriesCreated message
// (an array) to every console, agents sharing one group: what batching would buy a hub with the same consoles.
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.Services.AddSignalR();
var app = builder.Build();

string[] queues = ["service-desk", "incident-management", "request-fulfilment", "access-management", "change-enablement"];
var number = 0L;
var pending = new System.Collections.Concurrent.ConcurrentQueue<QuerySummary>();
if (BareDeskHub.BatchMs > 0)
    _ = Task.Run(async () =>
    {
        var hub = app.Services.GetRequiredService<IHubContext<BareDeskHub>>();
        var batch = new List<QuerySummary>();
        while (true)
        {
            await Task.Delay(BareDeskHub.BatchMs);
            batch.Clear();
            while (pending.TryDequeue(out var query)) batch.Add(query);
            if (batch.Count > 0)
                await hub.Clients.Groups("view:all", "supervisors").SendAsync("QueriesCreated", batch.ToArray());
        }
    });

app.MapGet("/api/queues", () => queues.Select(queue => new { queue, practice = queue, open = 0 }));
app.MapPost("/api/queries", async (SubmittedQuery query, IHubContext<BareDeskHub> hub) =>
{
    var n = Interlocked.Increment(ref number);
    var now = DateTimeOffset.UtcNow;
    var queue = queues[n % queues.Length];
    var subject = query.Text.Split('\n')[0].Trim();
    var summary = new QuerySummary($"INC-{n}", "incident", queue, "new", "P3", query.Channel, subject[..Math.Min(subject.Length, 120)],
        n, query.Contact.Address, null, now, now, now.AddHours(4), now.AddDays(3), null, null, "ok", 0.5, "model", 1);
    if (BareDeskHub.BatchMs > 0)
        pending.Enqueue(summary);
    else
        await hub.Clients.Groups($"queue:{queue}", "supervisors").SendAsync("QueryCreated", summary);
    return TypedResults.Created($"/api/queries/{summary.Reference}", new { reference = summary.Reference, queue });
});
app.MapHub<BareDeskHub>("/hubs/desk");
app.Run();

/// <summary>As the desk's hub: a supervisor's connection leaves its queue groups, so that each push reaches it once.</summary>
internal sealed class BareDeskHub : Hub
{
    public static readonly int BatchMs = int.TryParse(Environment.GetEnvironmentVariable("BATCH_MS"), out var ms) ? ms : 0;

    public Task JoinQueue(string queue)
    {
        Queues().Add(queue);
        if (BatchMs > 0 && !Context.Items.ContainsKey("supervising"))
            return Groups.AddToGroupAsync(Context.ConnectionId, "view:all"); // one message per window, not one per queue
        return Context.Items.ContainsKey("supervising") ? Task.CompletedTask : Groups.AddToGroupAsync(Context.ConnectionId, $"queue:{queue}");
    }

    public async Task JoinSupervisors()
    {
        Context.Items["supervising"] = true;
        await Groups.AddToGroupAsync(Context.ConnectionId, "supervisors");
        await Groups.RemoveFromGroupAsync(Context.ConnectionId, "view:all");
        foreach (var queue in Queues())
            await Groups.RemoveFromGroupAsync(Context.ConnectionId, $"queue:{queue}");
    }

    HashSet<string> Queues() =>
        Context.Items.TryGetValue("queues", out var joined) ? (HashSet<string>)joined! : (HashSet<string>)(Context.Items["queues"] = new HashSet<string>());
}

internal sealed record Contact(string Channel, string Address, string? DisplayName);

internal sealed record SubmittedQuery(string Text, string Channel, Contact Contact);

internal sealed record QuerySummary(
    string Reference, string Type, string Queue, string Status, string Priority, string Channel, string Subject, long ContactId,
    string ContactName, string? Assignee, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, DateTimeOffset FirstResponseDue,
    DateTimeOffset ResolutionDue, DateTimeOffset? FirstRespondedAt, DateTimeOffset? ResolvedAt, string SlaState, double Confidence,
    string DecidedBy, long Version, DateTimeOffset? NextResponseDue = null, bool SlaPaused = false);
