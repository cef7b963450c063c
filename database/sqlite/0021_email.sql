-- E-mail (IMAP in, SMTP out). Every message the desk received or sent, by Message-ID: a mail seen again stores nothing
-- twice, and a reply finds its query by In-Reply-To/References. The original of a received mail is kept (size-limited)
-- since the timeline holds only its cleaned text. Addresses a bounce reported undeliverable get no more mail.

create table email_messages (
    message_id text primary key,
    direction text not null,
    address text not null,
    query_id integer null,
    subject text null,
    outcome text not null,
    recorded_at text not null
);

create index ix_email_messages_query on email_messages (query_id, recorded_at);

create table email_originals (
    message_id text primary key,
    raw blob not null
);

create table email_undeliverable (
    address text primary key,
    reason text not null,
    marked_at text not null
);

-- A received mail's attachments, each up to Email:MaxAttachmentBytes, for staff who may see the query.
create table email_attachments (
    id integer primary key,
    query_id integer not null references queries (id),
    message_id text not null,
    file_name text not null,
    content_type text not null,
    size_bytes integer not null,
    content blob not null,
    received_at text not null
);

create index ix_email_attachments_query on email_attachments (query_id);
