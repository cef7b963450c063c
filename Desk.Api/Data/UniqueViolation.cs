using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Desk.Api.Data;

/// <summary>
/// Whether a statement failed on the named unique index: two requests racing to store one name both pass any check
/// made before the insert, and the index is what refuses the second. Each engine names the index its own way.
/// </summary>
internal static class UniqueViolation
{
    const int SqliteConstraintUnique = 2067; // SQLITE_CONSTRAINT_UNIQUE
    const int SqlServerDuplicateKeyInIndex = 2601;

    public static bool On(Exception e, string index) => e switch
    {
        PostgresException p => p.SqlState == PostgresErrorCodes.UniqueViolation && p.ConstraintName == index,
        SqliteException s => s.SqliteExtendedErrorCode == SqliteConstraintUnique && s.Message.Contains($"index '{index}'", StringComparison.Ordinal),
        SqlException s => s.Number == SqlServerDuplicateKeyInIndex && s.Message.Contains($"'{index}'", StringComparison.Ordinal),
        _ => false,
    };
}
