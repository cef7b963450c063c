-- Staff accounts that can be disabled and locked, sessions kept on the server, and an audit trail.

alter table staff add
    disabled_at datetimeoffset(7) null,
    password_changed_at datetimeoffset(7) null,
    failed_sign_ins int not null default 0,
    locked_until datetimeoffset(7) null;

-- The cookie carries only session_key; the ticket lives here, so ending a session is deleting its row.
create table staff_sessions (
    session_key nvarchar(128) not null primary key,
    staff_id bigint not null references staff (id),
    ticket varbinary(max) not null,
    created_at datetimeoffset(7) not null,
    expires_at datetimeoffset(7) not null,
    last_renewed_at datetimeoffset(7) null
);

create index ix_staff_sessions_staff on staff_sessions (staff_id);
create index ix_staff_sessions_expires on staff_sessions (expires_at);

create table audit_events (
    id bigint identity(1,1) primary key,
    kind nvarchar(64) not null,
    actor nvarchar(max) null,
    subject nvarchar(max) null,
    client_address nvarchar(max) null,
    detail nvarchar(max) null,
    created_at datetimeoffset(7) not null
);

create index ix_audit_events_kind on audit_events (kind, id);
