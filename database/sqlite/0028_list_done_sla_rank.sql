-- A list of resolved or closed queries, most urgent first, read and sorted every one of them on each call: they are
-- the desk's history and only grow. They keep the order of 0027 (sla_rank, due time, age, id) in two indexes of their
-- own, all queues and queue by queue, status first; no open query is in them, so intake never writes to them. The
-- store states their predicate in literals beside the status parameter, since no planner matches a parameter to it.
create index ix_queries_done_sla_rank on queries (status, sla_rank, sla_due, created_at, id) where status in ('resolved', 'closed');
create index ix_queries_done_queue_sla_rank on queries (queue, status, sla_rank, sla_due, created_at, id) where status in ('resolved', 'closed');
