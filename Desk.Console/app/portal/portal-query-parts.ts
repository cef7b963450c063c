// The pieces of a query as the portal shows it: its facts (status, type, the time frames that still run), an entry of its
// timeline, and a time. Text stays text (h()).
import { h } from '../src/dom';
import { formatDate } from '../src/language';
import type { PortalEntry, PortalQuery } from './portal-api';
import { p, said } from './portal-words';

export function when(iso: string | null | undefined): HTMLTimeElement | string {
  if (!iso) return '—';
  const at = new Date(iso);
  return h('time', { datetime: iso }, Number.isNaN(at.getTime()) ? iso : formatDate(at));
}

export function entry(e: PortalEntry): HTMLLIElement {
  if (e.kind === 'status')
    return h('li', { class: 'entry status-entry', 'data-entry': String(e.id) }, h('span', {}, p.statusNow, ' ', said(p.statuses, e.status ?? '')), ' ', when(e.at));
  return h('li', { class: `entry message from-${e.from ?? 'desk'}`, 'data-entry': String(e.id) },
    h('p', { class: 'meta' }, h('strong', {}, e.from === 'you' ? p.you : p.desk), ' ', when(e.at)),
    h('p', { class: 'text' }, e.text ?? ''));
}

// A time frame is told while it runs: the first answer until someone answered (the query is new no longer), the
// resolution until the query is resolved or closed.
export function facts(q: PortalQuery): HTMLElement {
  return h('dl', { class: 'portal-facts', id: 'portal-facts' },
    h('dt', {}, p.status), h('dd', { id: 'portal-status' }, said(p.statuses, q.status)),
    h('dt', {}, p.type), h('dd', {}, said(p.types, q.type)),
    ...(q.status === 'new' ? [h('dt', {}, p.firstAnswerBy), h('dd', {}, when(q.firstResponseDue))] : []),
    ...(q.resolvedAt ? [h('dt', {}, p.resolvedAt), h('dd', {}, when(q.resolvedAt))]
      : resolving(q) ? [h('dt', {}, p.resolvedBy), h('dd', {}, when(q.resolutionDue))] : []));
}

export const resolving = (q: PortalQuery) => q.status !== 'resolved' && q.status !== 'closed';
