-- Queues in the agent console (issue 10): the soonest deadline of a query's running clocks, for sorting by SLA
-- urgency; the language of its text, for a filter; and each agent's saved views.

-- The soonest deadline (past or future) of a clock that runs now; null while every clock is paused, met or stopped.
alter table queries add column sla_due text null;
-- "zh" when the text holds Chinese characters, else "en" (as the router guesses it). Older queries count as English.
alter table queries add column language text not null default 'en';

update queries set sla_due = (
    select min(column1) from (values
        (case when first_responded_at is null then first_response_due end),
        (next_response_due),
        (case when resolved_at is null then resolution_due end)))
where status not in ('resolved', 'closed') and sla_paused = 0;

create index ix_queries_queue_sla_due on queries (queue, sla_due);

-- A named set of list filters (JSON: queue, status, type, priority, assignee, channel, language, sla, q, sort), owned by
-- the agent who saved it; a shared view is listed to everyone, and only its owner changes or deletes it.
create table saved_views (
    id integer primary key,
    owner text not null,
    name text not null,
    filters text not null,
    shared integer not null default 0,
    created_at text not null,
    updated_at text not null,
    unique (owner, name)
);

create index ix_saved_views_shared on saved_views (shared, name);
