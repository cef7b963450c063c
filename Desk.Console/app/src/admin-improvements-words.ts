// The admin page's improvement register, in English and Chinese.
import { language } from './language';

const en = {
  register: 'Improvement register',
  registerHint: 'Suggestions, survey comments and proposed rule changes. Moving an entry tells whoever raised it on their channel, with the note; a rule change tells nobody outside.',
  registerCaption: 'Entries, newest first',
  number: '#',
  source: 'From',
  query: 'Query',
  text: 'Entry',
  status: 'Status',
  owner: 'Owner',
  note: 'Note',
  updated: 'Updated',
  anyStatus: 'Any status',
  showStatus: 'Show',
  more: 'Show more',
  none: 'No entries.',
  sources: { query: 'suggestion', survey: 'survey comment', override: 'rule change' } as Record<string, string>,
  statuses: { new: 'new', accepted: 'accepted', planned: 'planned', done: 'done', declined: 'declined' } as Record<string, string>,
  changeEntry: (id: number) => `Change entry #${id}`,
  ownerHint: 'A staff username; empty for nobody.',
  noteHint: 'Goes to whoever raised it with a new status.',
  save: 'Save',
  cancel: 'Cancel',
  saved: (id: number) => `Entry #${id} was saved.`,
  nothingChanged: 'Nothing changed.',
};

type Words = typeof en;

const zh: Words = {
  register: '改进登记册',
  registerHint: '建议、调查意见和规则变更提议。变更条目状态时会连同备注告知提出者；规则变更不会告知外部人员。',
  registerCaption: '条目，最新的在前',
  number: '编号',
  source: '来源',
  query: '工单',
  text: '内容',
  status: '状态',
  owner: '负责人',
  note: '备注',
  updated: '更新时间',
  anyStatus: '任意状态',
  showStatus: '显示',
  more: '显示更多',
  none: '没有条目。',
  sources: { query: '建议', survey: '调查意见', override: '规则变更' },
  statuses: { new: '新建', accepted: '已接受', planned: '已计划', done: '已完成', declined: '已拒绝' },
  changeEntry: (id) => `修改条目 #${id}`,
  ownerHint: '员工用户名；留空表示无人负责。',
  noteHint: '随新状态一起告知提出者。',
  save: '保存',
  cancel: '取消',
  saved: (id) => `已保存条目 #${id}。`,
  nothingChanged: '没有更改。',
};

export const iw: Words = language === 'zh' ? zh : en;
