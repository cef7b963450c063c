-- A query's row version: every change to a query bumps it, a PATCH may name the version it read (If-Match), and
-- each timeline entry records the version it produced, so a stale change can be told what happened since.
alter table queries add version bigint not null constraint df_queries_version default 1;
alter table timeline_entries add query_version bigint null;
