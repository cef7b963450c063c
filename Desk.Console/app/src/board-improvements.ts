import type { ImprovementCounts } from './contract';
import { byId, h } from './dom';
import { formatNumber } from './language';
import { t } from './board-words';
import { workbenchApi } from './workbench-api';

const statuses = ['new', 'accepted', 'planned', 'done', 'declined'] as const;

/**
 * The board's improvement register: entries by status, and of them the proposals to change a rule an agent overrode
 * (a supervisor's review, 8.2.5). Read again when an `override_reviewed` feed line comes in.
 */
export function renderImprovements(counts: ImprovementCounts): void {
  byId('improvements-rows').replaceChildren(...statuses.map((status) => h('tr', { 'data-status': status },
    h('th', { scope: 'row' }, t.improvementStatus[status] ?? status),
    h('td', { 'data-count': 'all' }, formatNumber(counts[status])),
    h('td', { 'data-count': 'rule-changes' }, formatNumber(counts.ruleChanges?.[status] ?? 0)))));
}

export async function refreshImprovements(): Promise<void> {
  try {
    renderImprovements(await workbenchApi.improvementCounts());
  } catch {
    // The next snapshot (a reconnection, a reload) brings them.
  }
}
