import { t } from './console-words';
import type { QueryFilter } from './api';
import type { QuerySummary } from './contract';
import { h, time, words } from './dom';

const done = new Set(['resolved', 'closed']);
// A console left open all day would otherwise grow without end; the oldest rows go first.
const mostRows = 200;

/** The rows of #queries: newest first, one per reference, kept current by the hub's pushes. */
export class QueryList {
  private readonly rows = new Map<string, HTMLTableRowElement>();
  private readonly shown = new Map<string, QuerySummary>();
  private pending: QuerySummary[] | null = null;
  private selected: string | null = null;
  filter: QueryFilter = { queue: '', status: '' };

  constructor(
    private readonly body: HTMLTableSectionElement,
    private readonly empty: HTMLElement,
    open: (reference: string) => void,
  ) {
    body.addEventListener('click', (event) => {
      const row = (event.target as Element).closest<HTMLElement>('tr[data-reference]');
      if (row?.dataset.reference) open(row.dataset.reference);
    });
  }

  /** Pushes that arrive while a page is loading are replayed on top of it, so none is lost. */
  beginLoad(): void {
    this.pending ??= [];
  }

  replaceAll(items: QuerySummary[]): void {
    const missed = this.pending ?? [];
    this.pending = null;
    this.rows.clear();
    this.shown.clear();
    this.body.replaceChildren();
    for (const query of items) this.put(query);
    for (const query of missed) this.put(query);
    this.refreshEmpty();
  }

  clear(): void {
    this.replaceAll([]);
  }

  /** A created or updated query: shown in place, inserted in order, or dropped if the filter no longer matches. */
  upsert(query: QuerySummary): void {
    if (this.pending !== null) this.pending.push(query);
    this.put(query);
    this.refreshEmpty();
  }

  remove(reference: string): void {
    const row = this.rows.get(reference);
    if (row) this.drop(row);
    if (this.selected === reference) this.selected = null;
    this.refreshEmpty();
  }

  markBreached(reference: string): void {
    const query = this.shown.get(reference);
    if (query) this.put({ ...query, slaState: 'breached' });
  }

  select(reference: string | null): void {
    if (this.selected) this.rows.get(this.selected)?.removeAttribute('aria-current');
    this.selected = reference;
    if (reference) this.rows.get(reference)?.setAttribute('aria-current', 'true');
  }

  private put(query: QuerySummary): void {
    const row = this.rows.get(query.reference);
    if (!this.matches(query)) {
      if (row) this.drop(row);
      return;
    }
    this.shown.set(query.reference, query);
    if (row) {
      fill(row, query);
      return;
    }
    const fresh = h('tr');
    fill(fresh, query);
    if (query.reference === this.selected) fresh.setAttribute('aria-current', 'true');
    this.rows.set(query.reference, fresh);
    const created = Date.parse(query.createdAt);
    const older = [...this.body.rows].find((other) => Date.parse(other.dataset.created ?? '') < created);
    this.body.insertBefore(fresh, older ?? null);
    if (this.rows.size > mostRows) this.drop(this.body.rows[this.body.rows.length - 1]);
  }

  private drop(row: HTMLTableRowElement): void {
    const reference = row.dataset.reference ?? '';
    row.remove();
    this.rows.delete(reference);
    this.shown.delete(reference);
  }

  private matches(query: QuerySummary): boolean {
    return (!this.filter.queue || query.queue === this.filter.queue)
      && (!this.filter.status || query.status === this.filter.status);
  }

  private refreshEmpty(): void {
    this.empty.hidden = this.rows.size > 0;
  }
}

function fill(row: HTMLTableRowElement, query: QuerySummary): void {
  const breached = query.slaState === 'breached';
  row.dataset.reference = query.reference;
  row.dataset.created = query.createdAt;
  row.dataset.status = query.status;
  row.dataset.sla = query.slaState;
  row.classList.toggle('breached', breached);
  const contact = query.contactName ?? t.contactNumber(query.contactId);
  row.replaceChildren(
    h('td', { class: 'reference' }, h('button', { type: 'button', class: 'open-query' }, query.reference)),
    h('td', { class: 'type' }, words(query.type)),
    h('td', { class: 'priority' }, h('span', { class: `badge ${query.priority.toLowerCase()}` }, words(query.priority))),
    h('td', { class: 'status' }, words(query.status)),
    h('td', { class: 'subject' }, query.subject),
    h('td', { class: 'contact', title: contact }, contact),
    h('td', { class: 'sla' }, sla(query)),
  );
}

function sla(query: QuerySummary): Node {
  if (query.slaState === 'breached') return h('strong', { class: 'sla-breached' }, t.breached);
  if (done.has(query.status)) return document.createTextNode(t.met);
  // The server's clocks decide: paused while the desk waits for the user, else the next deadline it computed.
  if (query.slaPaused) return h('span', { class: 'sla-paused' }, t.paused);
  const [label, due] = query.firstRespondedAt === null ? [t.respondBy, query.firstResponseDue]
    : query.nextResponseDue ? [t.answerBy, query.nextResponseDue]
    : [t.resolveBy, query.resolutionDue];
  if (due === null) return document.createTextNode('—');
  return h('span', {}, label, time(due));
}
