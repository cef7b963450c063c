-- The chats that carried a query, newest turn first: a reply on a chat's earlier query reaches it after the chat moved
-- on to a newer one (the conversation's query_id names only the latest).
create index ix_bot_events_query on bot_events (query_id, id);
