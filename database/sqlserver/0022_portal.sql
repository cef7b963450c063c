-- The end users' self-service portal (issue 12): sign-in by a one-time code sent to an e-mail address or phone, and
-- the portal sessions that follow. A code is kept only as a salted hash; a session only as the hash of its key.

-- When the person behind an identity proved they hold it (a code sent there came back); null: only claimed.
alter table contact_identities add verified_at datetimeoffset(7) null;

create table portal_codes (
    id bigint identity(1,1) primary key,
    purpose nvarchar(16) not null check (purpose in ('sign_in', 'identity')),
    channel nvarchar(64) not null,
    address nvarchar(320) not null,
    code_hash nvarchar(128) not null,
    contact_id bigint null references contacts (id),
    client nvarchar(64) not null,
    created_at datetimeoffset(7) not null,
    expires_at datetimeoffset(7) not null,
    wrong_tries int not null default 0,
    used_at datetimeoffset(7) null
);

create index ix_portal_codes_address on portal_codes (channel, address, created_at);
create index ix_portal_codes_client on portal_codes (client, created_at);

create table portal_sessions (
    session_hash nvarchar(64) primary key,
    contact_id bigint not null references contacts (id),
    created_at datetimeoffset(7) not null,
    expires_at datetimeoffset(7) not null
);

create index ix_portal_sessions_contact on portal_sessions (contact_id);
