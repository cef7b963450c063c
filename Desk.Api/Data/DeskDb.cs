using System.Data.Common;
using Dapper;
using Microsoft.Extensions.Options;

namespace Desk.Api.Data;

/// <summary>Opens connections to the desk's database: one per operation, closed when it ends.</summary>
internal sealed class DeskDb(ISqlDialect dialect, IOptions<DatabaseOptions> options)
{
    public ISqlDialect Dialect => dialect;

    public string ConnectionString { get; } = options.Value.ConnectionString;

    public async Task<DbConnection> OpenAsync(CancellationToken ct)
    {
        var connection = dialect.CreateConnection(ConnectionString);
        await connection.OpenAsync(ct);
        if (dialect.OnOpen is { } setup)
        {
            await connection.ExecuteAsync(new CommandDefinition(setup, cancellationToken: ct));
        }
        return connection;
    }
}
