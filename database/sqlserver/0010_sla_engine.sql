-- The SLA engine: calendars, policies by type × priority × service level, each query's next due SLA moment, and the
-- warnings and breaches recorded.

-- Business hours: windows per weekday as JSON ({"mon": ["08:00-12:00", "13:00-17:00"], ...}), null for 24×7.
create table sla_calendars (
    name nvarchar(64) primary key,
    time_zone nvarchar(64) not null,
    windows nvarchar(max) null,
    holidays nvarchar(max) not null constraint df_sla_calendars_holidays default '[]',
    updated_by nvarchar(256) not null,
    updated_at datetimeoffset(7) not null
);

-- Targets in seconds; '*' matches any type or service level, and the most specific row wins.
create table sla_policies (
    id bigint identity(1,1) primary key,
    type nvarchar(32) not null,
    priority nvarchar(2) not null,
    service_level nvarchar(32) not null,
    first_response_seconds bigint not null,
    next_response_seconds bigint not null,
    resolution_seconds bigint not null,
    calendar nvarchar(64) not null references sla_calendars (name),
    escalation nvarchar(max) null,
    updated_by nvarchar(256) not null,
    updated_at datetimeoffset(7) not null,
    unique (type, priority, service_level)
);

-- Each warning and breach once, whichever node or job run gets there first (a next-response cycle has its own).
create table sla_events (
    id bigint identity(1,1) primary key,
    query_id bigint not null references queries (id),
    metric nvarchar(32) not null,
    kind nvarchar(16) not null check (kind in ('warning', 'breach')),
    share float not null,
    cycle_start datetimeoffset(7) not null,
    due_at datetimeoffset(7) not null,
    recorded_at datetimeoffset(7) not null,
    unique (query_id, metric, kind, share, cycle_start)
);

create index ix_sla_events_recorded on sla_events (recorded_at);

alter table queries add
    next_response_due datetimeoffset(7) null,
    sla_paused bit not null constraint df_queries_sla_paused default 0,
    -- The next instant one of the query's running clocks crosses a warning share or a deadline: the timer pass's index.
    sla_next_due datetimeoffset(7) null;

insert into sla_calendars (name, time_zone, windows, holidays, updated_by, updated_at) values
    ('24x7', 'Etc/UTC', null, '[]', 'desk', '2026-11-30T00:00:00.0000000+00:00'),
    ('office-hours', 'Europe/Amsterdam',
     '{"mon":["08:00-18:00"],"tue":["08:00-18:00"],"wed":["08:00-18:00"],"thu":["08:00-18:00"],"fri":["08:00-18:00"]}',
     '["2026-12-25","2026-12-26","2027-01-01"]', 'desk', '2026-11-30T00:00:00.0000000+00:00');

insert into sla_policies (type, priority, service_level, first_response_seconds, next_response_seconds, resolution_seconds,
    calendar, escalation, updated_by, updated_at) values
    ('*', 'P1', '*', 900, 1800, 14400, '24x7', N'{"notifySupervisors":true}', 'desk', '2026-11-30T00:00:00.0000000+00:00'),
    ('*', 'P2', '*', 3600, 7200, 28800, '24x7', N'{"notifySupervisors":true}', 'desk', '2026-11-30T00:00:00.0000000+00:00'),
    ('*', 'P3', '*', 14400, 28800, 259200, '24x7', null, 'desk', '2026-11-30T00:00:00.0000000+00:00'),
    ('*', 'P4', '*', 28800, 57600, 432000, '24x7', null, 'desk', '2026-11-30T00:00:00.0000000+00:00');

create index ix_queries_sla_next_due on queries (sla_next_due) where sla_next_due is not null;
