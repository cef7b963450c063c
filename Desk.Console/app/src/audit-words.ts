// The admin page's words for the audit log, in English and Chinese.
import { language } from './language';

const en = {
  audit: 'Audit log',
  auditCaption: 'Who did what, newest first',
  kind: 'Kind',
  kindHint: 'Empty for every kind, or one such as staff_changed or api_key_issued.',
  perPage: 'Events per page',
  show: 'Show',
  at: 'When',
  actor: 'By',
  subject: 'Subject',
  address: 'Address',
  detail: 'Detail',
  newest: 'Newest',
  older: 'Older',
  shown: (count: number, more: boolean) => `${count} events shown${more ? '; older ones follow' : ''}.`,
  none: 'No events.',
  unchanged: 'No setting changed.',
  /** A setting of an SLA change: as it is now, when there was none before, or what it was and what it is now. */
  setting: (label: string, now: string) => `${label}: ${now}`,
  changed: (label: string, before: string, now: string) => `${label}: ${before} → ${now}`,
  /** A queue change: an agent's queues, or whether a queue is restricted. */
  queues: 'Queues',
  added: 'Added',
  removed: 'Removed',
  noQueues: 'none',
  restricted: 'Restricted',
  yes: 'yes',
  no: 'no',
  fromConfiguration: 'Back to what the configuration says.',
};

type Words = typeof en;

const zh: Words = {
  audit: '审计日志',
  auditCaption: '谁做了什么，最新的在前',
  kind: '类别',
  kindHint: '留空显示所有类别，或填写一个类别，如 staff_changed 或 api_key_issued。',
  perPage: '每页事件数',
  show: '显示',
  at: '时间',
  actor: '操作人',
  subject: '对象',
  address: '地址',
  detail: '详情',
  newest: '最新',
  older: '更早',
  shown: (count, more) => `显示 ${count} 条事件${more ? '，还有更早的' : ''}。`,
  none: '没有事件。',
  unchanged: '没有设置发生变化。',
  setting: (label, now) => `${label}：${now}`,
  changed: (label, before, now) => `${label}：${before} → ${now}`,
  queues: '队列',
  added: '新增',
  removed: '移除',
  noQueues: '无',
  restricted: '受限',
  yes: '是',
  no: '否',
  fromConfiguration: '恢复为配置文件中的设置。',
};

export const aw: Words = language === 'zh' ? zh : en;
