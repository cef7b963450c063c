// The ceiling for the intake benchmark: bare Kestrel, one POST that reads the same JSON body the desk reads and
// answers a receipt of the same shape with 201, with no auth, storage or classifier in between.
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
var app = builder.Build();

var number = 0L;
app.MapPost("/api/queries", (SubmittedQuery query) =>
{
    var reference = $"INC-{Interlocked.Increment(ref number)}";
    var now = DateTimeOffset.UtcNow;
    return TypedResults.Created($"/api/queries/{reference}", new Receipt(
        reference, "incident", 0.5, "model", "P3", "incident-management", "new", now.AddHours(4), now.AddDays(3), query.Text.Length));
});

app.Run();

internal sealed record Contact(string Channel, string Address, string? DisplayName);

internal sealed record SubmittedQuery(string Text, string Channel, Contact Contact, string? CatalogItem, string? Impact, string? Urgency);

internal sealed record Receipt(
    string Reference, string Type, double Confidence, string DecidedBy, string Priority, string Queue, string Status,
    DateTimeOffset FirstResponseDue, DateTimeOffset ResolutionDue, int TextLength);
