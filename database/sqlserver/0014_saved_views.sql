-- Queues in the agent console (issue 10): the soonest deadline of a query's running clocks, for sorting by SLA
-- urgency; the language of its text, for a filter; and each agent's saved views.

-- The soonest deadline (past or future) of a clock that runs now; null while every clock is paused, met or stopped.
-- "zh" when the text holds Chinese characters, else "en" (as the router guesses it). Older queries count as English.
alter table queries add
    sla_due datetimeoffset(7) null,
    language nvarchar(8) not null constraint df_queries_language default 'en';

-- Through exec: the batch is compiled before the columns above exist.
exec (N'update queries set sla_due = (
        select min(d) from (values
            (case when first_responded_at is null then first_response_due end),
            (next_response_due),
            (case when resolved_at is null then resolution_due end)) as deadlines (d))
    where status not in (''resolved'', ''closed'') and sla_paused = 0;
    create index ix_queries_queue_sla_due on queries (queue, sla_due);');

-- A named set of list filters (JSON: queue, status, type, priority, assignee, channel, language, sla, q, sort), owned by
-- the agent who saved it; a shared view is listed to everyone, and only its owner changes or deletes it.
create table saved_views (
    id bigint identity(1,1) primary key,
    owner nvarchar(256) not null,
    name nvarchar(100) not null,
    filters nvarchar(max) not null,
    shared bit not null constraint df_saved_views_shared default 0,
    created_at datetimeoffset(7) not null,
    updated_at datetimeoffset(7) not null,
    constraint uq_saved_views_owner_name unique (owner, name)
);

create index ix_saved_views_shared on saved_views (shared, name);
