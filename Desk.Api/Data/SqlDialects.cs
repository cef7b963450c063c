namespace Desk.Api.Data;

/// <summary>The one place that turns Database:Provider into the engine's dialect.</summary>
internal static class SqlDialects
{
    public static ISqlDialect For(string provider) => provider switch
    {
        "sqlite" => new SqliteDialect(),
        "postgres" => new PostgresDialect(),
        "sqlserver" => new SqlServerDialect(),
        _ => throw new InvalidOperationException($"Database:Provider '{provider}' is not supported; use sqlite, postgres or sqlserver."),
    };
}
