using Dapper;
using Desk.Api.Audit;
using Desk.Api.Data;
using Desk.Classifier;
using Desk.Classifier.Corpus;

namespace Desk.Api.Classification;

/// <summary>The SQL of labelled_examples as training data: imported history, agents' reclassifications, triage decisions.</summary>
internal sealed class LabelledExampleStore(DeskDb db)
{
    public const string ImportSource = "import";

    /// <summary>Adds every example in one transaction: all of them or, on any failure, none.</summary>
    public async Task AddImportAsync(IReadOnlyList<LabelledText> examples, string actor, string? fileName, DateTimeOffset now, CancellationToken ct)
    {
        await using var write = await db.BeginWriteAsync(ct);
        await write.Connection.ExecuteAsync(new CommandDefinition("""
            insert into labelled_examples (text, type, source, query_id, previous_type, actor, reason, created_at)
            values (@Text, @type, 'import', null, null, @actor, @reason, @now)
            """, examples.Select(e => new { e.Text, type = e.Label.ToCode(), actor, reason = fileName, now }),
            write.Transaction, cancellationToken: ct));
        await AuditLog.RecordAsync(write.Transaction, AuditKinds.ClassifierExamplesImported, actor, fileName ?? ImportSource,
            $"{examples.Count} labelled examples.", now, ct);
        await write.CommitAsync(ct);
    }

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
