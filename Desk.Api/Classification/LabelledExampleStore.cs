using Dapper;
using Desk.Api.Audit;
using Desk.Api.Data;
using Desk.Classifier;
using Desk.Classifier.Corpus;
using ImportRow = (long Id, string FileName, string Actor, System.DateTimeOffset ImportedAt, long Examples, System.DateTimeOffset? RemovedAt,
    string? RemovedBy);

namespace Desk.Api.Classification;

/// <summary>The SQL of labelled_examples as training data: imported history, agents' reclassifications, triage decisions.</summary>
internal sealed class LabelledExampleStore(DeskDb db)
{
    public const string ImportSource = "import";

    /// <summary>Adds every example in one transaction, as one import (its number; null when there was nothing to add).</summary>
    public async Task<long?> AddImportAsync(IReadOnlyList<LabelledText> examples, string actor, string fileName, DateTimeOffset now, CancellationToken ct)
    {
        await using var write = await db.BeginWriteAsync(ct);
        long? import = null;
        if (examples.Count > 0)
        {
            import = await write.Connection.ExecuteScalarAsync<long>(new CommandDefinition($"""
                insert into classifier_imports (file_name, actor, imported_at, example_count)
                values (@fileName, @actor, @now, @count)
                {db.Dialect.ReturningId()}
                """, new { fileName, actor, now, count = examples.Count }, write.Transaction, cancellationToken: ct));
            await write.Connection.ExecuteAsync(new CommandDefinition("""
                insert into labelled_examples (text, type, source, query_id, previous_type, actor, reason, created_at, import_id)
                values (@Text, @type, 'import', null, null, @actor, @fileName, @now, @import)
                """, examples.Select(e => new { e.Text, type = e.Label.ToCode(), actor, fileName, now, import }),
                write.Transaction, cancellationToken: ct));
        }
        await AuditLog.RecordAsync(write.Transaction, AuditKinds.ClassifierExamplesImported, actor, fileName,
            $"{examples.Count} labelled examples" + (import is { } number ? $" (import {number})." : "."), now, ct);
        await write.CommitAsync(ct);
        return import;
    }

    public async Task<IReadOnlyList<ClassifierImportView>> ListImportsAsync(CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        return (await connection.QueryAsync<ImportRow>(new CommandDefinition(SelectImport + " order by id desc", cancellationToken: ct)))
            .Select(View).ToList();
    }

    /// <summary>
    /// Deletes the examples of an import; the import stays listed, as removed. Null when there is no such import. Removing a
    /// removed import changes nothing. Models trained on the examples are kept: the next run learns without them.
    /// </summary>
    public async Task<ClassifierImportView?> RemoveImportAsync(long id, string actor, DateTimeOffset now, CancellationToken ct)
    {
        await using var write = await db.BeginWriteAsync(ct);
        var removed = await write.Connection.ExecuteAsync(new CommandDefinition("""
            update classifier_imports set removed_at = @now, removed_by = @actor where id = @id and removed_at is null
            """, new { id, actor, now }, write.Transaction, cancellationToken: ct));
        if (removed == 1)
        {
            var examples = await write.Connection.ExecuteAsync(new CommandDefinition(
                "delete from labelled_examples where import_id = @id", new { id }, write.Transaction, cancellationToken: ct));
            await AuditLog.RecordAsync(write.Transaction, AuditKinds.ClassifierImportRemoved, actor, $"import {id}",
                $"{examples} labelled examples deleted.", now, ct);
        }
        var import = (await write.Connection.QueryAsync<ImportRow>(new CommandDefinition(
            SelectImport + " where id = @id", new { id }, write.Transaction, cancellationToken: ct))).ToList();
        await write.CommitAsync(ct);
        return import.Count == 1 ? View(import[0]) : null;
    }

    const string SelectImport = "select id, file_name, actor, imported_at, example_count, removed_at, removed_by from classifier_imports";

    static ClassifierImportView View(ImportRow r) => new(r.Id, r.FileName, r.Actor, r.ImportedAt, (int)r.Examples, r.RemovedAt, r.RemovedBy);

    /// <summary>Every labelled example, oldest first, with its id (ids only grow: a newer example has a larger id).</summary>
    public async Task<IReadOnlyList<(long Id, LabelledText Example)>> ListAsync(CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var rows = await connection.QueryAsync<(long Id, string Text, string Type)>(new CommandDefinition(
            "select id, text, type from labelled_examples order by id", cancellationToken: ct));
        var examples = new List<(long, LabelledText)>();
        foreach (var (id, text, type) in rows)
        {
            if (QueryTypes.TryParse(type, out var label) && !string.IsNullOrWhiteSpace(text))
                examples.Add((id, new LabelledText(text, label)));
        }
        return examples;
    }
}
