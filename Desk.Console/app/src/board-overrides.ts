import { h } from './dom';
import { workbenchApi, type OverrideCount } from './workbench-api';
import { w } from './workbench-words';
import './board-overrides.css';

/**
 * The board's overrides panel: how often each overridable rule was broken (8.2.5), and how the reviews went. Built
 * after the improvement register on first use; read again when a `rule_overridden` feed line comes in.
 */
export function renderOverrideCounts(counts: readonly OverrideCount[]): void {
  const rows = h('tbody', { id: 'overrides-rows' }, ...counts.map((count) => h('tr', { 'data-rule': count.rule },
    h('th', { scope: 'row' }, count.rule),
    h('td', { 'data-count': 'total' }, String(count.total)),
    h('td', { 'data-count': 'unreviewed' }, String(count.unreviewed)),
    h('td', { 'data-count': 'accepted' }, String(count.accepted)),
    h('td', { 'data-count': 'proposed' }, String(count.proposedChanges)))));
  const existing = document.getElementById('overrides-rows');
  if (existing) {
    existing.replaceWith(rows);
    return;
  }
  const columns = w.overrideColumns;
  const panel = h('section', { class: 'panel overrides-panel', 'aria-labelledby': 'overrides-heading' },
    h('h2', { id: 'overrides-heading' }, w.overridesHeading),
    h('table', { id: 'overrides-table', class: 'numbers' },
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, w.rule), h('th', { scope: 'col' }, columns.total),
        h('th', { scope: 'col' }, columns.unreviewed), h('th', { scope: 'col' }, columns.accepted), h('th', { scope: 'col' }, columns.proposed))),
      rows));
  document.querySelector('.improvements-panel')?.after(panel);
}

export async function refreshOverrideCounts(): Promise<void> {
  try {
    renderOverrideCounts(await workbenchApi.overrideCounts());
  } catch {
    // The next snapshot (a reconnection, a reload) brings them.
  }
}

