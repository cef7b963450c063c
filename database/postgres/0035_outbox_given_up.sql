-- The outbox's health check counts the messages given up lately on every GET /health: this keeps that read to the
-- messages given up, never the ones sent long ago.
create index ix_outbox_messages_given_up on outbox_messages (updated_at) where state in ('failed', 'unknown');
