// The improvement register (supervisors and admins): its entries newest first, by status, and a form to move one along,
// name its owner or write a note. The desk says which moves a status allows; its refusal shows in the form. Its markup is
// built here, into admin.html's empty #improvements-section.
import { send } from './api';
import type { components } from './api-types';
import { field, form, input, select, table } from './admin-fields';
import { submitting } from './admin-form';
import { iw } from './admin-improvements-words';
import { Listing } from './admin-listing';
import { at } from './admin-words';
import type { Wire } from './contract';
import { byId, h } from './dom';
import { formatDate } from './language';

type Improvement = Wire<components['schemas']['Improvement']>;
type ImprovementPage = Wire<components['schemas']['ImprovementPage']>;
type Change = { status?: string; owner?: string; note?: string };

const statuses = ['new', 'accepted', 'planned', 'done', 'declined'];

export class ImprovementsSection {
  private readonly section = byId('improvements-section');
  private readonly status = h('p', { id: 'improvements-status', class: 'status', role: 'status', 'aria-live': 'polite' });
  private readonly filter = select('improvements-filter', 'filter', [['', iw.anyStatus], ...statuses.map((s): [string, string] => [s, iw.statuses[s]])]);
  private readonly more = h('button', { id: 'improvements-more', type: 'button', hidden: '' }, iw.more);
  private readonly list: Listing<Improvement>;
  private readonly entryStatus = select('improvement-status', 'status', statuses.map((s): [string, string] => [s, iw.statuses[s]]));
  private readonly owner = input('improvement-owner', 'owner');
  private readonly note = input('improvement-note', 'note', { maxlength: '1000' });
  private readonly form: HTMLFormElement;
  private rows: HTMLTableSectionElement;
  private next: string | null = null;
  private editing: Improvement | null = null;

  constructor() {
    const [entries, rows] = table('improvements', iw.registerCaption,
      [iw.number, iw.source, iw.query, iw.text, iw.status, iw.owner, iw.note, iw.updated, at.actions]);
    this.rows = rows;
    this.list = new Listing(rows, this.status, () => this.page(null), (entry) => this.row(entry));
    const cancel = h('button', { id: 'improvement-cancel', type: 'button' }, iw.cancel);
    cancel.addEventListener('click', () => this.close());
    this.form = form('improvement-edit', '', [
      field(this.entryStatus, iw.status, 'status'),
      field(this.owner, iw.owner, 'owner', iw.ownerHint),
      field(this.note, iw.note, 'note', iw.noteHint),
    ], iw.save);
    this.form.hidden = true;
    this.form.append(cancel);
    this.form.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.save();
    });
    this.filter.addEventListener('change', () => void this.list.reload());
    this.more.addEventListener('click', () => void this.showMore());
    this.section.append(h('h2', { id: 'improvements-heading' }, iw.register), h('p', { class: 'hint' }, iw.registerHint), this.status,
      h('div', { class: 'filters' }, h('label', { for: this.filter.id }, iw.showStatus), this.filter), entries, this.more, this.form);
  }

  async show(): Promise<void> {
    this.section.hidden = false;
    await this.list.reload();
  }

  private async page(after: string | null): Promise<Improvement[]> {
    const search = new URLSearchParams({ limit: '50' });
    if (this.filter.value) search.set('status', this.filter.value);
    if (after) search.set('after', after);
    const page = await send<ImprovementPage>('GET', `/api/improvements?${search}`);
    this.next = page.next;
    this.more.hidden = page.next === null;
    if (page.items.length === 0 && after === null) this.status.textContent = iw.none;
    return page.items;
  }

  private async showMore(): Promise<void> {
    if (this.next) this.rows.append(...(await this.page(this.next)).map((entry) => this.row(entry)));
  }

  private row(entry: Improvement): HTMLTableRowElement {
    const id = Number(entry.id);
    const change = h('button', { type: 'button', 'data-action': 'change', 'aria-label': iw.changeEntry(id) }, at.change);
    change.addEventListener('click', () => this.open(entry));
    return h('tr', { 'data-improvement': String(id), 'data-status': entry.status, 'data-source': entry.source },
      h('td', {}, `#${id}`),
      h('td', {}, iw.sources[entry.source] ?? entry.source),
      h('td', {}, entry.reference),
      h('td', { class: 'wrap' }, entry.text),
      h('td', { 'data-field': 'status' }, iw.statuses[entry.status] ?? entry.status),
      h('td', { 'data-field': 'owner' }, entry.owner ?? ''),
      h('td', { class: 'wrap', 'data-field': 'note' }, entry.note ?? ''),
      h('td', {}, formatDate(new Date(entry.updatedAt))),
      h('td', { class: 'actions' }, change));
  }

  private open(entry: Improvement): void {
    this.editing = entry;
    this.form.hidden = false;
    this.form.querySelector('h3')!.textContent = iw.changeEntry(Number(entry.id));
    this.entryStatus.value = entry.status;
    this.owner.value = entry.owner ?? '';
    this.note.value = '';
    this.entryStatus.focus();
  }

  private close(): void {
    this.editing = null;
    this.form.hidden = true;
  }

  private async save(): Promise<void> {
    const entry = this.editing;
    if (!entry) return;
    const change: Change = {};
    if (this.entryStatus.value !== entry.status) change.status = this.entryStatus.value;
    if (this.owner.value.trim() !== (entry.owner ?? '')) change.owner = this.owner.value.trim();
    if (this.note.value.trim()) change.note = this.note.value.trim();
    if (Object.keys(change).length === 0) {
      this.status.textContent = iw.nothingChanged;
      return;
    }
    if (!await submitting(this.form, () => send<Improvement>('PATCH', `/api/improvements/${entry.id}`, change))) return;
    this.close();
    await this.list.reload();
    this.list.say(iw.saved(Number(entry.id)));
  }
}
