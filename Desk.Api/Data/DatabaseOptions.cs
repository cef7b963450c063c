using System.ComponentModel.DataAnnotations;

namespace Desk.Api.Data;

internal sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary>Only "sqlite" for now; PostgreSQL and SQL Server follow behind <see cref="ISqlDialect"/>.</summary>
    [Required, AllowedValues("sqlite")]
    public string Provider { get; set; } = "sqlite";

    [Required]
    public string ConnectionString { get; set; } = "Data Source=data/desk.db";
}
