-- Feedback (ITIL 4 8.2.6, Table 8.5; experience metrics 9.2.2, Table 9.4): a survey after each resolution, asked on the
-- user's channel and answered there or through a link, and the improvement register that user feedback feeds.

-- One survey per resolved query (a reopened query's pending survey is cancelled, and its next resolution plans another).
-- The question (csat, ces or nps) is chosen when it is asked; due_at is the next moment the survey sender must act on
-- it (send, remind, expire, close the chat's comment window), null when nothing is left to do.
create table surveys (
    id integer primary key,
    query_id integer not null references queries (id),
    contact_id integer not null references contacts (id),
    token text not null unique,             -- the answer link's capability: 256 random bits, base64url
    status text not null check (status in ('scheduled', 'sent', 'answered', 'expired', 'skipped', 'cancelled', 'suppressed')),
    kind text null check (kind in ('csat', 'ces', 'nps')),
    channel text null,                      -- how it was asked: chat, or the channel plug-in that carried the link
    conversation_id integer null references conversations (id),  -- the chat it was asked in
    send_at text not null,
    due_at text null,
    sent_at text null,
    reminded_at text null,
    expires_at text null,
    answered_at text null,
    score integer null,
    comment text null,
    reason text null,                       -- why it was skipped, suppressed or cancelled
    actor text null,                        -- who skipped it
    moment_at text null,                    -- when its answer raised a moment of truth
    recovery_query_id integer null references queries (id),
    created_at text not null,
    updated_at text not null
);

create unique index ux_surveys_query on surveys (query_id) where status <> 'cancelled';
create index ix_surveys_due on surveys (due_at) where due_at is not null;
create index ix_surveys_contact on surveys (contact_id, sent_at);
create index ix_surveys_sent on surveys (sent_at) where sent_at is not null;

-- The continual improvement register: suggestions (queries of type improvement_suggestion) and survey comments that
-- propose a change, each once, with a status its originator hears of.
create table improvements (
    id integer primary key,
    source text not null check (source in ('query', 'survey')),
    source_id integer not null,             -- the query's or the survey's id
    query_id integer not null references queries (id),
    contact_id integer not null references contacts (id),
    text text not null,
    status text not null check (status in ('new', 'accepted', 'planned', 'done', 'declined')),
    owner text null,
    note text null,                         -- what the originator is told with the status
    created_at text not null,
    updated_at text not null,
    status_changed_at text not null,
    unique (source, source_id)
);

create index ix_improvements_status on improvements (status, id);
