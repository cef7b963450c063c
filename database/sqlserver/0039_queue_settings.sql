-- Whether a queue is restricted, set in the desk by an admin (PUT /api/admin/queues/{queue}/restriction). A queue
-- with no row here is as QueueAccess:RestrictedQueues in configuration says.
create table queue_settings (
    queue nvarchar(64) not null primary key,
    restricted bit not null,
    updated_by nvarchar(256) not null,
    updated_at datetimeoffset(7) not null
);
