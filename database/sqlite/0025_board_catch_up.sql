-- The board takes in what changed since its last read, not every open query again (issue 13, point 4): every change
-- of a query sets updated_at, so the rows changed since a moment are a range of this index. Today's attainment counts
-- the first responses and resolutions of the day: ranges of the two partial indexes, not a scan of every query.
create index ix_queries_updated_at on queries (updated_at);
create index ix_queries_first_responded_at on queries (first_responded_at) where first_responded_at is not null;
create index ix_queries_resolved_at on queries (resolved_at) where resolved_at is not null;
