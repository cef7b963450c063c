// The audit log (admins only): newest first, a page at a time, filtered by kind; the desk refuses an unknown kind or
// a page size out of range, and says so by the field.
import { admin, type AuditEvent } from './admin-api';
import { submitting } from './admin-form';
import { queueChangeLines } from './admin-audit-queues';
import { slaChangeLines } from './admin-audit-sla';
import { aw } from './audit-words';
import { byId, h, time } from './dom';

export class AuditSection {
  private readonly section = byId('audit-section');
  private readonly form = byId<HTMLFormElement>('audit-filter');
  private readonly rows = byId('audit-rows');
  private readonly newest = byId<HTMLButtonElement>('audit-newest');
  private readonly older = byId<HTMLButtonElement>('audit-older');
  /** The cursor of the page shown (null: the newest) and of the one after it (null: none). */
  private after: number | null = null;
  private next: number | null = null;

  constructor() {
    this.form.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.load(null);
    });
    this.newest.addEventListener('click', () => void this.load(null));
    this.older.addEventListener('click', () => void this.load(this.next));
  }

  async show(): Promise<void> {
    this.section.hidden = false;
    await this.load(null);
  }

  private async load(after: number | null): Promise<void> {
    const kind = byId<HTMLInputElement>('audit-kind').value.trim();
    const limit = Number(byId<HTMLInputElement>('audit-limit').value || '50');
    const done = await submitting(this.form, async () => {
      const page = await admin.audit(after, kind, limit);
      this.rows.replaceChildren(...page.items.map((event) => this.row(event)));
      this.after = after;
      this.next = page.next;
      byId('audit-status').textContent = page.items.length === 0 ? aw.none : aw.shown(page.items.length, page.next !== null);
    });
    if (done) this.section.dataset.loaded = 'true';
    this.newest.disabled = this.after === null;
    this.older.disabled = this.next === null;
  }

  private row(event: AuditEvent): HTMLTableRowElement {
    return h('tr', { 'data-id': String(event.id), 'data-kind': event.kind },
      h('td', {}, time(event.createdAt)),
      h('td', {}, h('code', {}, event.kind)),
      h('td', {}, event.actor ?? ''),
      h('td', {}, event.subject ?? ''),
      h('td', {}, event.clientAddress ?? ''),
      h('td', {}, detail(event)));
  }
}

/** What the event's detail says: an SLA or queue change a line a setting, anything else as the desk wrote it. */
function detail(event: AuditEvent): Node | string {
  const lines = slaChangeLines(event.kind, event.detail ?? null) ?? queueChangeLines(event.kind, event.detail ?? null);
  return lines === null ? event.detail ?? '' : h('ul', { class: 'plain' }, ...lines.map((line) => h('li', {}, line)));
}
