using System.Text.Json;
using Dapper;
using Desk.Api.Data;

namespace Desk.Api.Queues;

/// <summary>The SQL of saved_views. Every write checks the owner in the same transaction as the change.</summary>
internal sealed class SavedViewStore(DeskDb db, TimeProvider clock)
{
    const string SelectView = "select id, name, owner, shared, filters, created_at, updated_at from saved_views";

    /// <summary>The caller's own views and everyone's shared ones, by name.</summary>
    public async Task<IReadOnlyList<SavedView>> ListAsync(string owner, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var rows = await connection.QueryAsync<ViewRow>(new CommandDefinition(
            $"{SelectView} where owner = @owner or shared = @shared order by name, id", new { owner, shared = true }, cancellationToken: ct));
        return rows.Select(r => r.ToView()).ToList();
    }

    public async Task<ViewResult> CreateAsync(string owner, SaveView view, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var write = await db.BeginWriteAsync(ct);
        var (connection, tx) = (write.Connection, write.Transaction);
        var count = await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "select count(*) from saved_views where owner = @owner", new { owner }, tx, cancellationToken: ct));
        if (count >= SaveView.MostPerOwner)
            return new ViewResult.TooMany();
        var inserted = await connection.ExecuteAsync(new CommandDefinition(db.Dialect.InsertIgnoringConflict("saved_views",
            "owner, name, filters, shared, created_at, updated_at", "@owner, @Name, @filters, @Shared, @now, @now", "owner, name"),
            new { owner, view.Name, filters = Json(view.Filters), view.Shared, now }, tx, cancellationToken: ct));
        if (inserted == 0)
            return new ViewResult.NameTaken();
        var row = await connection.QuerySingleAsync<ViewRow>(new CommandDefinition(
            $"{SelectView} where owner = @owner and name = @Name", new { owner, view.Name }, tx, cancellationToken: ct));
        await write.CommitAsync(ct);
        return new ViewResult.Saved(row.ToView());
    }

    /// <summary>Replaces the view's name, filters and sharing; only its owner may, and the name stays theirs alone.</summary>
    public async Task<ViewResult> UpdateAsync(long id, string owner, SaveView view, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var write = await db.BeginWriteAsync(ct);
        var (connection, tx) = (write.Connection, write.Transaction);
        if (await OwnedAsync(write, id, owner, ct) is { } refused)
            return refused;
        var clash = await connection.ExecuteScalarAsync<bool>(new CommandDefinition(db.Dialect.Exists(
            "select 1 from saved_views where owner = @owner and name = @Name and id <> @id"), new { owner, view.Name, id }, tx, cancellationToken: ct));
        if (clash)
            return new ViewResult.NameTaken();
        await connection.ExecuteAsync(new CommandDefinition("""
            update saved_views set name = @Name, filters = @filters, shared = @Shared, updated_at = @now where id = @id
            """, new { id, view.Name, filters = Json(view.Filters), view.Shared, now }, tx, cancellationToken: ct));
        var row = await connection.QuerySingleAsync<ViewRow>(new CommandDefinition($"{SelectView} where id = @id", new { id }, tx, cancellationToken: ct));
        await write.CommitAsync(ct);
        return new ViewResult.Saved(row.ToView());
    }

    /// <summary>Null when deleted; otherwise why not.</summary>
    public async Task<ViewResult?> DeleteAsync(long id, string owner, CancellationToken ct)
    {
        await using var write = await db.BeginWriteAsync(ct);
        if (await OwnedAsync(write, id, owner, ct) is { } refused)
            return refused;
        await write.Connection.ExecuteAsync(new CommandDefinition(
            "delete from saved_views where id = @id", new { id }, write.Transaction, cancellationToken: ct));
        await write.CommitAsync(ct);
        return null;
    }

    /// <summary>Null when <paramref name="owner"/> owns the view; a view of someone else's that is not shared is not found.</summary>
    static async Task<ViewResult?> OwnedAsync(WriteTransaction write, long id, string owner, CancellationToken ct)
    {
        var row = await write.Connection.QuerySingleOrDefaultAsync<(string Owner, bool Shared)?>(new CommandDefinition(
            "select owner, shared from saved_views where id = @id", new { id }, write.Transaction, cancellationToken: ct));
        return row switch
        {
            null => new ViewResult.NotFound(),
            { Owner: var o } when o == owner => null,
            { Shared: true, Owner: var o } => new ViewResult.NotOwner(o),
            _ => new ViewResult.NotFound(),
        };
    }

    static string Json(ListFilters filters) => JsonSerializer.Serialize(filters.Normalised(), JsonSerializerOptions.Web);

    sealed class ViewRow
    {
        public long Id { get; init; }
        public string Name { get; init; } = "";
        public string Owner { get; init; } = "";
        public bool Shared { get; init; }
        public string Filters { get; init; } = "{}";
        public DateTimeOffset CreatedAt { get; init; }
        public DateTimeOffset UpdatedAt { get; init; }

        public SavedView ToView() => new(Id, Name, Owner, Shared,
            JsonSerializer.Deserialize<ListFilters>(Filters, JsonSerializerOptions.Web) ?? new ListFilters(), CreatedAt, UpdatedAt);
    }
}
