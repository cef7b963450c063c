-- Canned replies: the desk's ready answers, picked in the console's reply box and chat composer and filled there from
-- the open query ({contact.name}, {query.reference}, {query.subject}, {agent.name}, {query.resolution_due}).
-- A reply with a queue is offered to those who work that queue, one without to everyone; owner null is the team's
-- (written by supervisors), an agent's own replies carry their username and are shown to them alone.

create table canned_replies (
    id integer primary key,
    title text not null,
    body text not null,
    language text not null check (language in ('en', 'zh')),
    queue text null,
    owner text null,
    created_by text not null,
    created_at text not null,
    updated_by text not null,
    updated_at text not null
);

create index ix_canned_replies_owner on canned_replies (owner, language);

insert into canned_replies (title, body, language, queue, owner, created_by, created_at, updated_by, updated_at)
values
('Acknowledge and ask for details', 'Hello {contact.name},

Thank you for your message about "{query.subject}" ({query.reference}). To help you quickly, could you tell us when it started, the exact error text you see, and whether colleagues near you have the same problem?

Best regards,
{agent.name}', 'en', null, null, 'desk', '2026-11-30T00:00:00+00:00', 'desk', '2026-11-30T00:00:00+00:00'),
('Working on it, with the target time', 'Hello {contact.name},

We are working on {query.reference}. We aim to resolve it by {query.resolution_due} and will update you sooner if anything changes.

Best regards,
{agent.name}', 'en', null, null, 'desk', '2026-11-30T00:00:00+00:00', 'desk', '2026-11-30T00:00:00+00:00'),
('Resolved: please confirm', 'Hello {contact.name},

We believe {query.reference} ("{query.subject}") is resolved. Please check on your side; if the problem is still there, just reply to this message and we will reopen it.

Best regards,
{agent.name}', 'en', null, null, 'desk', '2026-11-30T00:00:00+00:00', 'desk', '2026-11-30T00:00:00+00:00'),
('Security: do not click, do not forward', 'Hello {contact.name},

Thank you for reporting this ({query.reference}). Please do not click any links or open attachments in the message, and do not forward it to anyone else. If you entered your password anywhere, change it now. We are looking into it.

{agent.name}, information security', 'en', 'information-security', null, 'desk', '2026-11-30T00:00:00+00:00', 'desk', '2026-11-30T00:00:00+00:00'),
('确认收到并询问详情', '{contact.name}，您好：

感谢您关于“{query.subject}”（{query.reference}）的来信。为了尽快帮您解决，请告诉我们问题从什么时候开始、看到的完整错误提示，以及您附近的同事是否也有同样的问题。

此致
{agent.name}', 'zh', null, null, 'desk', '2026-11-30T00:00:00+00:00', 'desk', '2026-11-30T00:00:00+00:00'),
('正在处理，告知目标时间', '{contact.name}，您好：

我们正在处理 {query.reference}，计划在 {query.resolution_due} 之前解决；如有变化会及时通知您。

此致
{agent.name}', 'zh', null, null, 'desk', '2026-11-30T00:00:00+00:00', 'desk', '2026-11-30T00:00:00+00:00'),
('已解决，请确认', '{contact.name}，您好：

我们认为 {query.reference}（“{query.subject}”）已经解决。请您确认；如果问题仍然存在，直接回复本消息，我们会重新打开工单。

此致
{agent.name}', 'zh', null, null, 'desk', '2026-11-30T00:00:00+00:00', 'desk', '2026-11-30T00:00:00+00:00'),
('安全：请勿点击，请勿转发', '{contact.name}，您好：

感谢您的报告（{query.reference}）。请不要点击该邮件中的任何链接或打开附件，也不要转发给他人。如果您已在某处输入过密码，请立即修改。我们正在调查。

{agent.name}，信息安全', 'zh', 'information-security', null, 'desk', '2026-11-30T00:00:00+00:00', 'desk', '2026-11-30T00:00:00+00:00');
