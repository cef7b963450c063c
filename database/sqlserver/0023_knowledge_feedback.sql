-- "Did this help?" under a knowledge article in the portal (issue 12): one row per answer, without who gave it, so
-- that an article's share of helpful answers can be read. Deleting an article deletes its answers (KnowledgeStore).
create table knowledge_feedback (
    id bigint identity(1,1) primary key,
    article_id bigint not null references knowledge_articles (id),
    helped bit not null,
    created_at datetimeoffset(7) not null
);

create index ix_knowledge_feedback_article on knowledge_feedback (article_id);
