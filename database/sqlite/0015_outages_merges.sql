-- Duplicates merged into one query, and major outages (Table 8.4 "disaster": service continuity) with the queries
-- linked to them.

-- A duplicate is closed and points at the query it was merged into; the survivor takes its conversations.
alter table queries add merged_into_id integer null references queries (id);

-- A major outage, declared by staff; the users of its linked queries are told of it together.
create table outages (
    id integer primary key,
    title text not null,
    description text not null,
    service text null,
    status text not null check (status in ('declared', 'resolved')),
    declared_by text not null,
    declared_at text not null,
    resolved_by text null,
    resolved_at text null,
    resolution text null
);

create index ix_outages_status on outages (status, id);

create table outage_links (
    outage_id integer not null references outages (id),
    query_id integer not null references queries (id),
    linked_by text not null,
    linked_at text not null,
    primary key (outage_id, query_id)
);

create index ix_outage_links_query on outage_links (query_id);
