using Dapper;
using Desk.Api.Data;

namespace Desk.Api.Knowledge;

/// <summary>The SQL of the knowledge_articles table. The knowledge base is small: lists are whole, ranking happens in C#.</summary>
internal sealed class KnowledgeStore(DeskDb db, TimeProvider clock)
{
    const string Columns = """
        a.id, a.slug, a.language, a.title, a.summary, a.body, a.keywords, a.published, a.version, a.created_by, a.created_at,
        a.updated_by, a.updated_at,
        (select count(*) from knowledge_feedback f where f.article_id = a.id and f.helped = @yes) as helped,
        (select count(*) from knowledge_feedback f where f.article_id = a.id and f.helped <> @yes) as not_helped
        """;

    public async Task<IReadOnlyList<Article>> ListAsync(string? language, bool? published, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var rows = await connection.QueryAsync<ArticleRow>(new CommandDefinition($"""
            select {Columns}
            from knowledge_articles a
            where (@language is null or a.language = @language) and (@published is null or a.published = @published)
            order by a.language, a.title, a.id
            """, new { language, published, yes = true }, cancellationToken: ct));
        return rows.Select(r => r.ToArticle()).ToList();
    }

    public async Task<Article?> GetAsync(long id, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<ArticleRow>(new CommandDefinition(
            $"select {Columns} from knowledge_articles a where a.id = @id", new { id, yes = true }, cancellationToken: ct));
        return row?.ToArticle();
    }

    /// <summary>A contact's answer to "did this help?" on an article; null when they have not answered.</summary>
    public async Task<bool?> AnswerOfAsync(long id, long contactId, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<bool?>(new CommandDefinition(
            "select helped from knowledge_feedback where article_id = @id and contact_id = @contactId", new { id, contactId }, cancellationToken: ct));
    }

    /// <summary>The new article's id, or null when another article already has the slug.</summary>
    public async Task<long?> AddAsync(NewArticle article, string actor, CancellationToken ct)
    {
        await using var write = await db.BeginWriteAsync(ct);
        var now = clock.GetUtcNow();
        var inserted = await write.Connection.ExecuteAsync(new CommandDefinition(db.Dialect.InsertIgnoringConflict("knowledge_articles",
                "slug, language, title, summary, body, keywords, published, version, created_by, created_at, updated_by, updated_at",
                "@Slug, @Language, @Title, @Summary, @Body, @Keywords, @Published, 1, @actor, @now, @actor, @now", "slug"),
            new { article.Slug, article.Language, article.Title, article.Summary, article.Body, Keywords = article.Keywords ?? "",
                article.Published, actor, now },
            write.Transaction, cancellationToken: ct));
        if (inserted == 0)
            return null;
        var id = await write.Connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "select id from knowledge_articles where slug = @slug", new { slug = article.Slug }, write.Transaction, cancellationToken: ct));
        await write.CommitAsync(ct);
        return id;
    }

    /// <summary>
    /// Replaces the content if the article is still at <paramref name="version"/>, bumping it; false when it is not
    /// (changed since, or gone). One statement: the version check and the write cannot be split by another writer.
    /// </summary>
    public async Task<bool> UpdateAsync(long id, long version, ArticleEdit edit, string actor, CancellationToken ct)
    {
        await using var write = await db.BeginWriteAsync(ct);
        var updated = await write.Connection.ExecuteAsync(new CommandDefinition("""
            update knowledge_articles
            set title = @Title, summary = @Summary, body = @Body, keywords = @Keywords, published = @Published,
                version = version + 1, updated_by = @actor, updated_at = @now
            where id = @id and version = @version
            """, new { edit.Title, edit.Summary, edit.Body, Keywords = edit.Keywords ?? "", edit.Published, actor, now = clock.GetUtcNow(), id, version },
            write.Transaction, cancellationToken: ct));
        await write.CommitAsync(ct);
        return updated == 1;
    }

    /// <summary>
    /// Records a contact's "did this help?" answer on a published article, in place of an earlier one of theirs (they
    /// changed their mind); false when there is no such published article.
    /// </summary>
    public async Task<bool> FeedbackAsync(long id, long contactId, bool helped, DateTimeOffset now, CancellationToken ct)
    {
        await using var write = await db.BeginWriteAsync(ct);
        var connection = write.Connection;
        // The update finds the article and locks its row until commit, so a delete waits for this answer or this answer
        // waits for the delete and finds nothing; a bare select let the two cross on PostgreSQL and SQL Server.
        if (await connection.ExecuteAsync(new CommandDefinition(LockArticle + " and published = @published",
            new { id, published = true }, write.Transaction, cancellationToken: ct)) == 0)
            return false;
        await connection.ExecuteAsync(new CommandDefinition(
            "delete from knowledge_feedback where article_id = @id and contact_id = @contactId", new { id, contactId }, write.Transaction, cancellationToken: ct));
        // Two answers at once from one user: the first stored stands.
        await connection.ExecuteAsync(new CommandDefinition(db.Dialect.InsertIgnoringConflict("knowledge_feedback",
            "article_id, contact_id, helped, created_at", "@id, @contactId, @helped, @now", "article_id, contact_id"),
            new { id, contactId, helped, now }, write.Transaction, cancellationToken: ct));
        await write.CommitAsync(ct);
        return true;
    }

    public async Task<bool> DeleteAsync(long id, CancellationToken ct)
    {
        await using var write = await db.BeginWriteAsync(ct);
        if (await write.Connection.ExecuteAsync(new CommandDefinition(LockArticle, new { id }, write.Transaction, cancellationToken: ct)) == 0)
            return false;
        await write.Connection.ExecuteAsync(new CommandDefinition(
            "delete from knowledge_feedback where article_id = @id", new { id }, write.Transaction, cancellationToken: ct));
        var deleted = await write.Connection.ExecuteAsync(new CommandDefinition(
            "delete from knowledge_articles where id = @id", new { id }, write.Transaction, cancellationToken: ct));
        await write.CommitAsync(ct);
        return deleted == 1;
    }

    const string LockArticle = "update knowledge_articles set version = version where id = @id";

    sealed class ArticleRow
    {
        public long Id { get; init; }
        public string Slug { get; init; } = "";
        public string Language { get; init; } = "";
        public string Title { get; init; } = "";
        public string Summary { get; init; } = "";
        public string Body { get; init; } = "";
        public string Keywords { get; init; } = "";
        public bool Published { get; init; }
        public long Version { get; init; }
        public string CreatedBy { get; init; } = "";
        public DateTimeOffset CreatedAt { get; init; }
        public string UpdatedBy { get; init; } = "";
        public DateTimeOffset UpdatedAt { get; init; }
        public long Helped { get; init; }
        public long NotHelped { get; init; }

        public Article ToArticle() => new(Id, Slug, Language, Title, Summary, Body, Keywords, Published, Version, CreatedBy, CreatedAt,
            UpdatedBy, UpdatedAt, (int)Helped, (int)NotHelped);
    }
}
