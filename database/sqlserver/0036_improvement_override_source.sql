-- A supervisor's review of an override that proposes a change to the rule it broke joins the improvement register, with
-- source 'override' (source_id the override's id; nvarchar(8) holds it). The rows and their ids stay as they are. 0011
-- left the check on source unnamed, so its generated name is looked up; from here it has a name.
declare @check sysname = (
    select name from sys.check_constraints
    where parent_object_id = object_id(N'improvements') and col_name(parent_object_id, parent_column_id) = N'source');
declare @drop nvarchar(400) = N'alter table improvements drop constraint ' + quotename(@check);

if @check is not null
    exec (@drop);

alter table improvements add constraint ck_improvements_source check (source in ('query', 'survey', 'override'));
