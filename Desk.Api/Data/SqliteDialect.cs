using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Desk.Api.Data;

internal sealed class SqliteDialect : ISqlDialect
{
    public string Name => "sqlite";

    public string QuartzProvider => "SQLite-Microsoft";

    // One file, one host: Quartz's row locks cannot work across processes on SQLite.
    public bool SupportsClustering => false;

    public bool SingleWriter => true;

    public DbConnection CreateConnection(string connectionString) => new SqliteConnection(connectionString);

    // WAL lets readers run beside the one writer; NORMAL is durable across application crashes in WAL mode.
    public string OnOpen => "pragma synchronous = normal; pragma foreign_keys = on;";

    public bool IsUniqueViolation(DbException exception) =>
        exception is SqliteException { SqliteErrorCode: 19 } e && e.Message.Contains("UNIQUE", StringComparison.Ordinal);

    /// <summary>Makes the file's folder and turns on WAL, which is a property of the file and sticks.</summary>
    public void PrepareDatabase(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (builder.DataSource is not (":memory:" or "") && Path.GetDirectoryName(Path.GetFullPath(builder.DataSource)) is { } folder)
        {
            Directory.CreateDirectory(folder);
        }
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "pragma journal_mode = wal;";
        command.ExecuteNonQuery();
    }
}
