-- Moments of truth (ITIL 4 DSV 8.2.4) and intelligent disobedience (8.2.5).

-- Every moment of truth, whatever raised it (the desk itself, a survey, or an agent by hand), once per cause: source_key
-- names the cause (first_response, reopen:v7, sla:resolution:breach:1:<cycle>, survey:12, manual:<guid>), so a cause
-- that is processed twice records one moment. A negative moment opens a recovery, owned by the query's assignee (or its
-- queue when nobody has it), until someone records how it was recovered; a low score's recovery is also a query.
create table moments (
    id integer primary key,
    query_id integer not null references queries (id),
    kind text not null check (kind in ('first_response', 'sla_warning', 'sla_breach', 'reopen', 'complaint', 'low_score', 'handoff',
        'escalation', 'other')),
    polarity text not null check (polarity in ('positive', 'negative')),
    source_key text not null,
    queue text not null,                   -- the query's queue when it happened: the team view is per queue and day
    actor text not null,
    note text null,
    recovery_state text null check (recovery_state in ('open', 'recovered')),
    recovery_owner text null,
    recovery_query_id integer null references queries (id),
    recovered_at text null,
    recovered_by text null,
    recovery_note text null,
    created_at text not null,
    unique (query_id, source_key)
);

create index ix_moments_created on moments (created_at, queue);
create index ix_moments_recovery_query on moments (recovery_query_id) where recovery_query_id is not null;

-- The surveys' low scores recorded before this table, as moments with their recovery queries.
insert into moments (query_id, kind, polarity, source_key, queue, actor, recovery_state, recovery_query_id, created_at)
select s.query_id, 'low_score', 'negative', 'survey:' || s.id, q.queue, 'survey', 'open', s.recovery_query_id, s.moment_at
from surveys s join queries q on q.id = s.query_id
where s.moment_at is not null;

-- Each time an agent broke a rule, with the written why. Append-only: the desk never updates or deletes a row; a
-- supervisor's review is a row of its own in override_reviews.
create table overrides (
    id integer primary key,
    rule_name text not null,               -- a stable rule name (Desk.Api/Overrides/OverrideRules.cs): sla.reopen-window
    query_id integer null references queries (id),
    actor text not null,
    justification text not null,
    detail text null,                      -- JSON: what the rule said and what was done instead
    created_at text not null
);

create index ix_overrides_rule on overrides (rule_name, id);

-- One review per override: accepted as it was, or turned into a proposal to change the rule.
create table override_reviews (
    id integer primary key,
    override_id integer not null unique references overrides (id),
    decision text not null check (decision in ('accept', 'propose_change')),
    note text null,
    reviewer text not null,
    reviewed_at text not null
);
