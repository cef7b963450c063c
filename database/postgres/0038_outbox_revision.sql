-- Counts the writes to a message's delivery, so a console orders two accounts of it by this rather than by their
-- times: nodes' clocks differ, a browser reads times to the millisecond, and a resend goes back to 'pending'.
alter table outbox_messages add column revision integer not null default 0;
