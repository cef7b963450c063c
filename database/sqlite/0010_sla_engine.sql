-- The SLA engine: calendars, policies by type × priority × service level, each query's next due SLA moment, and the
-- warnings and breaches recorded.

-- Business hours: windows per weekday as JSON ({"mon": ["08:00-12:00", "13:00-17:00"], ...}), null for 24×7.
create table sla_calendars (
    name text primary key,
    time_zone text not null,
    windows text null,
    holidays text not null default '[]',
    updated_by text not null,
    updated_at text not null
);

-- Targets in seconds; '*' matches any type or service level, and the most specific row wins.
create table sla_policies (
    id integer primary key,
    type text not null,
    priority text not null,
    service_level text not null,
    first_response_seconds integer not null,
    next_response_seconds integer not null,
    resolution_seconds integer not null,
    calendar text not null references sla_calendars (name),
    escalation text null,
    updated_by text not null,
    updated_at text not null,
    unique (type, priority, service_level)
);

-- Each warning and breach once, whichever node or job run gets there first (a next-response cycle has its own).
create table sla_events (
    id integer primary key,
    query_id integer not null references queries (id),
    metric text not null,
    kind text not null check (kind in ('warning', 'breach')),
    share real not null,
    cycle_start text not null,
    due_at text not null,
    recorded_at text not null,
    unique (query_id, metric, kind, share, cycle_start)
);

create index ix_sla_events_recorded on sla_events (recorded_at);

alter table queries add column next_response_due text null;
alter table queries add column sla_paused integer not null default 0;
-- The next instant one of the query's running clocks crosses a warning share or a deadline: the timer pass's index.
alter table queries add column sla_next_due text null;
create index ix_queries_sla_next_due on queries (sla_next_due) where sla_next_due is not null;

insert into sla_calendars (name, time_zone, windows, holidays, updated_by, updated_at) values
    ('24x7', 'Etc/UTC', null, '[]', 'desk', '2026-11-30T00:00:00.0000000+00:00'),
    ('office-hours', 'Europe/Amsterdam',
     '{"mon":["08:00-18:00"],"tue":["08:00-18:00"],"wed":["08:00-18:00"],"thu":["08:00-18:00"],"fri":["08:00-18:00"]}',
     '["2026-12-25","2026-12-26","2027-01-01"]', 'desk', '2026-11-30T00:00:00.0000000+00:00');

insert into sla_policies (type, priority, service_level, first_response_seconds, next_response_seconds, resolution_seconds,
    calendar, escalation, updated_by, updated_at) values
    ('*', 'P1', '*', 900, 1800, 14400, '24x7', '{"notifySupervisors":true}', 'desk', '2026-11-30T00:00:00.0000000+00:00'),
    ('*', 'P2', '*', 3600, 7200, 28800, '24x7', '{"notifySupervisors":true}', 'desk', '2026-11-30T00:00:00.0000000+00:00'),
    ('*', 'P3', '*', 14400, 28800, 259200, '24x7', null, 'desk', '2026-11-30T00:00:00.0000000+00:00'),
    ('*', 'P4', '*', 28800, 57600, 432000, '24x7', null, 'desk', '2026-11-30T00:00:00.0000000+00:00');
