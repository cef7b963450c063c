-- Quartz.NET is replaced by Hangfire, which keeps its own tables (created by Hangfire itself, not by these scripts).
-- Drops the job store 0002 created, children before the tables their foreign keys name. "if exists": a database
-- created after Quartz left has none of them (0002 runs nothing there).
-- The names as Quartz wrote them (qrtz_ then upper case), so a case-sensitive collation finds them too.

drop table if exists qrtz_SIMPLE_TRIGGERS;
drop table if exists qrtz_CRON_TRIGGERS;
drop table if exists qrtz_SIMPROP_TRIGGERS;
drop table if exists qrtz_BLOB_TRIGGERS;
drop table if exists qrtz_FIRED_TRIGGERS;
drop table if exists qrtz_TRIGGERS;
drop table if exists qrtz_JOB_DETAILS;
drop table if exists qrtz_CALENDARS;
drop table if exists qrtz_PAUSED_TRIGGER_GRPS;
drop table if exists qrtz_PAUSED_JOB_GRPS;
drop table if exists qrtz_SCHEDULER_STATE;
drop table if exists qrtz_LOCKS;
drop table if exists qrtz_EXECUTION_HISTORY;
drop table if exists qrtz_MISFIRE_HISTORY;
drop table if exists qrtz_JOB_STATUS;
