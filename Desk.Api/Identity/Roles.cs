namespace Desk.Api.Identity;

internal static class Roles
{
    public const string Agent = "agent";
    public const string Supervisor = "supervisor";
    public const string Admin = "admin";

    public static readonly string[] All = [Agent, Supervisor, Admin];
}

/// <summary>What an API key may do. Staff roles imply the scopes their work needs.</summary>
internal static class Scopes
{
    public const string ClaimType = "scope";

    /// <summary>Submit queries and add the user's messages to them (channels, portal backends).</summary>
    public const string Intake = "intake";

    /// <summary>Read queries and timelines (reporting, integrations).</summary>
    public const string QueriesRead = "queries:read";

    /// <summary>Deliver Bot Framework activities to /api/messages.</summary>
    public const string Bot = "bot";

    /// <summary>Read the desk's metrics (the Prometheus scrape endpoint, when it is on).</summary>
    public const string MetricsRead = "metrics:read";

    public static readonly string[] All = [Intake, QueriesRead, Bot, MetricsRead];
}

internal static class Policies
{
    public const string Staff = "staff";
    public const string Supervisor = "supervisor";
    public const string Admin = "admin";
    public const string Intake = "intake";
    public const string ReadQueries = "read-queries";
    public const string Bot = "bot";
    public const string Metrics = "metrics";
}
