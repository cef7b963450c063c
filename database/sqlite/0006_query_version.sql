-- A query's row version: every change to a query bumps it, a PATCH may name the version it read (If-Match), and
-- each timeline entry records the version it produced, so a stale change can be told what happened since.
alter table queries add column version integer not null default 1;
alter table timeline_entries add column query_version integer null;
