-- Names that people tell things apart by are unique: two live API keys may not share a name (admins tell keys apart
-- by name in /admin and the audit), nor two of the team's canned replies a language and title, nor two of one agent's
-- own. Unique indexes hold this when requests race. A revoked key gives its name up.
-- SQL Server allows no filtered index on a computed column, so there is no lower(name) to index: the columns take a
-- case-insensitive collation instead (the name was nvarchar(max), which no index takes; the desk allows 100
-- characters). Trailing spaces never count in SQL Server's comparisons; the desk trims names before it stores them.
-- A database may already hold such twins: the oldest keeps its name and each later one, in the order they were
-- made, gets " (2)", " (3)", ... appended, so nothing is deleted and each stays findable by its old name. Should
-- "x (2)" already be taken, building the index stops the start-up naming it, to be settled by hand.

with twins as (
    select name, row_number() over (partition by lower(ltrim(rtrim(name))) order by id) as n from api_keys where revoked_at is null
)
update twins set name = name + N' (' + cast(n as nvarchar(20)) + N')' where n > 1;

with twins as (
    select title, row_number() over (partition by owner, language, lower(ltrim(rtrim(title))) order by id) as n from canned_replies
)
update twins set title = title + N' (' + cast(n as nvarchar(20)) + N')' where n > 1;

alter table api_keys alter column name nvarchar(200) collate Latin1_General_100_CI_AS not null;

alter table canned_replies alter column title nvarchar(200) collate Latin1_General_100_CI_AS not null;

-- Through exec: the batch is compiled before the columns above take their new type.
exec (N'create unique index ux_api_keys_live_name on api_keys (name) where revoked_at is null;
    create unique index ux_canned_replies_team_title on canned_replies (language, title) where owner is null;
    create unique index ux_canned_replies_own_title on canned_replies (owner, language, title) where owner is not null;');
