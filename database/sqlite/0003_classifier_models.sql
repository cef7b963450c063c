-- Every classifier model the desk has trained or shipped, kept whole so that rollback is one call.
-- At most one is active; a candidate that scored below the active one on the held-back slice is kept as rejected.
create table classifier_models (
    id integer primary key,
    version text not null unique,
    model blob not null,
    trained_at text not null,
    example_count integer not null,
    -- The newest labelled example the model could have seen; later ones are unseen by it.
    last_example_id integer not null,
    held_back_count integer not null,
    macro_f1 real null,
    baseline_version text null,
    baseline_macro_f1 real null,
    status text not null check (status in ('active', 'retired', 'rejected')),
    created_by text not null,
    activated_at text null,
    activated_by text null
);

create unique index ux_classifier_models_active on classifier_models (status) where status = 'active';
