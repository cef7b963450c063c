-- Duplicates merged into one query, and major outages (Table 8.4 "disaster": service continuity) with the queries
-- linked to them.

-- A duplicate is closed and points at the query it was merged into; the survivor takes its conversations.
alter table queries add merged_into_id bigint null references queries (id);

-- A major outage, declared by staff; the users of its linked queries are told of it together.
create table outages (
    id bigint identity(1,1) primary key,
    title nvarchar(256) not null,
    description nvarchar(max) not null,
    service nvarchar(256) null,
    status nvarchar(16) not null check (status in ('declared', 'resolved')),
    declared_by nvarchar(256) not null,
    declared_at datetimeoffset(7) not null,
    resolved_by nvarchar(256) null,
    resolved_at datetimeoffset(7) null,
    resolution nvarchar(max) null
);

create index ix_outages_status on outages (status, id);

create table outage_links (
    outage_id bigint not null references outages (id),
    query_id bigint not null references queries (id),
    linked_by nvarchar(256) not null,
    linked_at datetimeoffset(7) not null,
    primary key (outage_id, query_id)
);

create index ix_outage_links_query on outage_links (query_id);
