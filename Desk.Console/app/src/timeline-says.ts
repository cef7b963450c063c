// What the desk itself writes on a timeline, in Chinese. An entry the desk wrote carries `says` in its data, with the
// facts its sentence names; the body keeps the English sentence for every other reader, and an English console shows it.
import { queueName } from './board-words';
import { code } from './console-words';
import { formatDate, language } from './language';
import { w } from './workbench-words';

type Data = Record<string, unknown>;
const s = (value: unknown) => (value === null || value === undefined ? '' : String(value));
const c = (value: unknown) => code(s(value));
const q = (value: unknown) => queueName(s(value));

const metric: Record<string, string> = { first_response: '首次响应', next_response: '下次响应', resolution: '解决' };
const m = (value: unknown) => metric[s(value)] ?? c(value);
const languages: Record<string, string> = { en: '英语', zh: '中文' };
const l = (value: unknown) => languages[s(value)] ?? s(value);
const due = (value: unknown) => (value ? formatDate(new Date(s(value))) : '无');
const causes: Record<string, (subject: string) => string> = {
  policy: (subject) => `SLA 策略 ${subject} 已更改`,
  calendar: (subject) => `工作日历 ${subject} 已更改`,
  repair: () => 'SLA 修复',
};
const moved = (value: unknown) => (Array.isArray(value) ? (value as Data[]) : [])
  .map((x) => `${m(x.kind)}期限 ${due(x.to)}（原为 ${due(x.from)}）`).join('；');
const scale: Record<string, number> = { csat: 5, ces: 7, nps: 10 };
const senderSigns: Record<string, (names: string) => string> = {
  domain: (names) => `发件人域名 ${names} 与服务台自己的域名相似`,
  name_address: (names) => `发件人名称是另一个地址 ${names}`,
  desk_name: (names) => `发件人自称“${names}”，即服务台自己的名称`,
  staff_name: (names) => `发件人使用了员工“${names}”的名字`,
};
const via: Record<string, string> = { portal: '门户', sms: '短信', email: '电子邮件' };

const zh: Record<string, (d: Data) => string> = {
  sla_breach: (d) => `已错过${m(d.kind)}期限。`,
  sla_warning: (d) => `${m(d.kind)}时间已用 ${Math.round(Number(d.share) * 100)}%。`,
  sla_changed: (d) => `约定时限已调整（${causes[s(d.cause)]?.(s(d.subject)) ?? c(d.cause)}）：${moved(d.moved)}。`,
  escalated: (d) => `已升级：${m(d.metric)}期限已过。`,
  took_chat: () => '接手了对话。',
  chatting: () => '正在与用户对话。',
  survey_withdrawn: () => '工单已重新打开：其调查问题已撤回。',
  survey_not_sent: () => '工单已重新打开：其调查将不会发送。',
  survey_expired: () => '调查未在期限内得到回答。',
  suppressed_asked_recently: () => '该用户最近已被调查过，仍在最短间隔之内。',
  suppressed_unreachable: () => '没有已安装的渠道能联系到该用户。',
  suppressed_chat_busy: () => '对话一直在处理其他问题。',
  moment: (d) => `关键时刻（${d.polarity === 'positive' ? '正面' : '负面'}）：${w.kind[s(d.kind)] ?? c(d.kind)}。${d.note ? ` ${s(d.note)}` : ''}`,
  moment_of_truth: (d) =>
    `关键时刻：${s(d.kind).toUpperCase()} ${s(d.score)} 分（满分 ${scale[s(d.kind)] ?? ''}）。补救工单：${s(d.recovery)}。`,
  assigned: (d) => `已分配给 ${s(d.assignee)}：会说${l(d.language)}，负责 ${q(d.queue)}，负载 ${s(d.load)}/${s(d.maxLoad)}。`,
  follows_up: (d) => `用户在 ${s(d.followsUp)} 关闭后回复了它的邮件：这些内容成为新工单。`,
  followed_up_in: (d) => `用户在关闭后回复了本工单的邮件：新工单 ${s(d.followedUpIn)}。`,
  reopened_unassigned: (d) => `${s(d.from)} 已不再负责 ${q(d.queue)}：重新打开的工单回到该队列，暂无人负责。`,
  waiting_no_agent: (d) => `等待坐席：没有坐席负责 ${q(d.queue)}。`,
  waiting_none_online: (d) => `等待坐席：负责 ${q(d.queue)} 的坐席都不在线。`,
  waiting_none_speaks: (d) => `等待坐席：在线坐席中无人会说${l(d.language)}。`,
  waiting_all_busy: (d) => `等待坐席：在线且会说${l(d.language)}的坐席都已满负荷。`,
  priority_floor: (d) => `优先级矩阵为此类型给出 ${c(d.to)}。`,
  user_answered: () => '用户已回复。',
  answered_user: () => '已答复用户。',
  user_wrote: (d) => `用户通过${via[s(d.channel)] ?? '对话'}来信。`,
  corrected_by_user: () => '用户在对话中更正。',
  improvement_registered: (d) => `已加入改进登记册，编号 #${s(d.improvement)}。`,
  improvement_withdrawn: (d) => `已撤出改进登记册（#${s(d.improvement)}）：该工单不再是建议。`,
  sms_opted_in: (d) => `用户发送了“${s(d.keyword)}”：其号码重新接收短信，短信回复会正常发出。`,
  sms_opted_out: (d) => `用户发送了“${s(d.keyword)}”：其号码已退订短信，在其发送 START 之前，短信回复都会失败。`,
  sender_lookalike: (d) => `请先核实发件人再处理这封邮件（${s(d.address)}）：${(Array.isArray(d.signs) ? (d.signs as Data[]) : [])
    .map((x) => (senderSigns[s(x.kind)] ?? ((n: string) => n))(s(x.names))).join('；')}。`,
  attachments_too_large: (d) => `用户邮件附带的 ${Array.isArray(d.files) ? d.files.map(s).join('、') : s(d.files)} 超过服务台保存的上限 ${s(d.limit)}，`
    + '未予保存；如有需要，请让用户改用其他方式提供。',
  reply_cut: (d) => `该回复通过${via[s(d.channel)] ?? s(d.channel)}发送需 ${s(d.parts)} 条，只发出了前 ${s(d.sent)} 条；${d.linked ? '用户收到了查看其余内容的工单链接' : '用户没有收到其余内容'}。`,
};

/** The desk's own sentence for an entry in the page's language; null for the body as written (English, or a person's words). */
export function deskSentence(data: Data | null): string | null {
  if (language !== 'zh' || data === null || typeof data.says !== 'string') return null;
  return zh[data.says]?.(data) ?? null;
}
