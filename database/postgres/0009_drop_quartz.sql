-- Quartz.NET is replaced by Hangfire, which keeps its own tables (created by Hangfire itself, not by these scripts).
-- Drops the job store 0002 created, children before the tables their foreign keys name. "if exists": a database
-- created after Quartz left has none of them (0002 runs nothing there).
-- Hangfire's tables are in the schema "hangfire"; these were in the desk's own.

drop table if exists qrtz_simple_triggers;
drop table if exists qrtz_cron_triggers;
drop table if exists qrtz_simprop_triggers;
drop table if exists qrtz_blob_triggers;
drop table if exists qrtz_fired_triggers;
drop table if exists qrtz_triggers;
drop table if exists qrtz_job_details;
drop table if exists qrtz_calendars;
drop table if exists qrtz_paused_trigger_grps;
drop table if exists qrtz_paused_job_grps;
drop table if exists qrtz_scheduler_state;
drop table if exists qrtz_locks;
drop table if exists qrtz_execution_history;
drop table if exists qrtz_misfire_history;
drop table if exists qrtz_job_status;
