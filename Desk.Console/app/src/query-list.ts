import { qw } from './queue-words';
import type { QueryFilter } from './api';
import type { QuerySummary, SlaWarning } from './contract';
import { formatNumber } from './language';
import { h } from './dom';
import { done, fillRow, remaining } from './query-row';

export const emptyFilter = (): QueryFilter =>
  ({ queue: '', status: 'active', type: '', priority: '', channel: '', language: '', sla: '', assignee: '', q: '', sort: 'urgency' });

/**
 * The rows of #queries: one page of the current view, in its sort (SLA urgency or newest first), one row per
 * reference, kept current by the hub's pushes. The keyboard cursor (j/k, arrows) and the checked rows live here.
 */
export class QueryList {
  private readonly rows = new Map<string, HTMLTableRowElement>();
  private readonly shown = new Map<string, QuerySummary>();
  readonly checked = new Set<string>();
  /** The last SLA warning pushed for each query: its row shows it while the deadline it was about is the one shown. */
  private readonly warnings = new Map<string, SlaWarning>();
  private pending: QuerySummary[] | null = null;
  /** While a page is rebuilt: the rows it had, so a query still on the page keeps its element (and focus). */
  private reusable: Map<string, HTMLTableRowElement> | null = null;
  private selected: string | null = null;
  private cursor: string | null = null;
  filter: QueryFilter = emptyFilter();
  /** The signed-in member, for the "mine" view. */
  me = '';
  offset = 0;
  readonly limit = 50;
  total = 0;
  /** The desk stopped counting at `total` (10,000 past the offset): more match. */
  totalCapped = false;
  /** Called when the page's range or the checked rows change. */
  changed: () => void = () => {};

  constructor(
    private readonly body: HTMLTableSectionElement,
    private readonly empty: HTMLElement,
    private readonly open: (reference: string) => void,
  ) {
    body.addEventListener('click', (event) => {
      const target = event.target as Element;
      const row = target.closest<HTMLElement>('tr[data-reference]');
      const reference = row?.dataset.reference;
      if (!reference) return;
      if (target.closest('input.pick')) {
        this.check(reference, (target as HTMLInputElement).checked);
        return;
      }
      this.moveTo(reference, false);
      open(reference);
    });
    window.setInterval(() => this.refreshDue(), 60_000);
  }

  get references(): string[] {
    return [...this.body.rows].map((row) => row.dataset.reference ?? '');
  }

  /** Pushes that arrive while a page is loading are replayed on top of it, so none is lost. */
  beginLoad(): void {
    this.pending ??= [];
  }

  replaceAll(items: QuerySummary[], total = items.length, offset = 0, totalCapped = false): void {
    const missed = this.pending ?? [];
    this.pending = null;
    this.total = total;
    this.totalCapped = totalCapped;
    this.offset = offset;
    const focused = document.activeElement;
    this.reusable = new Map(this.rows);
    this.rows.clear();
    this.shown.clear();
    this.body.replaceChildren();
    for (const query of items) this.put(query, false);
    for (const query of missed) this.put(query, true);
    this.reusable = null;
    // The console reloads its page up to once a second under load; the keyboard cursor must not lose its row.
    if (focused instanceof HTMLElement && focused !== document.activeElement && this.body.contains(focused)) focused.focus();
    if (this.cursor && !this.rows.has(this.cursor)) this.cursor = null;
    this.settle();
  }

  clear(): void {
    this.checked.clear();
    this.replaceAll([]);
  }

  /** A created or updated query: shown in place, inserted in order, or dropped if the view no longer matches. */
  upsert(query: QuerySummary): void {
    if (this.pending !== null) this.pending.push(query);
    this.put(query, true);
    this.settle();
  }

  remove(reference: string): void {
    const row = this.rows.get(reference);
    if (row) {
      this.drop(row);
      this.total = Math.max(0, this.total - 1);
    }
    if (this.selected === reference) this.selected = null;
    this.settle();
  }

  markBreached(reference: string): void {
    const query = this.shown.get(reference);
    if (query) this.upsert({ ...query, slaState: 'breached' });
  }

  markWarned(warning: SlaWarning): void {
    this.warnings.set(warning.reference, warning);
    const query = this.shown.get(warning.reference);
    if (query) this.upsert(query);
  }

  select(reference: string | null): void {
    if (this.selected) this.rows.get(this.selected)?.removeAttribute('aria-current');
    this.selected = reference;
    if (reference) this.rows.get(reference)?.setAttribute('aria-current', 'true');
  }

  /** The row of this query, if shown, becomes the cursor and takes the focus. */
  focusRow(reference: string): void {
    if (this.rows.has(reference)) this.moveTo(reference, true);
  }

  /** j/k and the arrows: the next or previous row becomes the cursor, and takes the focus. */
  move(step: number): void {
    const references = this.references;
    if (references.length === 0) return;
    const at = this.cursor ? references.indexOf(this.cursor) : -1;
    const next = at < 0 ? (step > 0 ? 0 : references.length - 1) : Math.min(references.length - 1, Math.max(0, at + step));
    this.moveTo(references[next], true);
  }

  openCursor(): void {
    if (this.cursor) this.open(this.cursor);
  }

  toggleCursor(): void {
    if (!this.cursor) return;
    const box = this.rows.get(this.cursor)?.querySelector<HTMLInputElement>('input.pick');
    if (!box) return;
    box.checked = !box.checked;
    this.check(this.cursor, box.checked);
  }

  checkAll(on: boolean): void {
    for (const [reference, row] of this.rows) {
      const box = row.querySelector<HTMLInputElement>('input.pick');
      if (box) box.checked = on;
      if (on) this.checked.add(reference);
      else this.checked.delete(reference);
    }
    this.changed();
  }

  uncheckAll(): void {
    this.uncheck([...this.checked]);
  }

  uncheck(references: string[]): void {
    for (const reference of references) {
      this.checked.delete(reference);
      const box = this.rows.get(reference)?.querySelector<HTMLInputElement>('input.pick');
      if (box) box.checked = false;
    }
    this.changed();
  }

  private check(reference: string, on: boolean): void {
    if (on) this.checked.add(reference);
    else this.checked.delete(reference);
    this.changed();
  }

  private moveTo(reference: string, focus: boolean): void {
    if (this.cursor) this.rows.get(this.cursor)?.classList.remove('cursor');
    this.cursor = reference;
    const row = this.rows.get(reference);
    row?.classList.add('cursor');
    if (focus) row?.focus();
  }

  /**
   * Puts the query where the view's sort places it, if that is on this page: a pushed query that sorts before the
   * page (on a later page) or after a full page belongs to another page; the next load shows it there.
   */
  private put(query: QuerySummary, pushed: boolean): void {
    const row = this.rows.get(query.reference);
    if (!this.matches(query)) {
      if (row) {
        this.drop(row);
        if (pushed) this.total = Math.max(0, this.total - 1);
      }
      return;
    }
    if (row) row.remove();
    const before = [...this.body.rows].find((other) => this.sortsBefore(query, this.shown.get(other.dataset.reference ?? '')!));
    if (pushed && !row) {
      const full = this.rows.size >= this.limit;
      if ((this.offset > 0 && before === this.body.rows[0]) || (full && before === undefined)) return;
      this.total += 1;
    }
    const fresh = row ?? this.reusable?.get(query.reference) ?? h('tr', { tabindex: '-1' });
    this.shown.set(query.reference, query);
    fillRow(fresh, query, this.checked.has(query.reference), this.warnings.get(query.reference));
    fresh.toggleAttribute('aria-current', query.reference === this.selected);
    fresh.classList.toggle('cursor', query.reference === this.cursor);
    this.rows.set(query.reference, fresh);
    this.body.insertBefore(fresh, before ?? null);
    if (this.rows.size > this.limit) this.drop(this.body.rows[this.body.rows.length - 1]);
  }

  private sortsBefore(a: QuerySummary, b: QuerySummary): boolean {
    if (this.filter.sort === 'newest') return Date.parse(a.createdAt) > Date.parse(b.createdAt);
    const [ka, kb] = [urgency(a), urgency(b)];
    for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return ka[i] < kb[i];
    return a.reference < b.reference;
  }

  private drop(row: HTMLTableRowElement): void {
    const reference = row.dataset.reference ?? '';
    row.remove();
    this.rows.delete(reference);
    this.shown.delete(reference);
  }

  /** The server decides what a page holds; a push is only judged by what its summary shows (not the text). */
  private matches(query: QuerySummary): boolean {
    const f = this.filter;
    const needle = f.q.trim().toLowerCase();
    const assignee = f.assignee === 'me' ? this.me : f.assignee;
    const open = !done.has(query.status);
    const breached = query.slaState === 'breached';
    return (!f.queue || query.queue === f.queue)
      && (!f.status || (f.status === 'active' ? open : query.status === f.status))
      && (!f.type || query.type === f.type)
      && (!f.priority || query.priority === f.priority)
      && (!f.channel || query.channel === f.channel)
      && (!f.language || query.language === f.language)
      && (!f.sla || (f.sla === 'breached' ? breached : !breached && query.slaPaused === (f.sla === 'paused')))
      && (!assignee || (assignee === 'unassigned' ? !query.assignee : query.assignee === assignee))
      && (!needle || [query.reference, query.subject, query.contactName ?? ''].some((s) => s.toLowerCase().includes(needle)));
  }

  private refreshDue(): void {
    for (const element of this.body.querySelectorAll<HTMLElement>('[data-due]')) {
      const due = element.dataset.due ?? '';
      element.textContent = remaining(due);
      element.parentElement?.classList.toggle('overdue', Date.parse(due) < Date.now());
    }
  }

  private settle(): void {
    this.empty.hidden = this.rows.size > 0;
    this.changed();
  }

  rangeText(): string {
    // #queries-empty says so; "0 of 0" would only repeat it.
    if (this.total === 0 && this.rows.size === 0) return '';
    return qw.range(formatNumber(this.offset + 1), formatNumber(this.offset + this.rows.size), formatNumber(Math.max(this.total, this.offset + this.rows.size)) + (this.totalCapped ? '+' : ''));
  }
}

/** As the server sorts: breached and open first, then the soonest running deadline, paused or done last; ties by age. */
function urgency(query: QuerySummary): number[] {
  const due = query.slaDue ? Date.parse(query.slaDue) : Number.POSITIVE_INFINITY;
  const rank = !done.has(query.status) && query.slaState === 'breached' ? 0 : query.slaDue ? 1 : 2;
  return [rank, due, Date.parse(query.createdAt)];
}
