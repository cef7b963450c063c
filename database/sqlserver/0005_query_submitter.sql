-- Who submitted each query: the principal name ("key:12" for an API key, the username for staff, "bot", "demo").
-- A channel key may write only on the queries it submitted. Older rows stay null: no key may write on them.
alter table queries add submitted_by nvarchar(200) null;

create index ix_queries_submitted_by on queries (submitted_by, id);
