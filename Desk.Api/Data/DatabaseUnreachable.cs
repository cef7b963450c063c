using System.Net.Sockets;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Desk.Api.Data;

/// <summary>
/// Whether an operation failed because the desk could not reach its database (down, restarting, refusing connections,
/// the connection cut), not because of what it asked: a request then gets a 503 that says so with a Retry-After, as a
/// Bot Framework connector or a person would retry, not a 500. Only these: a constraint violation, a deadlock or a
/// syntax error stays what it is.
/// </summary>
internal static class DatabaseUnreachable
{
    public const string Title = "Database unreachable";

    public const string Detail = "The desk cannot reach its database just now; try again shortly.";

    /// <summary>Seconds a client is asked to wait (Retry-After): a restarting PostgreSQL is usually back within them.</summary>
    public const int RetryAfterSeconds = 5;

    public static bool Is(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
            if (Says(e))
                return true;
        return false;
    }

    /// <summary>The exception handler's answer when <see cref="Is"/>: says so, in the desk's words, and when to try again.</summary>
    public static void Explain(ProblemDetailsContext context)
    {
        if (context.ProblemDetails.Status != StatusCodes.Status503ServiceUnavailable || !Is(context.Exception))
            return;
        context.ProblemDetails.Title = Title;
        context.ProblemDetails.Detail = Detail;
        context.HttpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    static bool Says(Exception e) => e switch
    {
        PostgresException p => p.SqlState.StartsWith("08", StringComparison.Ordinal) // connection_exception and its kinds
            || p.SqlState is PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown or PostgresErrorCodes.CannotConnectNow
                or PostgresErrorCodes.TooManyConnections
            // A database closed to connections (ALTER DATABASE … ALLOW_CONNECTIONS false, for maintenance): the server names
            // the routine that refused, which tells it from the many other reasons for 55000.
            || p is { SqlState: PostgresErrorCodes.ObjectNotInPrerequisiteState, Routine: "CheckMyDatabase" },
        // Npgsql's own (no server error): the socket failed, the connection broke, a connect or pool wait timed out.
        NpgsqlException n => n.IsTransient || n.InnerException is SocketException or IOException or TimeoutException,
        SqlException s => s.Errors.Cast<SqlError>().Any(error => SqlServerConnectionErrors.Contains(error.Number)),
        // SQLite: the file is locked past the busy timeout, or cannot be opened.
        SqliteException s => s.SqliteErrorCode is SqliteBusy or SqliteLocked or SqliteCantOpen,
        _ => false,
    };

    const int SqliteBusy = 5, SqliteLocked = 6, SqliteCantOpen = 14;

    // SqlClient's network and login-time errors: no connection (-1, 2, 53, 40), the link dropped (64, 121, 233, 10053,
    // 10054), a refused or timed-out connect (10060, 10061), the name not found (11001), the database not open yet (4060)
    // or unavailable in Azure SQL (40613, 40197, 40501).
    static readonly HashSet<int> SqlServerConnectionErrors = [-1, 2, 40, 53, 64, 121, 233, 4060, 10053, 10054, 10060, 10061, 11001, 40197, 40501, 40613];
}
