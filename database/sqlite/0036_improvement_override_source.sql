-- A supervisor's review of an override that proposes a change to the rule it broke joins the improvement register, with
-- source 'override' (source_id the override's id). SQLite cannot change a check constraint in place, so the table is
-- rebuilt as 0032 did: every row with its id, AUTOINCREMENT kept, and the numbers given out so far carried over, so no
-- later entry takes a withdrawn one's number.
create table improvements_next (
    id integer primary key autoincrement,
    source text not null check (source in ('query', 'survey', 'override')),
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

insert into improvements_next (id, source, source_id, query_id, contact_id, text, status, owner, note, created_at, updated_at, status_changed_at)
select id, source, source_id, query_id, contact_id, text, status, owner, note, created_at, updated_at, status_changed_at from improvements;

-- The copy set the new table's number to its largest id; a withdrawn entry above it was given out already.
update sqlite_sequence set seq = (select seq from sqlite_sequence where name = 'improvements')
where name = 'improvements_next' and seq < (select seq from sqlite_sequence where name = 'improvements');

insert into sqlite_sequence (name, seq)
select 'improvements_next', seq from sqlite_sequence
where name = 'improvements' and not exists (select 1 from sqlite_sequence where name = 'improvements_next');

drop table improvements;

alter table improvements_next rename to improvements;

create index ix_improvements_status on improvements (status, id);
