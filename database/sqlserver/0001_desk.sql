-- The desk's own tables. Times are datetimeoffset(7) (UTC instants, exact to .NET's 100 ns tick).
-- Text that is indexed or unique has a bounded length (an index key holds at most 900 or 1,700 bytes), at least
-- the longest the desk accepts; other text is nvarchar(max).

create table staff (
    id bigint identity(1,1) primary key,
    username nvarchar(100) not null unique,
    display_name nvarchar(max) not null,
    role nvarchar(20) not null check (role in ('agent', 'supervisor', 'admin')),
    password_hash nvarchar(max) not null,
    created_at datetimeoffset(7) not null
);

create table api_keys (
    id bigint identity(1,1) primary key,
    name nvarchar(max) not null,
    prefix nvarchar(64) not null unique,
    key_hash nvarchar(max) not null,
    scopes nvarchar(max) not null,
    created_by nvarchar(max) not null,
    created_at datetimeoffset(7) not null,
    revoked_at datetimeoffset(7) null
);

create table contacts (
    id bigint identity(1,1) primary key,
    display_name nvarchar(max) not null,
    service_level nvarchar(32) not null default 'standard',
    created_at datetimeoffset(7) not null
);

create table contact_identities (
    id bigint identity(1,1) primary key,
    contact_id bigint not null references contacts (id),
    channel nvarchar(32) not null,
    address nvarchar(320) not null,
    created_at datetimeoffset(7) not null,
    unique (channel, address)
);

create table reference_counters (
    prefix nvarchar(16) not null primary key,
    last_number bigint not null
);

insert into reference_counters (prefix, last_number) values
    ('INC', 1000), ('DIS', 1000), ('REQ', 1000), ('CHG', 1000), ('CMP', 1000),
    ('CPL', 1000), ('SUG', 1000), ('SEC', 1000), ('ASK', 1000);

create table queries (
    id bigint identity(1,1) primary key,
    reference nvarchar(32) not null unique,
    type nvarchar(64) not null,
    queue nvarchar(100) not null,
    status nvarchar(32) not null,
    priority nvarchar(32) not null,
    impact nvarchar(32) not null,
    urgency nvarchar(32) not null,
    channel nvarchar(32) not null,
    contact_id bigint not null references contacts (id),
    subject nvarchar(max) not null,
    text nvarchar(max) not null,
    catalog_item nvarchar(max) null,
    assignee nvarchar(100) null,
    decided_by nvarchar(32) not null,
    model_version nvarchar(max) null,
    confidence float not null,
    decision_rule nvarchar(max) null,
    created_at datetimeoffset(7) not null,
    updated_at datetimeoffset(7) not null,
    first_response_due datetimeoffset(7) not null,
    resolution_due datetimeoffset(7) not null,
    first_responded_at datetimeoffset(7) null,
    resolved_at datetimeoffset(7) null,
    closed_at datetimeoffset(7) null,
    first_response_breached_at datetimeoffset(7) null,
    resolution_breached_at datetimeoffset(7) null
);

create index ix_queries_queue on queries (queue, id);
create index ix_queries_status on queries (status, id);
create index ix_queries_assignee on queries (assignee, id);
create index ix_queries_contact on queries (contact_id);
create index ix_queries_first_response_due on queries (first_response_due) where first_responded_at is null and first_response_breached_at is null;
create index ix_queries_resolution_due on queries (resolution_due) where resolved_at is null and resolution_breached_at is null;

create table timeline_entries (
    id bigint identity(1,1) primary key,
    query_id bigint not null references queries (id),
    kind nvarchar(64) not null,
    actor nvarchar(max) not null,
    body nvarchar(max) null,
    data nvarchar(max) null,
    created_at datetimeoffset(7) not null
);

create index ix_timeline_entries_query on timeline_entries (query_id, id);

-- Every agent reclassification and triage decision: labelled examples for retraining the classifier.
create table labelled_examples (
    id bigint identity(1,1) primary key,
    text nvarchar(max) not null,
    type nvarchar(64) not null,
    source nvarchar(64) not null,
    query_id bigint null references queries (id),
    previous_type nvarchar(64) null,
    actor nvarchar(max) not null,
    reason nvarchar(max) null,
    created_at datetimeoffset(7) not null
);

-- "key" is reserved in T-SQL: quoted here, and the stores quote it through the dialect.
create table idempotency_keys (
    principal nvarchar(200) not null,
    [key] nvarchar(200) not null,
    request_hash nvarchar(max) not null,
    query_id bigint not null references queries (id),
    response nvarchar(max) not null,
    created_at datetimeoffset(7) not null,
    primary key (principal, [key])
);
