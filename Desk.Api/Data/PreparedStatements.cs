using System.Data;
using System.Data.Common;
using System.Diagnostics.CodeAnalysis;
using Microsoft.Data.Sqlite;

namespace Desk.Api.Data;

/// <summary>
/// A long-lived SQLite connection that keeps each statement it has run compiled: through Dapper every call would
/// otherwise parse and plan its SQL again (Microsoft.Data.Sqlite keeps a command's compiled statements only as long as
/// the command). <see cref="GroupCommit"/>'s writer runs the same dozen intake statements thousands of times a minute.
/// Dapper sees an ordinary connection; each command it creates borrows the compiled command for its text.
/// </summary>
internal sealed class PreparedStatements(SqliteConnection inner) : DbConnection
{
    const int MostKept = 256; // Dapper spreads "in @list" into one text per list length; keep a bounded number

    readonly Dictionary<string, SqliteCommand> kept = new(StringComparer.Ordinal);

    internal SqliteConnection Inner => inner;

    internal SqliteCommand Borrow(string sql)
    {
        if (!kept.TryGetValue(sql, out var command))
        {
            command = inner.CreateCommand();
            command.CommandText = sql;
            if (kept.Count < MostKept)
                kept[sql] = command;
        }
        command.Parameters.Clear();
        return command;
    }

    internal bool Keeps(SqliteCommand command) => kept.TryGetValue(command.CommandText, out var same) && ReferenceEquals(same, command);

    [AllowNull]
    public override string ConnectionString { get => inner.ConnectionString; set => inner.ConnectionString = value; }

    public override string Database => inner.Database;

    public override string DataSource => inner.DataSource;

    public override string ServerVersion => inner.ServerVersion;

    public override ConnectionState State => inner.State;

    public override void ChangeDatabase(string databaseName) => inner.ChangeDatabase(databaseName);

    public override void Open() => inner.Open();

    public override void Close() => inner.Close();

    protected override DbTransaction BeginDbTransaction(IsolationLevel isolationLevel) =>
        new Transaction(this, inner.BeginTransaction(isolationLevel));

    protected override DbCommand CreateDbCommand() => new Command(this);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            foreach (var command in kept.Values)
                command.Dispose();
            kept.Clear();
            inner.Dispose();
        }
        base.Dispose(disposing);
    }

    /// <summary>Forwards to SQLite's transaction, savepoints included; its connection is the caching one.</summary>
    internal sealed class Transaction(PreparedStatements connection, SqliteTransaction inner) : DbTransaction
    {
        internal SqliteTransaction Inner => inner;

        protected override DbConnection DbConnection => connection;

        public override IsolationLevel IsolationLevel => inner.IsolationLevel;

        public override bool SupportsSavepoints => true;

        public override void Commit() => inner.Commit();

        public override void Rollback() => inner.Rollback();

        // SqliteTransaction would compile these anew each time; the writer sets and releases a savepoint per write.
        public override void Save(string savepointName) => Run("savepoint", savepointName);

        public override void Rollback(string savepointName) => Run("rollback to savepoint", savepointName);

        public override void Release(string savepointName) => Run("release savepoint", savepointName);

        void Run(string statement, string savepointName)
        {
            var command = connection.Borrow($"{statement} \"{savepointName.Replace("\"", "\"\"", StringComparison.Ordinal)}\"");
            try
            {
                command.Transaction = inner;
                command.ExecuteNonQuery();
            }
            finally
            {
                if (!connection.Keeps(command))
                    command.Dispose();
            }
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
                inner.Dispose();
            base.Dispose(disposing);
        }
    }

    /// <summary>What Dapper creates: it borrows the kept command for its text, and gives it back on dispose.</summary>
    sealed class Command(PreparedStatements connection) : DbCommand
    {
        SqliteCommand command = connection.Inner.CreateCommand();
        Transaction? transaction;

        [AllowNull]
        public override string CommandText
        {
            get => command.CommandText;
            set
            {
                var borrowed = connection.Borrow(value ?? "");
                if (!connection.Keeps(command))
                    command.Dispose();
                command = borrowed;
                command.Transaction = transaction?.Inner;
            }
        }

        public override int CommandTimeout { get => command.CommandTimeout; set => command.CommandTimeout = value; }

        public override CommandType CommandType { get => command.CommandType; set => command.CommandType = value; }

        public override bool DesignTimeVisible { get; set; }

        public override UpdateRowSource UpdatedRowSource { get; set; }

        protected override DbConnection? DbConnection { get => connection; set { } }

        protected override DbParameterCollection DbParameterCollection => command.Parameters;

        protected override DbTransaction? DbTransaction
        {
            get => transaction;
            set
            {
                transaction = (Transaction?)value;
                command.Transaction = transaction?.Inner;
            }
        }

        public override void Cancel() => command.Cancel();

        public override int ExecuteNonQuery() => command.ExecuteNonQuery();

        public override object? ExecuteScalar() => command.ExecuteScalar();

        public override void Prepare() => command.Prepare();

        protected override DbParameter CreateDbParameter() => command.CreateParameter();

        protected override DbDataReader ExecuteDbDataReader(CommandBehavior behavior) => command.ExecuteReader(behavior);

        protected override void Dispose(bool disposing)
        {
            if (disposing && !connection.Keeps(command))
                command.Dispose();
            base.Dispose(disposing);
        }
    }
}
