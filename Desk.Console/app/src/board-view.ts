import type { AgentBoard, Attainment, BoardChange, BoardFeedItem, BoardSnapshot, QueueBoard } from './contract';
import { byId, h } from './dom';
import { formatTime } from './language';
import { loadBars, queueBars, ring } from './board-charts';
import { metricName, queueName, since, t } from './board-words';
import { refreshImprovements, renderImprovements } from './board-improvements';
import { refreshOverrideCounts, renderOverrideCounts } from './board-overrides';

const feedSize = 50;

/**
 * What the board shows, kept from a snapshot and the pushed changes after it. Pushes that come while a snapshot loads
 * wait, and those the snapshot already holds (same node, sequence not past it) are dropped.
 */
export class BoardView {
  private readonly queues = new Map<string, QueueBoard>();
  private readonly agents = new Map<string, AgentBoard>();
  private today: Attainment | null = null;
  private feed: BoardFeedItem[] = [];
  private held: { node: string; sequence: number } | null = null;
  private waiting: BoardChange[] | null = [];

  /** From now until the next snapshot, changes wait for it. */
  hold(): void {
    this.waiting ??= [];
  }

  load(snapshot: BoardSnapshot): void {
    this.queues.clear();
    for (const queue of snapshot.queues) this.queues.set(queue.queue, queue);
    this.agents.clear();
    for (const agent of snapshot.agents) this.agents.set(agent.username, agent);
    this.today = snapshot.today;
    this.feed = snapshot.feed;
    if (snapshot.improvements) renderImprovements(snapshot.improvements);
    if (snapshot.overrides) renderOverrideCounts(snapshot.overrides);
    this.held = { node: snapshot.node, sequence: snapshot.sequence };
    byId('atrisk-rule').textContent = t.atRiskRule(Math.round(minutes(snapshot.atRiskWithin)));
    const waiting = this.waiting ?? [];
    this.waiting = null;
    for (const change of waiting) this.merge(change);
    this.render();
  }

  apply(change: BoardChange): void {
    if (change.items.some((item) => item.kind === 'rule_overridden' || item.kind === 'override_reviewed')) void refreshOverrideCounts();
    if (change.items.some((item) => item.kind === 'override_reviewed' && item.text === 'propose_change')) void refreshImprovements();
    if (this.waiting) {
      this.waiting.push(change);
      return;
    }
    this.merge(change);
    this.render();
  }

  /** Keeps the ages current between pushes. */
  refreshAges(): void {
    for (const cell of document.querySelectorAll<HTMLElement>('[data-since]')) cell.textContent = since(cell.dataset.since!);
  }

  private merge(change: BoardChange): void {
    if (this.held && change.node === this.held.node && change.sequence <= this.held.sequence) return;
    for (const queue of change.queues) this.queues.set(queue.queue, queue);
    for (const agent of change.agents) {
      if (agent.online || agent.open > 0) this.agents.set(agent.username, agent);
      else this.agents.delete(agent.username);
    }
    if (change.today) this.today = change.today;
    const known = new Set(this.feed.map(key));
    const fresh = change.items.filter((item) => !known.has(key(item))).reverse();
    this.feed = [...fresh, ...this.feed].slice(0, feedSize);
  }

  private render(): void {
    const queues = [...this.queues.values()];
    byId('queues-chart').replaceChildren(queueBars(queues));
    byId('queues-rows').replaceChildren(...queues.map(queueRow));
    if (this.today) this.renderToday(this.today);
    const agents = [...this.agents.values()].sort((a, b) => b.open - a.open || a.displayName.localeCompare(b.displayName));
    byId('agents-chart').replaceChildren(...(agents.length > 0 ? [loadBars(agents)] : []));
    byId('agents-rows').replaceChildren(...agents.map(agentRow));
    byId('agents-empty').hidden = agents.length > 0;
    byId('feed').replaceChildren(...this.feed.map(feedLine));
    byId('feed-empty').hidden = this.feed.length > 0;
  }

  private renderToday(today: Attainment): void {
    byId('today-day').textContent = `${today.day} (${today.timeZone})`;
    byId('today-chart').replaceChildren(
      ring(t.firstResponse, today.firstResponsesMet, today.firstResponses),
      ring(t.resolution, today.resolutionsMet, today.resolutions));
    byId('today-rows').replaceChildren(
      todayRow('first-response', t.firstResponse, today.firstResponsesMet, today.firstResponses),
      todayRow('resolution', t.resolution, today.resolutionsMet, today.resolutions));
  }
}

const key = (item: BoardFeedItem) => `${item.kind}|${item.reference ?? ''}|${Date.parse(item.at)}|${item.share ?? ''}|${item.text ?? ''}`;

/** "01:00:00" or "1.02:00:00" in minutes. */
function minutes(span: string): number {
  const [days, time] = span.includes('.') && span.indexOf('.') < span.indexOf(':') ? span.split('.', 2) : ['0', span];
  const [hh, mm, ss] = time.split(':').map(Number);
  return Number(days) * 1440 + hh * 60 + mm + (ss || 0) / 60;
}

function queueRow(row: QueueBoard): HTMLTableRowElement {
  return h('tr', { 'data-queue': row.queue },
    h('th', { scope: 'row' }, queueName(row.queue)),
    h('td', { 'data-count': 'open' }, String(row.open)),
    h('td', { 'data-count': 'at-risk', class: row.atRisk > 0 ? 'risk' : undefined }, String(row.atRisk)),
    h('td', { 'data-count': 'breached', class: row.breached > 0 ? 'breached' : undefined }, String(row.breached)),
    row.oldestWaitingSince
      ? h('td', { 'data-since': row.oldestWaitingSince }, since(row.oldestWaitingSince))
      : h('td', {}, t.nobodyWaiting));
}

function todayRow(id: string, label: string, met: number, given: number): HTMLTableRowElement {
  return h('tr', { 'data-measure': id },
    h('th', { scope: 'row' }, label),
    h('td', { 'data-count': 'given' }, String(given)),
    h('td', { 'data-count': 'met' }, String(met)),
    h('td', { 'data-count': 'share' }, given === 0 ? t.noData : `${Math.round((met / given) * 100)}%`));
}

function agentRow(agent: AgentBoard): HTMLTableRowElement {
  return h('tr', { 'data-username': agent.username },
    h('th', { scope: 'row' }, agent.displayName),
    h('td', {}, t.roles[agent.role] ?? agent.role),
    h('td', { 'data-online': String(agent.online) }, agent.online ? t.online : t.offline),
    h('td', { 'data-count': 'open' }, String(agent.open)));
}

function feedLine(item: BoardFeedItem): HTMLLIElement {
  const at = new Date(item.at);
  return h('li', {
    'data-kind': item.kind, 'data-reference': item.reference ?? undefined,
    class: item.momentOfTruth ? `feed-item moment ${item.kind}` : `feed-item ${item.kind}`,
  },
  h('time', { datetime: item.at }, Number.isNaN(at.getTime()) ? item.at : formatTime(at)),
  item.momentOfTruth ? h('span', { class: 'moment-mark', title: t.momentOfTruth }, h('span', { class: 'visually-hidden' }, t.momentOfTruth)) : null,
  h('span', { class: 'feed-text' }, t.feedLine(item, metricName(item.metric), queueName(item.queue ?? ''))));
}
