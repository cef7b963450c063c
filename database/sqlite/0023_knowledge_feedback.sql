-- "Did this help?" under a knowledge article in the portal (issue 12): one row per answer, without who gave it, so
-- that an article's share of helpful answers can be read. Deleting an article deletes its answers (KnowledgeStore).
create table knowledge_feedback (
    id integer primary key,
    article_id integer not null references knowledge_articles (id),
    helped integer not null check (helped in (0, 1)),
    created_at text not null
);

create index ix_knowledge_feedback_article on knowledge_feedback (article_id);
