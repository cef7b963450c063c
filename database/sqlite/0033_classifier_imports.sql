-- Each import of labelled history is a row, so an admin can list imports and take one back whole (its examples go,
-- the import stays listed as removed). labelled_examples is rebuilt as AUTOINCREMENT: a retraining run counts examples
-- "newer than the last candidate" by id, and SQLite would give the ids of a removed newest import again.
create table classifier_imports (
    id integer primary key autoincrement,
    file_name text not null,
    actor text not null,
    imported_at text not null,
    example_count integer not null,
    removed_at text null,
    removed_by text null
);

insert into classifier_imports (file_name, actor, imported_at, example_count)
select coalesce(reason, 'import'), actor, created_at, count(*) from labelled_examples where source = 'import'
group by coalesce(reason, 'import'), actor, created_at order by min(id);

create table labelled_examples_kept (
    id integer primary key autoincrement,
    text text not null,
    type text not null,
    source text not null,
    query_id integer null references queries (id),
    previous_type text null,
    actor text not null,
    reason text null,
    created_at text not null,
    import_id integer null references classifier_imports (id)
);

insert into labelled_examples_kept (id, text, type, source, query_id, previous_type, actor, reason, created_at, import_id)
select e.id, e.text, e.type, e.source, e.query_id, e.previous_type, e.actor, e.reason, e.created_at,
    (select i.id from classifier_imports i
     where e.source = 'import' and i.file_name = coalesce(e.reason, 'import') and i.actor = e.actor and i.imported_at = e.created_at)
from labelled_examples e;

drop table labelled_examples;

alter table labelled_examples_kept rename to labelled_examples;

create index ix_labelled_examples_import on labelled_examples (import_id);
