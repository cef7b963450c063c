-- The console's list, most urgent first, read every open query of the member's queues and sorted them on each call
-- (issue 13: the console asks up to once a second; at 1,000,000 open queries a page took 0.9 s, 2.7 s for an agent).
-- Its order as a column, sla_rank: 0 breached and still open with a running clock, 1 breached without one, 2 a running
-- clock, 3 neither; then the clock's due time, age and id. The open queries in that order, all of them and queue by
-- queue, are two indexes: a page reads each queue it shows from the start and stops at its limit, as does the
-- page's count, which stops 10,000 past the page.
alter table queries add column sla_rank integer generated always as (
    case when status not in ('resolved', 'closed')
          and (first_response_breached_at is not null or resolution_breached_at is not null)
         then case when sla_due is null then 1 else 0 end
         when sla_due is not null then 2
         else 3 end) stored;
create index ix_queries_open_sla_rank on queries (sla_rank, sla_due, created_at, id) where status not in ('resolved', 'closed');
create index ix_queries_open_queue_sla_rank on queries (queue, sla_rank, sla_due, created_at, id) where status not in ('resolved', 'closed');
