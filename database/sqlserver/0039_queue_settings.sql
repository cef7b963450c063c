-- Whether a queue is restricted, set in the desk by an admin (PUT /api/admin/queues/{queue}/restriction). A queue
-- with no row here, or a null restricted (given back to configuration), is as QueueAccess:RestrictedQueues says. A row
-- once made stays, so that two changes to one queue wait for each other on its row.
create table queue_settings (
    queue nvarchar(64) not null primary key,
    restricted bit null,
    updated_by nvarchar(256) not null,
    updated_at datetimeoffset(7) not null
);
