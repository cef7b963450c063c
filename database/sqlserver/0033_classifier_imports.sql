-- Each import of labelled history is a row, so an admin can list imports and take one back whole (its examples go,
-- the import stays listed as removed).
create table classifier_imports (
    id bigint identity(1,1) primary key,
    file_name nvarchar(400) not null,
    actor nvarchar(400) not null,
    imported_at datetimeoffset(7) not null,
    example_count int not null,
    removed_at datetimeoffset(7) null,
    removed_by nvarchar(400) null
);

insert into classifier_imports (file_name, actor, imported_at, example_count)
select coalesce(cast(reason as nvarchar(400)), 'import'), cast(actor as nvarchar(400)), created_at, count(*) from labelled_examples
where source = 'import'
group by coalesce(cast(reason as nvarchar(400)), 'import'), cast(actor as nvarchar(400)), created_at order by min(id);

alter table labelled_examples add import_id bigint null references classifier_imports (id);

-- Through exec: the batch is compiled before the column above exists.
exec (N'update labelled_examples set import_id = (select i.id from classifier_imports i
    where i.file_name = coalesce(cast(labelled_examples.reason as nvarchar(400)), ''import'')
        and i.actor = cast(labelled_examples.actor as nvarchar(400)) and i.imported_at = labelled_examples.created_at)
where source = ''import'';
    create index ix_labelled_examples_import on labelled_examples (import_id);');
