namespace Desk.Tests.Api;

/// <summary>
/// Quartz's job store as 0002 created it with Quartz 4.7, for a test of the migration that drops it: every table by
/// its name, the foreign keys that order the drops, a row in each link of them. Only the key columns: Quartz and its
/// DDL are gone from the desk, and the drop does not look at the rest.
/// </summary>
internal static class QuartzStandIn
{
    static readonly string[] Children = ["SIMPLE_TRIGGERS", "CRON_TRIGGERS", "SIMPROP_TRIGGERS", "BLOB_TRIGGERS"];

    static readonly string[] Others =
        ["FIRED_TRIGGERS", "CALENDARS", "PAUSED_TRIGGER_GRPS", "PAUSED_JOB_GRPS", "SCHEDULER_STATE", "LOCKS",
         "EXECUTION_HISTORY", "MISFIRE_HISTORY", "JOB_STATUS"];

    const string TriggerKey = "sched_name varchar(120) not null, trigger_name varchar(150) not null, trigger_group varchar(150) not null";

    public static IEnumerable<string> Tables =>
    [
        "create table qrtz_JOB_DETAILS (sched_name varchar(120) not null, job_name varchar(150) not null, job_group varchar(150) not null, " +
            "primary key (sched_name, job_name, job_group))",
        $"create table qrtz_TRIGGERS ({TriggerKey}, job_name varchar(150) not null, job_group varchar(150) not null, " +
            "primary key (sched_name, trigger_name, trigger_group), " +
            "foreign key (sched_name, job_name, job_group) references qrtz_JOB_DETAILS (sched_name, job_name, job_group))",
        .. Children.Select(t => $"create table qrtz_{t} ({TriggerKey}, primary key (sched_name, trigger_name, trigger_group), " +
            "foreign key (sched_name, trigger_name, trigger_group) references qrtz_TRIGGERS (sched_name, trigger_name, trigger_group) on delete cascade)"),
        .. Others.Select(t => $"create table qrtz_{t} (sched_name varchar(120) not null)"),
    ];

    public const string Rows = """
        insert into qrtz_JOB_DETAILS values ('desk', 'deadline-sweep', 'sla');
        insert into qrtz_TRIGGERS values ('desk', 'deadline-sweep-every', 'sla', 'deadline-sweep', 'sla');
        insert into qrtz_SIMPLE_TRIGGERS values ('desk', 'deadline-sweep-every', 'sla');
        insert into qrtz_SCHEDULER_STATE values ('desk');
        insert into qrtz_LOCKS values ('desk');
        """;
}
