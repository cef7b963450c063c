-- Staff accounts that can be disabled and locked, sessions kept on the server, and an audit trail.

alter table staff add column disabled_at text null;
alter table staff add column password_changed_at text null;
alter table staff add column failed_sign_ins integer not null default 0;
alter table staff add column locked_until text null;

-- The cookie carries only session_key; the ticket lives here, so ending a session is deleting its row.
create table staff_sessions (
    session_key text primary key,
    staff_id integer not null references staff (id),
    ticket blob not null,
    created_at text not null,
    expires_at text not null,
    last_renewed_at text null
);

create index ix_staff_sessions_staff on staff_sessions (staff_id);
create index ix_staff_sessions_expires on staff_sessions (expires_at);

create table audit_events (
    id integer primary key,
    kind text not null,
    actor text null,
    subject text null,
    client_address text null,
    detail text null,
    created_at text not null
);

create index ix_audit_events_kind on audit_events (kind, id);
