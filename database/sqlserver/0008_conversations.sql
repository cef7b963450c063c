-- Two-way service: chat conversations the bot holds, messages to users in an outbox, and the bot's measures.

-- One per chat conversation on a channel, so a restart or another node continues it where it stood.
create table conversations (
    id bigint identity(1,1) primary key,
    channel nvarchar(64) not null,
    conversation_key nvarchar(64) not null unique,  -- SHA-256 of channel and the channel's conversation id (which may be long)
    address nvarchar(max) not null,                 -- the conversation reference (JSON) a proactive message is sent to
    contact_id bigint null references contacts (id),
    language nvarchar(8) not null,
    state nvarchar(16) not null check (state in ('bot', 'waiting', 'live')),
    step nvarchar(32) null,                         -- what the bot asked and awaits an answer to
    pending nvarchar(max) null,                     -- JSON: what that answer applies to
    query_id bigint null references queries (id),
    agent nvarchar(256) null,
    waiting_since datetimeoffset(7) null,
    last_user_at datetimeoffset(7) not null,
    created_at datetimeoffset(7) not null,
    updated_at datetimeoffset(7) not null,
    version bigint not null constraint df_conversations_version default 1
);

create index ix_conversations_query on conversations (query_id);
create index ix_conversations_waiting on conversations (waiting_since) where state = 'waiting';
create index ix_conversations_step on conversations (last_user_at) where step is not null;

-- Each incoming activity once: a redelivery finds its turn and changes nothing.
create table conversation_turns (
    conversation_id bigint not null references conversations (id),
    activity_id nvarchar(256) not null,
    text_hash nvarchar(64) not null,
    created_at datetimeoffset(7) not null,
    primary key (conversation_id, activity_id)
);

-- Messages to users, written in the transaction of the change that caused them and delivered by the outbox sender.
create table outbox_messages (
    id bigint identity(1,1) primary key,
    message_id nvarchar(64) not null unique,
    channel nvarchar(64) not null,
    address nvarchar(max) not null,
    payload nvarchar(max) not null,
    query_id bigint null references queries (id),
    timeline_entry_id bigint null references timeline_entries (id),
    conversation_id bigint null references conversations (id),
    state nvarchar(16) not null check (state in ('pending', 'sending', 'retrying', 'sent', 'failed', 'unknown')),
    attempts int not null constraint df_outbox_messages_attempts default 0,
    next_attempt_at datetimeoffset(7) not null,
    claimed_until datetimeoffset(7) null,
    last_error nvarchar(max) null,
    created_at datetimeoffset(7) not null,
    updated_at datetimeoffset(7) not null,
    sent_at datetimeoffset(7) null
);

create index ix_outbox_messages_due on outbox_messages (next_attempt_at) where state in ('pending', 'retrying');
create index ix_outbox_messages_sending on outbox_messages (claimed_until) where state = 'sending';
create index ix_outbox_messages_entry on outbox_messages (timeline_entry_id);

-- What happened in conversations, for the bot's measures (containment, handoffs, deflection, not understood, abandoned).
create table bot_events (
    id bigint identity(1,1) primary key,
    conversation_id bigint not null references conversations (id),
    channel nvarchar(64) not null,
    kind nvarchar(32) not null,
    query_id bigint null references queries (id),
    data nvarchar(max) null,
    created_at datetimeoffset(7) not null
);

create index ix_bot_events_created on bot_events (created_at);
