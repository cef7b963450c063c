-- A supervisor's review of an override that proposes a change to the rule it broke joins the improvement register, with
-- source 'override' (source_id the override's id). The rows and their ids stay as they are.
alter table improvements drop constraint if exists improvements_source_check;

alter table improvements add constraint improvements_source_check check (source in ('query', 'survey', 'override'));
