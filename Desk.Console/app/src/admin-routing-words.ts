// The admin page's routing section, in English and Chinese: the agents, their languages, load limit and queues.
import { language } from './language';

const en = {
  routing: 'Agents and queues',
  routingHint: 'Who works which queue, in which languages and up to how many open queries. Taking an agent off a queue hands their open queries there back to it.',
  agentsCaption: 'Agents as the router sees them',
  agent: 'Agent',
  availability: 'Availability',
  load: 'Load',
  languages: 'Languages',
  queues: 'Queues',
  availabilities: { online: 'online', away: 'away', offline: 'offline' } as Record<string, string>,
  noConsole: 'no console open',
  loadOf: (load: number, max: number) => `${load} of ${max}`,
  from: { desk: 'set here', configuration: 'from configuration', default: 'every unrestricted queue' } as Record<string, string>,
  noQueue: 'none',
  restricted: 'restricted: an admin gives it',
  changeAgent: (username: string) => `Change ${username}`,
  languagesHint: 'Language codes separated by commas, such as en, zh.',
  maxLoad: 'Most open queries at once',
  useConfiguration: 'Use the queues configuration gives this agent',
  save: 'Save',
  cancel: 'Cancel',
  saved: (username: string) => `${username}'s routing was saved.`,
  handedBack: (username: string, queries: number, chats: number) =>
    `${username}'s routing was saved; ${queries} open ${queries === 1 ? 'query' : 'queries'} and ${chats} live ${chats === 1 ? 'chat' : 'chats'} went back to their queues.`,
  notLanguages: 'Write language codes such as en, zh.',
};

type Words = typeof en;

const zh: Words = {
  routing: '坐席与队列',
  routingHint: '谁处理哪些队列、使用哪些语言、同时最多处理多少个未结查询。将坐席移出某个队列时，其在该队列的未结查询会退回队列。',
  agentsCaption: '路由看到的坐席',
  agent: '坐席',
  availability: '状态',
  load: '负载',
  languages: '语言',
  queues: '队列',
  availabilities: { online: '在线', away: '离开', offline: '离线' },
  noConsole: '未打开控制台',
  loadOf: (load, max) => `${load} / ${max}`,
  from: { desk: '在此设置', configuration: '来自配置', default: '所有非受限队列' },
  noQueue: '无',
  restricted: '受限：由管理员分配',
  changeAgent: (username) => `修改 ${username}`,
  languagesHint: '用逗号分隔的语言代码，例如 en, zh。',
  maxLoad: '同时最多处理的未结查询数',
  useConfiguration: '使用配置为该坐席指定的队列',
  save: '保存',
  cancel: '取消',
  saved: (username) => `已保存 ${username} 的路由设置。`,
  handedBack: (username, queries, chats) => `已保存 ${username} 的路由设置；${queries} 个未结查询和 ${chats} 个实时对话已退回各自队列。`,
  notLanguages: '请填写语言代码，例如 en, zh。',
};

export const rw: Words = language === 'zh' ? zh : en;
