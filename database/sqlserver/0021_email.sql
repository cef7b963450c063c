-- E-mail (IMAP in, SMTP out). Every message the desk received or sent, by Message-ID: a mail seen again stores nothing
-- twice, and a reply finds its query by In-Reply-To/References. The original of a received mail is kept (size-limited)
-- since the timeline holds only its cleaned text. Addresses a bounce reported undeliverable get no more mail.

create table email_messages (
    message_id nvarchar(400) primary key,
    direction nvarchar(8) not null,
    address nvarchar(320) not null,
    query_id bigint null,
    subject nvarchar(1000) null,
    outcome nvarchar(16) not null,
    recorded_at datetimeoffset(7) not null
);

create index ix_email_messages_query on email_messages (query_id, recorded_at);

create table email_originals (
    message_id nvarchar(400) primary key,
    raw varbinary(max) not null
);

create table email_undeliverable (
    address nvarchar(320) primary key,
    reason nvarchar(1000) not null,
    marked_at datetimeoffset(7) not null
);

-- A received mail's attachments, each up to Email:MaxAttachmentBytes, for staff who may see the query.
create table email_attachments (
    id bigint identity(1,1) primary key,
    query_id bigint not null references queries (id),
    message_id nvarchar(400) not null,
    file_name nvarchar(255) not null,
    content_type nvarchar(127) not null,
    size_bytes bigint not null,
    content varbinary(max) not null,
    received_at datetimeoffset(7) not null
);

create index ix_email_attachments_query on email_attachments (query_id);
