-- An improvement entry withdrawn while new (its query stopped being a suggestion) is deleted, and its query's timeline
-- names it by id. SQLite gives the largest id again after that id's row is deleted unless the table is AUTOINCREMENT,
-- so the table is rebuilt as one: no later entry takes a withdrawn one's number.
create table improvements_kept (
    id integer primary key autoincrement,
    source text not null check (source in ('query', 'survey')),
    source_id integer not null,
    query_id integer not null references queries (id),
    contact_id integer not null references contacts (id),
    text text not null,
    status text not null check (status in ('new', 'accepted', 'planned', 'done', 'declined')),
    owner text null,
    note text null,
    created_at text not null,
    updated_at text not null,
    status_changed_at text not null,
    unique (source, source_id)
);

insert into improvements_kept (id, source, source_id, query_id, contact_id, text, status, owner, note, created_at, updated_at, status_changed_at)
select id, source, source_id, query_id, contact_id, text, status, owner, note, created_at, updated_at, status_changed_at from improvements;

drop table improvements;

alter table improvements_kept rename to improvements;

create index ix_improvements_status on improvements (status, id);
