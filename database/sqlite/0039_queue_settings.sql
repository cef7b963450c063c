-- Whether a queue is restricted, set in the desk by an admin (PUT /api/admin/queues/{queue}/restriction). A queue
-- with no row here, or a null restricted (given back to configuration), is as QueueAccess:RestrictedQueues says. A row
-- once made stays, so that two changes to one queue wait for each other on its row.
create table queue_settings (
    queue text primary key,
    restricted integer null check (restricted in (0, 1)),
    updated_by text not null,
    updated_at text not null
);
