-- Routing (issue 10): each agent's languages, load limit and availability, and a round-robin cursor per queue. Which
-- queues an agent works stays in QueueAccess (configuration); this adds what the router weighs among those agents.

-- One row per agent who set their availability or whose routing a supervisor set. Null languages or max_load: the
-- Routing options' defaults. "online" also needs a live console connection (held in memory per node, with a grace).
create table agent_profiles (
    username text primary key,
    languages text null,                    -- comma-separated codes, e.g. "en,zh"
    max_load integer null check (max_load is null or max_load between 1 and 1000),
    availability text not null check (availability in ('online', 'away', 'offline')),
    updated_by text not null,
    updated_at text not null
);

-- The last agent the router gave a query of each queue: the next tie goes to the one after them.
create table routing_cursors (
    queue text primary key,
    last_username text not null,
    updated_at text not null
);

-- The queries waiting for an agent, oldest first, for routing them when someone becomes available.
create index ix_queries_unassigned on queries (queue, id) where assignee is null;
