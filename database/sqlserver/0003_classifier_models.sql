-- Every classifier model the desk has trained or shipped, kept whole so that rollback is one call.
-- At most one is active; a candidate that scored below the active one on the held-back slice is kept as rejected.
create table classifier_models (
    id bigint identity(1,1) primary key,
    version nvarchar(200) not null unique,
    model varbinary(max) not null,
    trained_at datetimeoffset(7) not null,
    example_count int not null,
    -- The newest labelled example the model could have seen; later ones are unseen by it.
    last_example_id bigint not null,
    held_back_count int not null,
    macro_f1 float null,
    baseline_version nvarchar(200) null,
    baseline_macro_f1 float null,
    status nvarchar(16) not null check (status in ('active', 'retired', 'rejected')),
    created_by nvarchar(max) not null,
    activated_at datetimeoffset(7) null,
    activated_by nvarchar(max) null
);

-- A filtered index: SQL Server's partial index.
create unique index ux_classifier_models_active on classifier_models (status) where status = 'active';
