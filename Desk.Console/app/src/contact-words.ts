// The contact card's words (identities, queries across channels, merging contacts, erasure and export, a query's mail
// attachments) in English and Chinese, in the page's language.
import { language } from './language';

/** "1 identity", "2 identities": English counts. */
const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

const en = {
  contactNumber: (id: number) => `Contact ${id}`,
  identities: 'Identities',
  since: 'since',
  verified: 'verified',
  unverified: 'not verified',
  verifiedAt: (at: string) => `Verified ${at}`,
  queries: 'Queries on every channel',
  noQueries: 'No queries you may see.',
  openQuery: (reference: string) => `Open ${reference}`,
  thisQuery: 'this query',
  merges: 'Merges',
  mergeLine: (merged: number, survivor: number) => `Contact ${merged} into contact ${survivor}`,
  mergedBy: (by: string) => `by ${by}`,
  unmergedBy: (by: string) => `undone by ${by}`,
  mergedInto: (id: number) => `Merged into contact ${id}.`,
  erasedAt: 'Erased',
  mergeContact: 'Merge another contact into this one',
  mergeFrom: 'Contact id, or a reference of their query',
  mergeReason: 'Why it is the same person',
  merge: 'Merge contact',
  noSuchReference: (reference: string) => `There is no query ${reference} to take the contact from.`,
  merged: (from: number, identities: number, queries: number, chats: number) =>
    `Contact ${from} merged in: ${count(identities, 'identity', 'identities')}, ${count(queries, 'query', 'queries')} and ${count(chats, 'chat', 'chats')} moved.`,
  unmergeReason: 'Why to undo it',
  unmerge: 'Un-merge',
  unmergeLabel: (merged: number) => `Un-merge contact ${merged}`,
  unmerged: (from: number, identities: number, queries: number, chats: number) =>
    `Contact ${from} taken back out: ${count(identities, 'identity', 'identities')}, ${count(queries, 'query', 'queries')} and ${count(chats, 'chat', 'chats')} moved back.`,
  personalData: 'Personal data (admin)',
  exportJson: 'Export as JSON',
  eraseReason: 'Why to erase (the request)',
  eraseConfirm: (name: string, id: number) => `Type “${name}” or ${id} to confirm`,
  erase: 'Erase contact',
  erased: (id: number, identities: number, queries: number) =>
    `Contact ${id} erased: ${count(identities, 'identity', 'identities')} removed, ${count(queries, 'query', 'queries')} kept without personal data.`,
  attachments: 'Attachments',
  download: (name: string) => `Download ${name}`,
  size: (bytes: number, format: (n: number) => string) =>
    bytes < 1024 ? `${format(bytes)} B` : bytes < 1024 * 1024 ? `${format(Math.round(bytes / 102.4) / 10)} KB`
      : `${format(Math.round(bytes / 104857.6) / 10)} MB`,
  required: 'Fill in every field first.',
  failed: 'That did not work.',
};

type Words = typeof en;

const zh: Words = {
  contactNumber: (id) => `联系人 ${id}`,
  identities: '身份',
  since: '始于',
  verified: '已验证',
  unverified: '未验证',
  verifiedAt: (at) => `验证于 ${at}`,
  queries: '各渠道的请求',
  noQueries: '没有您可查看的请求。',
  openQuery: (reference) => `打开 ${reference}`,
  thisQuery: '当前请求',
  merges: '合并记录',
  mergeLine: (merged, survivor) => `联系人 ${merged} 并入联系人 ${survivor}`,
  mergedBy: (by) => `操作人 ${by}`,
  unmergedBy: (by) => `已由 ${by} 撤销`,
  mergedInto: (id) => `已并入联系人 ${id}。`,
  erasedAt: '已抹除',
  mergeContact: '将另一位联系人并入此联系人',
  mergeFrom: '联系人编号，或其请求编号',
  mergeReason: '为何是同一个人',
  merge: '合并联系人',
  noSuchReference: (reference) => `没有请求 ${reference}，无法找到其联系人。`,
  merged: (from, identities, queries, chats) =>
    `联系人 ${from} 已并入：移动了 ${identities} 个身份、${queries} 个请求和 ${chats} 个会话。`,
  unmergeReason: '撤销的原因',
  unmerge: '撤销合并',
  unmergeLabel: (merged) => `撤销联系人 ${merged} 的合并`,
  unmerged: (from, identities, queries, chats) =>
    `联系人 ${from} 已拆分出去：移回了 ${identities} 个身份、${queries} 个请求和 ${chats} 个会话。`,
  personalData: '个人数据（管理员）',
  exportJson: '导出为 JSON',
  eraseReason: '抹除的原因（对方的请求）',
  eraseConfirm: (name, id) => `输入“${name}”或 ${id} 以确认`,
  erase: '抹除联系人',
  erased: (id, identities, queries) => `联系人 ${id} 已抹除：删除了 ${identities} 个身份，${queries} 个请求已去除个人数据后保留。`,
  attachments: '附件',
  download: (name) => `下载 ${name}`,
  size: en.size,
  required: '请先填写所有字段。',
  failed: '操作未成功。',
};

export const kw: Words = language === 'zh' ? zh : en;
