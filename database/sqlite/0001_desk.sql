-- The desk's own tables. Times are ISO 8601 UTC text ("O" format), so text order is time order.

create table staff (
    id integer primary key,
    username text not null unique,
    display_name text not null,
    role text not null check (role in ('agent', 'supervisor', 'admin')),
    password_hash text not null,
    created_at text not null
);

create table api_keys (
    id integer primary key,
    name text not null,
    prefix text not null unique,
    key_hash text not null,
    scopes text not null,
    created_by text not null,
    created_at text not null,
    revoked_at text null
);

create table contacts (
    id integer primary key,
    display_name text not null,
    service_level text not null default 'standard',
    created_at text not null
);

create table contact_identities (
    id integer primary key,
    contact_id integer not null references contacts (id),
    channel text not null,
    address text not null,
    created_at text not null,
    unique (channel, address)
);

create table reference_counters (
    prefix text primary key,
    last_number integer not null
);

insert into reference_counters (prefix, last_number) values
    ('INC', 1000), ('DIS', 1000), ('REQ', 1000), ('CHG', 1000), ('CMP', 1000),
    ('CPL', 1000), ('SUG', 1000), ('SEC', 1000), ('ASK', 1000);

create table queries (
    id integer primary key,
    reference text not null unique,
    type text not null,
    queue text not null,
    status text not null,
    priority text not null,
    impact text not null,
    urgency text not null,
    channel text not null,
    contact_id integer not null references contacts (id),
    subject text not null,
    text text not null,
    catalog_item text null,
    assignee text null,
    decided_by text not null,
    model_version text null,
    confidence real not null,
    decision_rule text null,
    created_at text not null,
    updated_at text not null,
    first_response_due text not null,
    resolution_due text not null,
    first_responded_at text null,
    resolved_at text null,
    closed_at text null,
    first_response_breached_at text null,
    resolution_breached_at text null
);

create index ix_queries_queue on queries (queue, id);
create index ix_queries_status on queries (status, id);
create index ix_queries_assignee on queries (assignee, id);
create index ix_queries_contact on queries (contact_id);
create index ix_queries_first_response_due on queries (first_response_due) where first_responded_at is null and first_response_breached_at is null;
create index ix_queries_resolution_due on queries (resolution_due) where resolved_at is null and resolution_breached_at is null;

create table timeline_entries (
    id integer primary key,
    query_id integer not null references queries (id),
    kind text not null,
    actor text not null,
    body text null,
    data text null,
    created_at text not null
);

create index ix_timeline_entries_query on timeline_entries (query_id, id);

-- Every agent reclassification and triage decision: labelled examples for retraining the classifier.
create table labelled_examples (
    id integer primary key,
    text text not null,
    type text not null,
    source text not null,
    query_id integer null references queries (id),
    previous_type text null,
    actor text not null,
    reason text null,
    created_at text not null
);

create table idempotency_keys (
    principal text not null,
    key text not null,
    request_hash text not null,
    query_id integer not null references queries (id),
    response text not null,
    created_at text not null,
    primary key (principal, key)
);
