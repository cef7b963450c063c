-- Intake asks, for every new query, whether its contact has an open query past its agreed time frame. Through an index
-- on contact_id alone it read every query of that contact from the table, each on its own page, so intake got slower as
-- a contact's history grew (issue 13). With the status and the breach times in the index the answer comes from the index.
drop index ix_queries_contact on queries;
create index ix_queries_contact on queries (contact_id, status, first_response_breached_at, resolution_breached_at);
