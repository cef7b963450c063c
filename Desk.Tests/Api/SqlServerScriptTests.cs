using System.ComponentModel.DataAnnotations;
using System.Data;
using System.Text.RegularExpressions;
using Desk.Api.Data;
using Desk.Tests.Live;
using Microsoft.Data.SqlClient;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace Desk.Tests.Api;

/// <summary>
/// No SQL Server engine runs here, so SQL Server is checked by its own parser (ScriptDom, T-SQL of SQL Server 2022):
/// every migration script and every statement the stores send to it.
/// </summary>
public sealed class SqlServerScriptTests
{
    static readonly SqlServerDialect Dialect = new();

    public static TheoryData<string> Scripts() =>
        new(Directory.GetFiles(Path.Combine(Repo.Root, "database", "sqlserver"), "*.sql").Select(Path.GetFileName).Order()!);

    [Theory]
    [MemberData(nameof(Scripts))]
    public void EveryMigrationScript_AsTheMigratorSendsIt_Parses(string script)
    {
        var statements = Migrator.Statements(File.ReadAllText(Path.Combine(Repo.Root, "database", "sqlserver", script))).ToList();

        // 0002 named Quartz's own DDL, which left with Quartz: it runs nothing now, and 0009 drops what it made.
        if (script == "0002_quartz_schema.sql")
            Assert.Empty(statements);
        else
            Assert.NotEmpty(statements);
        Assert.All(statements, statement => Assert.Empty(Errors(statement)));
    }

    [Fact]
    public void DropQuartz_DropsEveryTableOfQuartzsSqlServerSchema_ChildrenFirst()
    {
        var script = File.ReadAllText(Path.Combine(Repo.Root, "database", "sqlserver", "0009_drop_quartz.sql"));

        var dropped = Regex.Matches(script, @"(?m)^drop table if exists (\S+);$").Select(m => m.Groups[1].Value).ToList();

        Assert.Equal(15, dropped.Distinct().Count());
        Assert.All(dropped, table => Assert.StartsWith("qrtz_", table, StringComparison.Ordinal));
        Assert.True(dropped.IndexOf("qrtz_SIMPLE_TRIGGERS") < dropped.IndexOf("qrtz_TRIGGERS"));
        Assert.True(dropped.IndexOf("qrtz_TRIGGERS") < dropped.IndexOf("qrtz_JOB_DETAILS"));
    }

    [Fact]
    public void TheDialectsOwnStatements_Parse()
    {
        var own = new[]
        {
            Dialect.MigrationsTable,
            Dialect.MigrationLock!,
            Dialect.Exists("select 1 from staff"),
            $"select id from audit_events order by id desc {Dialect.Limit("limit")}",
            $"insert into contacts (display_name, service_level, created_at) values (@name, 'standard', @now) {Dialect.ReturningId()}",
            Dialect.UpdateReturning("reference_counters", "last_number = last_number + 1", "prefix = @prefix", "last_number"),
            Dialect.InsertIgnoringConflict("idempotency_keys", $"principal, {Dialect.Quote("key")}, query_id", "@principal, @key, @id",
                $"principal, {Dialect.Quote("key")}"),
        };

        Assert.All(own, statement => Assert.Empty(Errors(statement)));
    }

    [Fact]
    public void InsertIgnoringConflict_LocksTheKeyRange_AndMatchesEachConflictColumnToItsValue()
    {
        var sql = Dialect.InsertIgnoringConflict("contact_identities", "contact_id, channel, address, created_at",
            "@id, @channel, lower('A,B'), @now", "channel, address");

        Assert.Contains("select @id, @channel, lower('A,B'), @now", sql);
        Assert.Contains("from contact_identities with (updlock, holdlock) where channel = @channel and address = lower('A,B')", sql);
        Assert.Throws<ArgumentException>(() => Dialect.InsertIgnoringConflict("staff", "username", "@username", "id"));
    }

    [Fact]
    public void EveryStatementTheStoresSend_ParsesAsTSql()
    {
        var statements = StoreSql.Extract(Dialect);

        var unreadable = statements.Where(s => s.Problem is not null).Select(s => $"{s.Where}: {s.Problem}").ToList();
        Assert.True(unreadable.Count == 0, string.Join("\n", unreadable));
        var failing = statements.Where(s => s.Sql is not null)
            .SelectMany(s => Errors(s.Sql!).Select(e => $"{s.Where}: {e}\n{s.Sql}")).ToList();
        Assert.True(failing.Count == 0, string.Join("\n\n", failing));
        // The extraction finds the stores' SQL, not a handful of it: every store file is represented.
        var files = statements.Select(s => s.Where[..s.Where.LastIndexOf(':')]).Distinct().ToList();
        Assert.All(new[] { "QueryStore.cs", "Intake.cs", "ContactStore.cs", "StaffStore.cs", "SessionStore.cs", "ApiKeys.cs", "AuditLog.cs",
            "SlaTimers.cs", "SlaEngine.cs", "OutboxStore.cs", "ConversationStore.cs", "TimelineStore.cs", "ClassifierModelStore.cs", "LabelledExampleStore.cs", "DemoSeeder.cs", "HubSessions.cs", "Migrator.cs" },
            name => Assert.Contains(files, f => f.EndsWith(name, StringComparison.Ordinal)));
    }

    [Fact]
    public void TheSameCheck_OnTheOtherEnginesSql_FindsWhatTSqlRefuses()
    {
        // The check is not vacuous: the statements as SQLite gets them (limit, on conflict, returning) fail to parse.
        var sqlite = StoreSql.Extract(new SqliteDialect()).Where(s => s.Sql is not null && Errors(s.Sql).Any()).Select(s => s.Sql!).ToList();

        Assert.Contains(sqlite, sql => sql.Contains("limit @", StringComparison.Ordinal));
        Assert.Contains(sqlite, sql => sql.Contains("on conflict", StringComparison.Ordinal));
        Assert.Contains(sqlite, sql => sql.Contains("returning id", StringComparison.Ordinal));
    }

    [Fact]
    public void ProviderSqlServer_IsAccepted_AndGivesTheSqlServerDialect()
    {
        var options = new DatabaseOptions { Provider = "sqlserver", ConnectionString = "Server=db;Database=desk;Integrated Security=true" };

        Assert.True(Validator.TryValidateObject(options, new ValidationContext(options), null, validateAllProperties: true));
        Assert.IsType<SqlServerDialect>(SqlDialects.For("sqlserver"));
        Assert.Equal("sqlserver", SqlDialects.For("sqlserver").Name);
    }

    [Fact]
    public void Instants_GoToSqlClient_AsDateTimeOffsetInUtc()
    {
        var handler = new DapperTypes.UtcInstantHandler();
        var parameter = new SqlParameter();
        var instant = new DateTimeOffset(2026, 11, 30, 10, 15, 30, 123, TimeSpan.FromHours(2)).AddTicks(4567);

        handler.SetValue(parameter, instant);

        Assert.Equal(SqlDbType.DateTimeOffset, parameter.SqlDbType);
        var sent = Assert.IsType<DateTimeOffset>(parameter.Value);
        Assert.Equal(TimeSpan.Zero, sent.Offset);
        Assert.Equal(instant.UtcTicks, sent.UtcTicks); // datetimeoffset(7) keeps every tick
        Assert.Equal(instant, handler.Parse(sent));
    }

    static IEnumerable<string> Errors(string sql)
    {
        new TSql160Parser(initialQuotedIdentifiers: true).Parse(new StringReader(sql), out var errors);
        return errors.Select(e => $"line {e.Line}, column {e.Column}: {e.Message}");
    }
}
