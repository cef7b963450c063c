-- Feedback (ITIL 4 8.2.6, Table 8.5; experience metrics 9.2.2, Table 9.4): a survey after each resolution, asked on the
-- user's channel and answered there or through a link, and the improvement register that user feedback feeds.

-- One survey per resolved query (a reopened query's pending survey is cancelled, and its next resolution plans another).
-- The question (csat, ces or nps) is chosen when it is asked; due_at is the next moment the survey sender must act on
-- it (send, remind, expire, close the chat's comment window), null when nothing is left to do.
create table surveys (
    id bigint identity(1,1) primary key,
    query_id bigint not null references queries (id),
    contact_id bigint not null references contacts (id),
    token nvarchar(64) not null unique,             -- the answer link's capability: 256 random bits, base64url
    status nvarchar(16) not null check (status in ('scheduled', 'sent', 'answered', 'expired', 'skipped', 'cancelled', 'suppressed')),
    kind nvarchar(8) null check (kind in ('csat', 'ces', 'nps')),
    channel nvarchar(64) null,                      -- how it was asked: chat, or the channel plug-in that carried the link
    conversation_id bigint null references conversations (id),  -- the chat it was asked in
    send_at datetimeoffset(7) not null,
    due_at datetimeoffset(7) null,
    sent_at datetimeoffset(7) null,
    reminded_at datetimeoffset(7) null,
    expires_at datetimeoffset(7) null,
    answered_at datetimeoffset(7) null,
    score int null,
    comment nvarchar(max) null,
    reason nvarchar(max) null,                      -- why it was skipped, suppressed or cancelled
    actor nvarchar(256) null,                       -- who skipped it
    moment_at datetimeoffset(7) null,               -- when its answer raised a moment of truth
    recovery_query_id bigint null references queries (id),
    created_at datetimeoffset(7) not null,
    updated_at datetimeoffset(7) not null
);

create unique index ux_surveys_query on surveys (query_id) where status <> 'cancelled';
create index ix_surveys_due on surveys (due_at) where due_at is not null;
create index ix_surveys_contact on surveys (contact_id, sent_at);
create index ix_surveys_sent on surveys (sent_at) where sent_at is not null;

-- The continual improvement register: suggestions (queries of type improvement_suggestion) and survey comments that
-- propose a change, each once, with a status its originator hears of.
create table improvements (
    id bigint identity(1,1) primary key,
    source nvarchar(8) not null check (source in ('query', 'survey')),
    source_id bigint not null,                      -- the query's or the survey's id
    query_id bigint not null references queries (id),
    contact_id bigint not null references contacts (id),
    text nvarchar(max) not null,
    status nvarchar(16) not null check (status in ('new', 'accepted', 'planned', 'done', 'declined')),
    owner nvarchar(256) null,
    note nvarchar(max) null,                        -- what the originator is told with the status
    created_at datetimeoffset(7) not null,
    updated_at datetimeoffset(7) not null,
    status_changed_at datetimeoffset(7) not null,
    unique (source, source_id)
);

create index ix_improvements_status on improvements (status, id);
