-- Two lookups every intake makes grew with history (issue 13): whether the contact has an open query past its agreed
-- time frame read every index entry of that contact (2,800 entries, 180 µs, for a contact with that many queries), and
-- the agents' loads read every query ever assigned. A column that says "open and breached" (computed, persisted),
-- indexed after the contact, makes the first one seek; a filtered index of the open assigned queries keeps the second
-- to the queries agents hold (a filtered index takes no NOT IN, hence the two comparisons).
alter table queries add open_breached as (
    case when status not in ('resolved', 'closed')
          and (first_response_breached_at is not null or resolution_breached_at is not null) then 1 else 0 end) persisted;
drop index ix_queries_contact on queries;
create index ix_queries_contact on queries (contact_id, open_breached);
create index ix_queries_assignee_open on queries (assignee) where assignee is not null and status <> 'resolved' and status <> 'closed';
