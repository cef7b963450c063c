using Dapper;
using Desk.Api.Audit;
using Desk.Api.Data;

namespace Desk.Api.Classification;

/// <summary>The SQL of classifier_models: stored versions, the one active, promotion and rollback.</summary>
internal sealed class ClassifierModelStore(DeskDb db)
{
    const string Columns = """
        id, version, trained_at, example_count, last_example_id, held_back_count, macro_f1, baseline_version,
        baseline_macro_f1, status, created_by, activated_at, activated_by
        """;

    public async Task<IReadOnlyList<ModelVersionRow>> ListAsync(CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        return (await connection.QueryAsync<ModelVersionRow>(new CommandDefinition(
            $"select {Columns} from classifier_models order by id desc", cancellationToken: ct))).AsList();
    }

    public async Task<ModelVersionRow?> GetAsync(string version, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<ModelVersionRow>(new CommandDefinition(
            $"select {Columns} from classifier_models where version = @version", new { version }, cancellationToken: ct));
    }

    public async Task<ModelVersionRow?> GetActiveAsync(CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<ModelVersionRow>(new CommandDefinition(
            $"select {Columns} from classifier_models where status = 'active'", cancellationToken: ct));
    }

    public async Task<byte[]?> GetModelBytesAsync(string version, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<byte[]>(new CommandDefinition(
            "select model from classifier_models where version = @version", new { version }, cancellationToken: ct));
    }

    /// <summary>The number the next stored model gets, and the newest example any stored model was trained after.</summary>
    public async Task<(long Next, long LastExampleId)> GetHighWaterAsync(CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        return await connection.QuerySingleAsync<(long, long)>(new CommandDefinition(
            "select coalesce(max(id), 0) + 1, coalesce(max(last_example_id), 0) from classifier_models", cancellationToken: ct));
    }

    /// <summary>
    /// Stores a model; an active one retires the model active before it, in the same transaction. With
    /// <paramref name="trained"/>, what its training came to, for the audit log.
    /// </summary>
    public async Task AddAsync(ModelVersionRow row, byte[] model, bool onlyIfNoneStored, string? trained, CancellationToken ct)
    {
        await using var write = await db.BeginWriteAsync(ct);
        var (connection, tx) = (write.Connection, write.Transaction);
        // Nodes starting together on a new database each find none stored: under the start-up lock the second waits,
        // then finds the first's.
        if (onlyIfNoneStored && db.Dialect.MigrationLock is { } startupLock)
            await connection.ExecuteAsync(new CommandDefinition(startupLock, transaction: tx, cancellationToken: ct));
        if (onlyIfNoneStored && await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
                db.Dialect.Exists("select 1 from classifier_models"), transaction: tx, cancellationToken: ct)))
            return;
        if (row.Status == ModelStatus.Active)
            await RetireActiveAsync(write, ct);
        await connection.ExecuteAsync(new CommandDefinition("""
            insert into classifier_models (
                version, model, trained_at, example_count, last_example_id, held_back_count, macro_f1, baseline_version,
                baseline_macro_f1, status, created_by, activated_at, activated_by)
            values (
                @Version, @model, @TrainedAt, @ExampleCount, @LastExampleId, @HeldBackCount, @MacroF1, @BaselineVersion,
                @BaselineMacroF1, @Status, @CreatedBy, @ActivatedAt, @ActivatedBy)
            """, new
        {
            row.Version, model, row.TrainedAt, row.ExampleCount, row.LastExampleId, row.HeldBackCount, row.MacroF1,
            row.BaselineVersion, row.BaselineMacroF1, row.Status, row.CreatedBy, row.ActivatedAt, row.ActivatedBy,
        }, tx, cancellationToken: ct));
        if (trained is not null)
            await AuditLog.RecordAsync(tx, AuditKinds.ClassifierRetrained, row.CreatedBy, row.Version, trained, row.TrainedAt, ct);
        await write.CommitAsync(ct);
    }

    /// <summary>Makes a stored version the active one; false when there is no such version.</summary>
    public async Task<bool> ActivateAsync(string version, string actor, DateTimeOffset now, CancellationToken ct)
    {
        await using var write = await db.BeginWriteAsync(ct);
        var was = await write.Connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            "select version from classifier_models where status = 'active'", transaction: write.Transaction, cancellationToken: ct));
        await RetireActiveAsync(write, ct);
        var changed = await write.Connection.ExecuteAsync(new CommandDefinition("""
            update classifier_models set status = 'active', activated_at = @now, activated_by = @actor
            where version = @version
            """, new { version, actor, now }, write.Transaction, cancellationToken: ct));
        if (changed == 0)
            return false;
        await AuditLog.RecordAsync(write.Transaction, AuditKinds.ClassifierModelActivated, actor, version,
            was is null ? null : $"In place of {was}.", now, ct);
        await write.CommitAsync(ct);
        return true;
    }

    static Task RetireActiveAsync(WriteTransaction write, CancellationToken ct) =>
        write.Connection.ExecuteAsync(new CommandDefinition(
            "update classifier_models set status = 'retired' where status = 'active'", transaction: write.Transaction, cancellationToken: ct));
}
