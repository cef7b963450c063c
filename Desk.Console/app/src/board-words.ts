// The board's words in English and Chinese, in the page's language (language.ts).
import type { BoardFeedItem } from './contract';
import { language, translatePage as translateMarkup } from './language';
import { w } from './workbench-words';

const en = {
  title: 'Live board',
  skip: 'Skip to content',
  console: 'Agent console',
  signOut: 'Sign out',
  language: 'Language',
  signIn: 'Sign in',
  username: 'Username',
  password: 'Password',
  refused: 'The board is for supervisors and admins.',
  connecting: 'Connecting…',
  connected: 'Live',
  reconnecting: 'Reconnecting…',
  disconnected: 'Offline',
  noNetwork: 'No network',
  queues: 'Queues',
  queuesCaption: 'Open queries per queue: on track, at risk and breached, and how long the oldest has waited for a first answer',
  queuesChart: 'Open queries per queue, split into on track, at risk and breached',
  queue: 'Queue',
  open: 'Open',
  onTrack: 'On track',
  atRisk: 'At risk',
  breached: 'Breached',
  oldestWaiting: 'Oldest waiting',
  nobodyWaiting: '—',
  today: 'Today',
  improvements: 'Improvement register',
  improvementsCaption: "Suggestions, survey comments and supervisors' proposals to change an overridden rule, by status",
  improvementStatusColumn: 'Status',
  improvementAll: 'All',
  improvementRuleChanges: 'Rule changes',
  ruleChangesTitle: 'Proposals to change a rule an agent overrode, from supervisors\' reviews',
  improvementStatus: { new: 'New', accepted: 'Accepted', planned: 'Planned', done: 'Done', declined: 'Declined' } as Record<string, string>,
  todayCaption: 'First responses and resolutions given today, and how many came by their deadline',
  measure: 'Measure',
  given: 'Given',
  met: 'By the deadline',
  share: 'Attainment',
  firstResponse: 'First response',
  resolution: 'Resolution',
  agents: 'Agents',
  agentsCaption: 'Staff with the console open or queries assigned, and their open queries',
  agentsChart: 'Open queries assigned per person',
  name: 'Name',
  role: 'Role',
  online: 'Online',
  offline: 'Offline',
  load: 'Open queries',
  noAgents: 'Nobody is online and nothing is assigned.',
  feed: 'Live feed',
  noFeed: 'Nothing has happened yet.',
  momentOfTruth: 'Moment of truth',
  atRiskRule: (minutes: number) =>
    `At risk: a running clock had its first warning, or its deadline is less than ${minutes} min away.`,
  minutes: (n: number) => (n < 1 ? '< 1 min' : `${n} min`),
  hours: (h: number, m: number) => `${h} h ${m} min`,
  noData: 'none yet',
  metric: { first_response: 'first response', next_response: 'next response', resolution: 'resolution' } as Record<string, string>,
  roles: { agent: 'agent', supervisor: 'supervisor', admin: 'admin' } as Record<string, string>,
  queueName: {} as Record<string, string>,
  feedLine: (item: BoardFeedItem, metric: string, queue: string): string => {
    const ref = item.reference ?? '';
    switch (item.kind) {
      case 'query_created': return `New query ${ref} in ${queue}`;
      case 'user_message': return `${ref}: the user wrote`;
      case 'handoff_requested': return `${ref}: the user asked for a person`;
      case 'handoff_taken': return `${ref}: an agent took the chat`;
      case 'handoff_timed_out': return `${ref}: nobody took the chat in time`;
      case 'sla_warning': return `${ref}: ${Math.round((item.share ?? 0) * 100)}% of the ${metric} time used`;
      case 'sla_breached': return `${ref}: ${metric} deadline missed`;
      case 'low_score': return `${ref}: a low survey score; recovery opened`;
      case 'rule_overridden': return `${ref}: rule ${item.metric ?? ''} overridden, with a justification`;
      case 'override_reviewed': return item.text === 'propose_change'
        ? `${ref}: a change to rule ${item.metric ?? ''} proposed, added to the improvement register`
        : `${ref}: the override of rule ${item.metric ?? ''} accepted`;
      default: return [ref, item.text ?? item.kind].filter(Boolean).join(': ');
    }
  },
};

type Words = typeof en;

const zh: Words = {
  title: '实时看板',
  skip: '跳到内容',
  console: '坐席控制台',
  signOut: '退出',
  language: '语言',
  signIn: '登录',
  username: '用户名',
  password: '密码',
  refused: '看板仅供主管和管理员使用。',
  connecting: '正在连接…',
  connected: '实时',
  reconnecting: '正在重新连接…',
  disconnected: '离线',
  noNetwork: '网络已断开',
  queues: '队列',
  queuesCaption: '各队列未结查询：正常、有风险、已违约，以及最早一条等待首次回复的时长',
  queuesChart: '各队列未结查询，分为正常、有风险和已违约',
  queue: '队列',
  open: '未结',
  onTrack: '正常',
  atRisk: '有风险',
  breached: '已违约',
  oldestWaiting: '最长等待',
  nobodyWaiting: '—',
  today: '今日',
  improvements: '改进登记',
  improvementsCaption: '要求改进的建议、调查意见，以及主管对被越过的规则提出的修改建议，按状态统计',
  improvementStatusColumn: '状态',
  improvementAll: '全部',
  improvementRuleChanges: '规则修改',
  ruleChangesTitle: '主管审核越权操作后提出的规则修改建议',
  improvementStatus: { new: '新建', accepted: '已接受', planned: '已计划', done: '已完成', declined: '已拒绝' },
  todayCaption: '今日首次回复与解决的数量，以及按时完成的数量',
  measure: '指标',
  given: '完成',
  met: '按时',
  share: '达成率',
  firstResponse: '首次回复',
  resolution: '解决',
  agents: '坐席',
  agentsCaption: '已打开控制台或有分配查询的人员，及其未结查询',
  agentsChart: '每人分配的未结查询',
  name: '姓名',
  role: '角色',
  online: '在线',
  offline: '离线',
  load: '未结查询',
  noAgents: '无人在线，也没有分配的查询。',
  feed: '实时动态',
  noFeed: '暂无动态。',
  momentOfTruth: '关键时刻',
  atRiskRule: (minutes: number) => `有风险：运行中的时钟已发出首次预警，或距截止时间不足 ${minutes} 分钟。`,
  minutes: (n: number) => (n < 1 ? '不到 1 分钟' : `${n} 分钟`),
  hours: (h: number, m: number) => `${h} 小时 ${m} 分钟`,
  noData: '暂无',
  metric: { first_response: '首次回复', next_response: '后续回复', resolution: '解决' },
  roles: { agent: '坐席', supervisor: '主管', admin: '管理员' },
  queueName: {
    triage: '分诊',
    'incident-management': '事件管理',
    'service-continuity': '服务连续性',
    'service-requests': '服务请求',
    'change-enablement': '变更实施',
    'relationship-management': '关系管理',
    'continual-improvement': '持续改进',
    'information-security': '信息安全',
    'service-desk': '服务台',
  },
  feedLine: (item, metric, queue) => {
    const ref = item.reference ?? '';
    switch (item.kind) {
      case 'query_created': return `新查询 ${ref}（${queue}）`;
      case 'user_message': return `${ref}：用户发来消息`;
      case 'handoff_requested': return `${ref}：用户请求人工服务`;
      case 'handoff_taken': return `${ref}：坐席已接手对话`;
      case 'handoff_timed_out': return `${ref}：对话未能及时被接手`;
      case 'sla_warning': return `${ref}：${metric}时限已用 ${Math.round((item.share ?? 0) * 100)}%`;
      case 'sla_breached': return `${ref}：${metric}已超时`;
      case 'low_score': return `${ref}：满意度调查低分，已开启补救`;
      case 'rule_overridden': return `${ref}：已书面说明理由并越过规则 ${item.metric ?? ''}`;
      case 'override_reviewed': return item.text === 'propose_change'
        ? `${ref}：已提议修改规则 ${item.metric ?? ''}，并加入改进登记`
        : `${ref}：对规则 ${item.metric ?? ''} 的越权操作已被接受`;
      case 'moment_of_truth':
        return `${ref}：关键时刻，${w.kind[item.metric ?? ''] ?? item.metric ?? ''}，${item.text?.endsWith('positive') ? '正面' : '负面'}`;
      default: return [ref, item.text ?? item.kind].filter(Boolean).join('：');
    }
  },
};

export const chinese = language === 'zh';

export const t: Words = chinese ? zh : en;

export const queueName = (queue: string) => t.queueName[queue] ?? queue.replace(/[_-]/g, ' ');

export const metricName = (metric: string | null) => (metric ? t.metric[metric] ?? metric.replace(/_/g, ' ') : '');

/** How long since, to the minute, in the board's language. */
export function since(iso: string, now = Date.now()): string {
  const minutes = Math.floor((now - Date.parse(iso)) / 60_000);
  if (Number.isNaN(minutes)) return iso;
  return minutes < 60 ? t.minutes(minutes) : t.hours(Math.floor(minutes / 60), minutes % 60);
}

/** Puts the words into the static markup (data-words="key"), and sets the page's lang and title. */
export function translatePage(): void {
  translateMarkup(t);
  document.title = `ServiceDesk · ${t.title}`;
}
