-- The end users' self-service portal (issue 12): sign-in by a one-time code sent to an e-mail address or phone, and
-- the portal sessions that follow. A code is kept only as a salted hash; a session only as the hash of its key.

-- When the person behind an identity proved they hold it (a code sent there came back); null: only claimed.
alter table contact_identities add verified_at text null;

create table portal_codes (
    id integer primary key,
    purpose text not null check (purpose in ('sign_in', 'identity')),
    channel text not null,
    address text not null,
    code_hash text not null,
    contact_id integer null references contacts (id),
    client text not null,
    created_at text not null,
    expires_at text not null,
    wrong_tries integer not null default 0,
    used_at text null
);

create index ix_portal_codes_address on portal_codes (channel, address, created_at);
create index ix_portal_codes_client on portal_codes (client, created_at);

create table portal_sessions (
    session_hash text primary key,
    contact_id integer not null references contacts (id),
    created_at text not null,
    expires_at text not null
);

create index ix_portal_sessions_contact on portal_sessions (contact_id);
