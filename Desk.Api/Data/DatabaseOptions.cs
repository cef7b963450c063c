using System.ComponentModel.DataAnnotations;

namespace Desk.Api.Data;

internal sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary>"sqlite" (embedded, the default), "postgres" or "sqlserver"; see <see cref="ISqlDialect"/>.</summary>
    [Required, AllowedValues("sqlite", "postgres", "sqlserver")]
    public string Provider { get; set; } = "sqlite";

    [Required]
    public string ConnectionString { get; set; } = "Data Source=data/desk.db";

    /// <summary>The most writes (intakes, SLA timer passes) <see cref="GroupCommit"/> stores in one transaction.</summary>
    [Range(1, 10_000)]
    public int GroupCommitLimit { get; set; } = 256;

    /// <summary>
    /// How long a starting node waits for its database to answer (<see cref="DatabaseWait"/>) before it gives up: long enough
    /// for a node and a database started together (systemd, compose) to come up in either order.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan StartupWait { get; set; } = TimeSpan.FromSeconds(30);
}
