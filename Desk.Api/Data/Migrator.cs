using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using Dapper;

namespace Desk.Api.Data;

/// <summary>
/// Applies database/&lt;engine&gt;/NNNN_*.sql in order, each in its own transaction under the engine's migration lock,
/// and records what ran with a checksum: a script changed after it was applied stops the start-up.
/// DbUp does neither the lock nor the check.
/// </summary>
internal sealed partial class Migrator(DeskDb db, ILogger<Migrator> logger)
{
    /// <summary>
    /// A line that once pulled a dependency's own DDL from its assembly: Quartz's job store, in 0002. Quartz is gone and
    /// 0009 drops its tables, so such a script now runs nothing. A new database records it as applied (the file, and so
    /// its checksum, is unchanged); one that ran it under Quartz finds it applied as before.
    /// </summary>
    const string RetiredEmbeddedDirective = "-- migrator: embedded ";

    public static string Folder(string engine) => Path.Combine(AppContext.BaseDirectory, "database", engine);

    public async Task<IReadOnlyList<string>> MigrateAsync(CancellationToken ct)
    {
        db.Dialect.PrepareDatabase(db.ConnectionString);
        await using var connection = await db.OpenAsync(ct);
        await using (var creating = await connection.BeginTransactionAsync(ct))
        {
            // Under the lock too: two engines' "create table if not exists" at once can still clash.
            await LockAsync(connection, creating, ct);
            await connection.ExecuteAsync(new CommandDefinition(db.Dialect.MigrationsTable, transaction: creating, cancellationToken: ct));
            await creating.CommitAsync(ct);
        }

        var ran = new List<string>();
        foreach (var file in Directory.GetFiles(Folder(db.Dialect.Name), "*.sql").Order(StringComparer.Ordinal))
        {
            var id = Path.GetFileNameWithoutExtension(file);
            var script = await File.ReadAllTextAsync(file, ct);
            var checksum = Checksum(script);
            await using var transaction = await connection.BeginTransactionAsync(ct);
            await LockAsync(connection, transaction, ct);
            // Read under the lock: another node may have applied it while this one waited.
            var applied = await connection.QuerySingleOrDefaultAsync<string>(new CommandDefinition(
                "select checksum from schema_migrations where id = @id", new { id }, transaction, cancellationToken: ct));
            if (applied is not null)
            {
                if (applied != checksum)
                    throw new InvalidOperationException(
                        $"Migration {id} was changed after it was applied to this database (checksum {applied[..12]}…, the file now " +
                        $"{checksum[..12]}…). Applied migrations are never edited: put the change in a new script.");
                continue;
            }
            foreach (var statement in Statements(script))
            {
                await connection.ExecuteAsync(new CommandDefinition(statement, transaction: transaction, cancellationToken: ct));
            }
            await connection.ExecuteAsync(new CommandDefinition(
                "insert into schema_migrations (id, checksum, applied_at) values (@id, @checksum, @now)",
                new { id, checksum, now = DateTimeOffset.UtcNow }, transaction, cancellationToken: ct));
            await transaction.CommitAsync(ct);
            LogApplied(id);
            ran.Add(id);
        }
        return ran;
    }

    Task LockAsync(DbConnection connection, DbTransaction transaction, CancellationToken ct) =>
        db.Dialect.MigrationLock is { } take
            ? connection.ExecuteAsync(new CommandDefinition(take, transaction: transaction, cancellationToken: ct))
            : Task.CompletedTask;

    internal static IEnumerable<string> Statements(string script) =>
        script.Split('\n').Any(line => line.Trim().StartsWith(RetiredEmbeddedDirective, StringComparison.Ordinal)) ? [] : [script];

    static string Checksum(string script) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(script)));

    [LoggerMessage(Level = LogLevel.Information, Message = "Applied migration {Migration}")]
    partial void LogApplied(string migration);
}
