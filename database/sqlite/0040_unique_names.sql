-- Names that people tell things apart by are unique: two live API keys may not share a name (admins tell keys apart
-- by name in /admin and the audit), nor two of the team's canned replies a language and title, nor two of one agent's
-- own. Unique indexes hold this when requests race; names compare trimmed and ignoring case (SQLite's nocase folds
-- A-Z alone, so 'É' and 'é' still differ here). A revoked key gives its name up.
-- A database may already hold such twins: the oldest keeps its name and each later one, in the order they were
-- made, gets " (2)", " (3)", ... appended, so nothing is deleted and each stays findable by its old name. Should
-- "x (2)" already be taken, building the index stops the start-up naming it, to be settled by hand.

update api_keys set name = api_keys.name || ' (' || twins.n || ')'
from (select id, row_number() over (partition by lower(trim(name)) order by id) as n from api_keys where revoked_at is null) as twins
where twins.id = api_keys.id and twins.n > 1;

update canned_replies set title = canned_replies.title || ' (' || twins.n || ')'
from (select id, row_number() over (partition by owner, language, lower(trim(title)) order by id) as n from canned_replies) as twins
where twins.id = canned_replies.id and twins.n > 1;

create unique index ux_api_keys_live_name on api_keys (trim(name) collate nocase) where revoked_at is null;

create unique index ux_canned_replies_team_title on canned_replies (language, trim(title) collate nocase) where owner is null;

create unique index ux_canned_replies_own_title on canned_replies (owner, language, trim(title) collate nocase) where owner is not null;
