// The admin page's SLA scorecard, in English and Chinese.
import { language } from './language';

const en = {
  scorecard: 'SLA scorecard',
  scorecardHint: 'How first responses and resolutions met their deadlines over whole UTC days; times are working time on each policy\'s calendar.',
  period: 'Period',
  from: 'From',
  to: 'To',
  by: 'By',
  show: 'Show',
  download: 'Download CSV',
  groupings: { priority: 'priority', type: 'type', queue: 'queue', service_level: 'service level' } as Record<string, string>,
  caption: (from: string, to: string) => `From ${from} to ${to}`,
  group: 'Group',
  created: 'Created',
  firstResponse: 'First response',
  resolution: 'Resolution',
  attainment: 'attained',
  counts: (met: number, late: number, overdue: number) => `${met} met, ${late} late, ${overdue} overdue`,
  times: (average: string, p90: string) => `average ${average}, p90 ${p90}`,
  all: 'All',
  nothing: '—',
};

type Words = typeof en;

const zh: Words = {
  scorecard: 'SLA 记分卡',
  scorecardHint: '按整个 UTC 日统计首次响应和解决是否按期完成；时间为各策略日历上的工作时间。',
  period: '时间段',
  from: '起始',
  to: '截止',
  by: '分组',
  show: '显示',
  download: '下载 CSV',
  groupings: { priority: '优先级', type: '类型', queue: '队列', service_level: '服务级别' },
  caption: (from, to) => `${from} 至 ${to}`,
  group: '组',
  created: '新建',
  firstResponse: '首次响应',
  resolution: '解决',
  attainment: '达成',
  counts: (met, late, overdue) => `按期 ${met}，逾期完成 ${late}，超期未完成 ${overdue}`,
  times: (average, p90) => `平均 ${average}，p90 ${p90}`,
  all: '全部',
  nothing: '—',
};

export const sc: Words = language === 'zh' ? zh : en;
