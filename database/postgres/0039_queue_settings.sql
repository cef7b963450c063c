-- Whether a queue is restricted, set in the desk by an admin (PUT /api/admin/queues/{queue}/restriction). A queue
-- with no row here is as QueueAccess:RestrictedQueues in configuration says.
create table queue_settings (
    queue text primary key,
    restricted boolean not null,
    updated_by text not null,
    updated_at timestamptz not null
);
