-- Two-way service: chat conversations the bot holds, messages to users in an outbox, and the bot's measures.

-- One per chat conversation on a channel, so a restart or another node continues it where it stood.
create table conversations (
    id integer primary key,
    channel text not null,
    conversation_key text not null unique,  -- SHA-256 of channel and the channel's conversation id (which may be long)
    address text not null,                  -- the conversation reference (JSON) a proactive message is sent to
    contact_id integer null references contacts (id),
    language text not null,
    state text not null check (state in ('bot', 'waiting', 'live')),
    step text null,                         -- what the bot asked and awaits an answer to
    pending text null,                      -- JSON: what that answer applies to
    query_id integer null references queries (id),
    agent text null,
    waiting_since text null,
    last_user_at text not null,
    created_at text not null,
    updated_at text not null,
    version integer not null default 1
);

create index ix_conversations_query on conversations (query_id);
create index ix_conversations_waiting on conversations (waiting_since) where state = 'waiting';
create index ix_conversations_step on conversations (last_user_at) where step is not null;

-- Each incoming activity once: a redelivery finds its turn and changes nothing.
create table conversation_turns (
    conversation_id integer not null references conversations (id),
    activity_id text not null,
    text_hash text not null,
    created_at text not null,
    primary key (conversation_id, activity_id)
);

-- Messages to users, written in the transaction of the change that caused them and delivered by the outbox sender.
create table outbox_messages (
    id integer primary key,
    message_id text not null unique,
    channel text not null,
    address text not null,
    payload text not null,
    query_id integer null references queries (id),
    timeline_entry_id integer null references timeline_entries (id),
    conversation_id integer null references conversations (id),
    state text not null check (state in ('pending', 'sending', 'retrying', 'sent', 'failed', 'unknown')),
    attempts integer not null default 0,
    next_attempt_at text not null,
    claimed_until text null,
    last_error text null,
    created_at text not null,
    updated_at text not null,
    sent_at text null
);

create index ix_outbox_messages_due on outbox_messages (next_attempt_at) where state in ('pending', 'retrying');
create index ix_outbox_messages_sending on outbox_messages (claimed_until) where state = 'sending';
create index ix_outbox_messages_entry on outbox_messages (timeline_entry_id);

-- What happened in conversations, for the bot's measures (containment, handoffs, deflection, not understood, abandoned).
create table bot_events (
    id integer primary key,
    conversation_id integer not null references conversations (id),
    channel text not null,
    kind text not null,
    query_id integer null references queries (id),
    data text null,
    created_at text not null
);

create index ix_bot_events_created on bot_events (created_at);
