-- "Did this help?" counts each portal user once per article: a second answer replaces the first (they changed their
-- mind), so one user cannot stuff an article's count. The answers given before this kept no one's id and stay as they are.
alter table knowledge_feedback add contact_id integer null references contacts (id);

create unique index ux_knowledge_feedback_voter on knowledge_feedback (article_id, contact_id);
