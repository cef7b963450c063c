-- Moments of truth (ITIL 4 DSV 8.2.4) and intelligent disobedience (8.2.5).

-- Every moment of truth, whatever raised it (the desk itself, a survey, or an agent by hand), once per cause: source_key
-- names the cause (first_response, reopen:v7, sla:resolution:breach:1:<cycle>, survey:12, manual:<guid>), so a cause
-- that is processed twice records one moment. A negative moment opens a recovery, owned by the query's assignee (or its
-- queue when nobody has it), until someone records how it was recovered; a low score's recovery is also a query.
create table moments (
    id bigint identity(1,1) primary key,
    query_id bigint not null references queries (id),
    kind nvarchar(32) not null check (kind in ('first_response', 'sla_warning', 'sla_breach', 'reopen', 'complaint', 'low_score', 'handoff',
        'escalation', 'other')),
    polarity nvarchar(16) not null check (polarity in ('positive', 'negative')),
    source_key nvarchar(200) not null,
    queue nvarchar(64) not null,                   -- the query's queue when it happened: the team view is per queue and day
    actor nvarchar(256) not null,
    note nvarchar(max) null,
    recovery_state nvarchar(16) null check (recovery_state in ('open', 'recovered')),
    recovery_owner nvarchar(256) null,
    recovery_query_id bigint null references queries (id),
    recovered_at datetimeoffset(7) null,
    recovered_by nvarchar(256) null,
    recovery_note nvarchar(max) null,
    created_at datetimeoffset(7) not null,
    unique (query_id, source_key)
);

create index ix_moments_created on moments (created_at, queue);
create index ix_moments_recovery_query on moments (recovery_query_id) where recovery_query_id is not null;

-- The surveys' low scores recorded before this table, as moments with their recovery queries.
insert into moments (query_id, kind, polarity, source_key, queue, actor, recovery_state, recovery_query_id, created_at)
select s.query_id, 'low_score', 'negative', concat('survey:', s.id), q.queue, 'survey', 'open', s.recovery_query_id, s.moment_at
from surveys s join queries q on q.id = s.query_id
where s.moment_at is not null;

-- Each time an agent broke a rule, with the written why. Append-only: the desk never updates or deletes a row; a
-- supervisor's review is a row of its own in override_reviews.
create table overrides (
    id bigint identity(1,1) primary key,
    rule_name nvarchar(64) not null,               -- a stable rule name (Desk.Api/Overrides/OverrideRules.cs): sla.reopen-window
    query_id bigint null references queries (id),
    actor nvarchar(256) not null,
    justification nvarchar(max) not null,
    detail nvarchar(max) null,                      -- JSON: what the rule said and what was done instead
    created_at datetimeoffset(7) not null
);

create index ix_overrides_rule on overrides (rule_name, id);

-- One review per override: accepted as it was, or turned into a proposal to change the rule.
create table override_reviews (
    id bigint identity(1,1) primary key,
    override_id bigint not null unique references overrides (id),
    decision nvarchar(16) not null check (decision in ('accept', 'propose_change')),
    note nvarchar(max) null,
    reviewer nvarchar(256) not null,
    reviewed_at datetimeoffset(7) not null
);
