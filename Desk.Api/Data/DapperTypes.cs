using System.Data;
using System.Globalization;
using Dapper;

namespace Desk.Api.Data;

/// <summary>One type policy for every engine: long ids, UTC instants, snake_case columns.</summary>
internal static class DapperTypes
{
    static int registered;

    public static void Register()
    {
        if (Interlocked.Exchange(ref registered, 1) == 1)
        {
            return;
        }
        DefaultTypeMap.MatchNamesWithUnderscores = true;
        SqlMapper.AddTypeHandler(new UtcInstantHandler());
    }

    /// <summary>On SQLite, fixed-width "O" text in UTC, so that text comparison in SQL is time comparison.</summary>
    internal sealed class UtcInstantHandler : SqlMapper.TypeHandler<DateTimeOffset>
    {
        // SQLite has no time type: instants are text there. Engines with one (timestamptz) get the UTC instant itself.
        public override void SetValue(IDbDataParameter parameter, DateTimeOffset value)
        {
            if (parameter is Microsoft.Data.Sqlite.SqliteParameter)
            {
                parameter.DbType = DbType.String;
                parameter.Value = Format(value);
                return;
            }
            parameter.DbType = DbType.DateTimeOffset;
            parameter.Value = value.ToUniversalTime();
        }

        public override DateTimeOffset Parse(object value) => value switch
        {
            string text => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
            DateTime time => new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Utc)),
            DateTimeOffset instant => instant,
            _ => throw new DataException($"Cannot read {value.GetType().Name} as a time."),
        };
    }

    public static string Format(DateTimeOffset value) => value.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);
}
