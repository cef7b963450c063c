import { t } from './console-words';
import { qw } from './queue-words';
import type { QuerySummary, SlaWarning } from './contract';
import { formatNumber, formatPercent } from './language';
import { h, time, words } from './dom';

/** Statuses whose SLA clocks have stopped for good. */
export const done = new Set(['resolved', 'closed']);

/** "in 12 min", "8 min overdue", from the server's deadline and this browser's clock. */
export function remaining(iso: string): string {
  const ms = Date.parse(iso) - Date.now();
  if (Number.isNaN(ms)) return iso;
  const minutes = Math.round(Math.abs(ms) / 60_000);
  const span = minutes < 60 ? qw.due.minutes(formatNumber(minutes))
    : minutes < 48 * 60 ? qw.due.hours(formatNumber(Math.floor(minutes / 60)), formatNumber(minutes % 60))
    : qw.due.days(formatNumber(Math.floor(minutes / 1440)), formatNumber(Math.floor((minutes % 1440) / 60)));
  return ms >= 0 ? qw.due.in(span) : qw.due.overdue(span);
}

/** What each row was last filled from: a reload that brings the same summary leaves the row's cells alone. */
const filledFrom = new WeakMap<HTMLTableRowElement, string>();

/** One row of #queries: its data attributes and cells, from the query's summary. */
export function fillRow(row: HTMLTableRowElement, query: QuerySummary, checked: boolean, warning?: SlaWarning): void {
  const from = `${checked}${JSON.stringify(query)}${JSON.stringify(warning ?? null)}`;
  if (filledFrom.get(row) === from) return;
  filledFrom.set(row, from);
  const breached = query.slaState === 'breached';
  row.dataset.reference = query.reference;
  row.dataset.created = query.createdAt;
  row.dataset.status = query.status;
  row.dataset.sla = query.slaState;
  row.classList.toggle('breached', breached);
  const contact = query.contactName ?? t.contactNumber(query.contactId);
  const box = h('input', { type: 'checkbox', class: 'pick', 'aria-label': qw.pick(query.reference) });
  box.checked = checked;
  row.replaceChildren(
    h('td', { class: 'pick' }, box),
    h('td', { class: 'reference' }, h('button', { type: 'button', class: 'open-query', tabindex: '-1' }, query.reference)),
    h('td', { class: 'type' }, words(query.type)),
    h('td', { class: 'priority' }, h('span', { class: `badge ${query.priority.toLowerCase()}` }, words(query.priority))),
    h('td', { class: 'status' }, words(query.status)),
    h('td', { class: 'subject', title: query.subject }, query.subject),
    h('td', { class: 'contact', title: contact }, contact),
    h('td', { class: 'sla' }, sla(query, warning)),
  );
  row.classList.toggle('warned', row.querySelector('.sla-warned') !== null);
}

function sla(query: QuerySummary, warning?: SlaWarning): Node {
  const breached = query.slaState === 'breached';
  if (done.has(query.status)) return breached ? h('strong', { class: 'sla-breached' }, t.breached) : document.createTextNode(t.met);
  // The server's clocks decide: paused while the desk waits for the user, else the next deadline it computed.
  if (query.slaPaused) return h('span', { class: 'sla-paused' }, breached ? `${t.breached} · ${t.paused}` : t.paused);
  const [label, due] = query.firstRespondedAt === null ? [qw.respond, query.firstResponseDue]
    : query.nextResponseDue ? [qw.answer, query.nextResponseDue]
    : [qw.resolve, query.resolutionDue];
  if (due === null) return document.createTextNode('—');
  const overdue = Date.parse(due) < Date.now();
  // A warning about an earlier deadline (one already answered) no longer applies.
  const warned = !breached && warning !== undefined && Date.parse(warning.dueAt) === Date.parse(due);
  const at = time(due);
  at.classList.add('due-at');
  const share = warned ? qw.timeUsed(formatPercent(warning.share)) : null;
  return h('span', { class: `sla-due${overdue ? ' overdue' : ''}${warned ? ' sla-warned' : ''}`, title: share ? `${share} · ${at.textContent}` : at.textContent ?? '' },
    // The time left first: a narrow cell cuts the end, and the row's red edge already says it breached.
    `${label} `, h('span', { class: 'due-in', 'data-due': due }, remaining(due)),
    breached ? h('strong', { class: 'sla-breached' }, ` · ${t.breached}`) : null);
}
