import './queues.css';
import { t } from './console-words';
import { qw } from './queue-words';
import { ApiError, api, filterKeys, type QueryFilter } from './api';
import { priorities, queryTypes, statuses, type QueueLoad, type SavedView } from './contract';
import { announce, h, words } from './dom';
import { queueName } from './board-words';
import { formatNumber, language } from './language';
import { emptyFilter, type QueryList } from './query-list';

/** The practice's name as the desk gives it, in English; the board's words in Chinese. */
const queueLabel = (load: QueueLoad) => (language === 'zh' ? queueName(load.queue) : load.practice);

const channels = ['web', 'portal', 'email', 'sms', 'chat', 'phone', 'social'];

type Choice = [value: string, label: string];

/**
 * The queue views around the list: the sidebar (each queue the member may see, Unassigned, Mine, saved views), the
 * filter bar, the pager, the list keys and the bulk action on checked rows. A change of view loads page one.
 */
export class QueueView {
  private readonly controls = new Map<keyof QueryFilter, HTMLSelectElement | HTMLInputElement>();
  private readonly sidebar: HTMLUListElement;
  private readonly viewsList = h('ul', { class: 'saved-views', id: 'saved-views' });
  private readonly range = h('span', { class: 'range', id: 'queue-range', 'aria-live': 'polite' });
  private readonly previous = h('button', { type: 'button', id: 'page-previous' }, qw.previous);
  private readonly next = h('button', { type: 'button', id: 'page-next' }, qw.next);
  private readonly bulk: HTMLElement;
  private readonly bulkCount = h('span', { class: 'bulk-count' });
  private readonly bulkResult = h('p', { class: 'bulk-result', id: 'bulk-result', role: 'status' });
  private readonly pickAll = h('input', { type: 'checkbox', id: 'pick-all', 'aria-label': qw.pickAll });
  private views: SavedView[] = [];
  private searchTimer: number | undefined;

  constructor(private readonly list: QueryList, private readonly load: () => Promise<void>, private readonly me: () => string,
    private readonly fail: (error: unknown) => void) {
    this.sidebar = document.getElementById('queues') as HTMLUListElement;
    this.sidebar.after(h('h2', { class: 'saved-heading' }, qw.savedViews), this.viewsList, this.saveForm());
    document.getElementById('queue-filters')!.replaceChildren(...this.filterBar());
    document.getElementById('queue-pager')!.replaceChildren(this.previous, this.range, this.next);
    this.bulk = document.getElementById('queue-bulk')!;
    this.bulk.replaceChildren(...this.bulkBar());
    document.querySelector('table.queries thead tr')?.prepend(h('th', { scope: 'col', class: 'pick' }, this.pickAll));
    this.pickAll.addEventListener('change', () => list.checkAll(this.pickAll.checked));
    this.previous.addEventListener('click', () => this.page(-1));
    this.next.addEventListener('click', () => this.page(1));
    list.changed = () => this.showPage();
    document.addEventListener('keydown', (event) => this.key(event));
    this.showPage();
  }

  /** Loads the views; the queues come with each count refresh. */
  async enter(): Promise<void> {
    this.list.me = this.me();
    const first = this.show(emptyFilter());
    try {
      this.views = await api.views();
      this.showViews();
    } catch (error) {
      this.fail(error);
    }
    await first;
  }

  showQueues(queues: QueueLoad[]): void {
    const sum = (pick: (q: QueueLoad) => number) => queues.reduce((n, q) => n + pick(q), 0);
    const entry = (key: string, label: string, view: Partial<QueryFilter>, count?: number, breached?: number) => {
      const button = h('button', { type: 'button', 'data-view': key },
        h('span', { class: 'queue-name', title: label }, label),
        breached ? h('span', { class: 'queue-breached', 'aria-label': qw.breachedCount(formatNumber(breached)) }, formatNumber(breached)) : null,
        count === undefined ? null : h('span', { class: 'queue-open', 'aria-label': t.openCount(formatNumber(count)) }, formatNumber(count)));
      button.addEventListener('click', () => void this.show({ ...emptyFilter(), ...view, sort: this.list.filter.sort }));
      return h('li', {}, button);
    };
    this.sidebar.replaceChildren(
      entry('all', t.allQueues, {}, sum((q) => q.open), sum((q) => q.breached)),
      entry('unassigned', qw.unassigned, { assignee: 'unassigned' }, sum((q) => q.unassigned)),
      entry('mine', qw.mine, { assignee: 'me' }, sum((q) => q.mine)),
      ...queues.map((load) => entry(`queue:${load.queue}`, queueLabel(load), { queue: load.queue }, load.open, load.breached)));
    const queue = this.controls.get('queue') as HTMLSelectElement;
    const chosen = queue.value;
    queue.replaceChildren(h('option', { value: '' }, t.allQueues), ...queues.map((load) => h('option', { value: load.queue }, queueLabel(load))));
    queue.value = chosen;
    this.markSidebar();
  }

  /** Shows a view: the controls take its values, page one loads. */
  private show(filter: QueryFilter): Promise<void> {
    this.list.filter = filter;
    this.list.offset = 0;
    this.bulkResult.replaceChildren();
    this.list.uncheckAll();
    for (const [key, control] of this.controls) {
      // A shared view may name a value the choices lack (another agent as assignee): it is shown as it is.
      if (control instanceof HTMLSelectElement && ![...control.options].some((o) => o.value === filter[key])) {
        control.append(h('option', { value: filter[key] }, filter[key]));
      }
      control.value = filter[key];
    }
    this.markSidebar();
    return this.load();
  }

  private markSidebar(): void {
    const f = this.list.filter;
    const plain = !f.type && !f.priority && !f.channel && !f.language && !f.sla && !f.q && f.status === 'active';
    const key = !plain ? '' : f.assignee === 'unassigned' && !f.queue ? 'unassigned' : f.assignee === 'me' && !f.queue ? 'mine'
      : f.assignee ? '' : f.queue ? `queue:${f.queue}` : 'all';
    for (const button of this.sidebar.querySelectorAll<HTMLButtonElement>('button')) {
      button.setAttribute('aria-pressed', String(button.dataset.view === key));
    }
  }

  private filterBar(): HTMLElement[] {
    const select = (key: keyof QueryFilter, id: string, label: string, choices: Choice[]) => {
      const control = h('select', { id, 'data-filter': key }, ...choices.map(([value, text]) => h('option', { value }, text)));
      control.addEventListener('change', () => this.changeFilter(key, control.value));
      this.controls.set(key, control);
      return h('div', { class: 'filter' }, h('label', { for: id }, label), control);
    };
    const search = h('input', { id: 'query-search', type: 'search', placeholder: qw.searchHint, 'data-filter': 'q', maxlength: '200' });
    search.addEventListener('input', () => {
      window.clearTimeout(this.searchTimer);
      this.searchTimer = window.setTimeout(() => this.changeFilter('q', search.value.trim()), 300);
    });
    this.controls.set('q', search);
    const names = (record: Record<string, string>): Choice[] => Object.entries(record);
    return [
      h('div', { class: 'filter search' }, h('label', { for: 'query-search' }, qw.search), search),
      select('queue', 'queue-filter', t.queue, [['', t.allQueues]]),
      // Unassigned and Mine in the sidebar set it: in sight, so that a search from there is not narrowed unseen.
      select('assignee', 'assignee-filter', t.assignee, [['', qw.anyone], ['unassigned', qw.unassigned], ['me', qw.mine]]),
      select('status', 'status-filter', t.status, [['active', qw.active], ['', qw.anyStatus], ...statuses.map((s): Choice => [s, words(s)])]),
      select('type', 'type-filter', t.type, [['', qw.anyType], ...queryTypes.map((s): Choice => [s, words(s)])]),
      select('priority', 'priority-filter', t.priority, [['', qw.anyPriority], ...priorities.map((p): Choice => [p, p])]),
      select('channel', 'channel-filter', qw.channel, [['', qw.anyChannel], ...channels.map((c): Choice => [c, qw.names[c] ?? words(c)])]),
      select('language', 'language-filter', qw.language, [['', qw.anyLanguage], ...names(qw.languages)]),
      select('sla', 'sla-filter', qw.slaState, [['', qw.anySla], ...names(qw.slaStates)]),
      select('sort', 'sort-filter', qw.sort, names(qw.sorts)),
    ];
  }

  private changeFilter(key: keyof QueryFilter, value: string): void {
    if (this.list.filter[key] === value) return;
    void this.show({ ...this.list.filter, [key]: value });
  }

  private page(step: number): void {
    const offset = this.list.offset + step * this.list.limit;
    if (offset < 0 || offset >= Math.max(this.list.total, 1)) return;
    this.list.offset = offset;
    this.list.uncheckAll();
    void this.load();
  }

  private showPage(): void {
    this.range.textContent = this.list.rangeText();
    this.previous.disabled = this.list.offset === 0;
    this.next.disabled = this.list.offset + this.list.limit >= this.list.total;
    const checked = this.list.checked.size;
    // The last bulk action's result stays in sight after its reload, until the view changes or the agent clears it.
    this.bulk.hidden = checked === 0 && !this.bulkResult.hasChildNodes();
    this.bulkCount.textContent = qw.selected(formatNumber(checked));
    for (const action of this.bulk.querySelectorAll<HTMLButtonElement>('button:not(#bulk-clear)')) action.disabled = checked === 0;
    this.pickAll.checked = checked > 0 && this.list.references.every((r) => this.list.checked.has(r));
  }

  /** j/k and the arrows move through the rows, Enter opens, x checks; never while the member types in a field. */
  private key(event: KeyboardEvent): void {
    if (event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) return;
    const target = event.target as HTMLElement;
    if (target.closest('input, textarea, select, [contenteditable=""], [contenteditable="true"]')) return;
    if (document.getElementById('desk-view')?.hidden) return;
    const inList = target === document.body || target.closest('table.queries') !== null;
    switch (event.key) {
      case 'j': this.list.move(1); break;
      case 'k': this.list.move(-1); break;
      case 'ArrowDown': if (!inList) return; this.list.move(1); break;
      case 'ArrowUp': if (!inList) return; this.list.move(-1); break;
      case 'Enter': if (!inList || target.closest('button')) return; this.list.openCursor(); break;
      case 'x': this.list.toggleCursor(); break;
      default: return;
    }
    event.preventDefault();
  }

  private saveForm(): HTMLElement {
    const name = h('input', { id: 'view-name', maxlength: '100', required: '' });
    const shared = h('input', { id: 'view-shared', type: 'checkbox' });
    const form = h('form', { class: 'save-view', id: 'save-view' },
      h('label', { for: 'view-name' }, qw.viewName), name,
      h('label', { class: 'inline' }, shared, qw.shareView),
      h('button', { type: 'submit', id: 'save-view-button' }, qw.saveView));
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      if (!name.value.trim()) return;
      const filters: Partial<QueryFilter> = {};
      for (const key of filterKeys) if (this.list.filter[key]) filters[key] = this.list.filter[key];
      try {
        const view = await api.saveView(name.value.trim(), filters, shared.checked);
        this.views = [...this.views, view].sort((a, b) => a.name.localeCompare(b.name));
        this.showViews();
        announce(qw.viewSaved(view.name));
        name.value = '';
        shared.checked = false;
      } catch (error) {
        this.fail(error);
      }
    });
    return form;
  }

  private showViews(): void {
    const me = this.me();
    this.viewsList.replaceChildren(...(this.views.length === 0 ? [h('li', { class: 'empty' }, qw.noSavedViews)] : this.views.map((view) => {
      const open = h('button', { type: 'button', class: 'open-view', 'data-view-id': String(view.id) },
        h('span', { class: 'queue-name', title: view.name }, view.name),
        view.owner === me ? null : h('span', { class: 'view-owner' }, qw.sharedBy(view.owner)));
      open.addEventListener('click', () => {
        const filter = emptyFilter();
        filter.status = '';
        for (const key of filterKeys) filter[key] = view.filters[key] ?? (key === 'sort' ? 'urgency' : '');
        void this.show(filter);
      });
      const remove = view.owner !== me ? null : h('button', { type: 'button', class: 'delete-view', 'aria-label': qw.deleteView(view.name), title: qw.deleteView(view.name) }, '×');
      remove?.addEventListener('click', async () => {
        try {
          await api.deleteView(view.id);
          this.views = this.views.filter((v) => v.id !== view.id);
          this.showViews();
        } catch (error) {
          this.fail(error);
        }
      });
      return h('li', { 'data-view-name': view.name }, open, remove);
    })));
  }

  private bulkBar(): Node[] {
    const agent = h('input', { id: 'bulk-agent', 'aria-label': qw.agent, placeholder: qw.agent, maxlength: '256' });
    const status = h('select', { id: 'bulk-status', 'aria-label': qw.setStatus }, ...statuses.map((s) => h('option', { value: s }, words(s))));
    const priority = h('select', { id: 'bulk-priority', 'aria-label': qw.setPriority }, ...priorities.map((p) => h('option', { value: p }, p)));
    const button = (id: string, label: string, act: () => void) => {
      const b = h('button', { type: 'button', id }, label);
      b.addEventListener('click', act);
      return b;
    };
    return [
      this.bulkCount,
      button('bulk-assign-me', qw.assignToMe, () => void this.apply({ assignee: this.me() })),
      agent, button('bulk-assign', qw.assign, () => { if (agent.value.trim()) void this.apply({ assignee: agent.value.trim() }); }),
      status, button('bulk-set-status', qw.setStatus, () => void this.apply({ status: status.value })),
      priority, button('bulk-set-priority', qw.setPriority, () => void this.apply({ priority: priority.value })),
      button('bulk-clear', qw.clearSelection, () => {
        this.bulkResult.replaceChildren();
        this.list.uncheckAll();
      }),
      this.bulkResult,
    ];
  }

  /** One PATCH per checked query, in turn; a refusal (a 409, a rule) is reported and the rest still go. */
  private async apply(change: { assignee?: string; status?: string; priority?: string }): Promise<void> {
    const references = [...this.list.checked];
    const failures: string[] = [];
    const changed: string[] = [];
    for (const reference of references) {
      try {
        this.list.upsert(await api.change(reference, change));
        changed.push(reference);
      } catch (error) {
        failures.push(qw.bulkFailed(reference, error instanceof ApiError ? error.message : t.somethingWrong));
      }
    }
    const summary = qw.bulkDone(formatNumber(changed.length), formatNumber(failures.length));
    this.bulkResult.replaceChildren(summary, ...failures.map((f) => h('span', { class: 'bulk-failure' }, f)));
    announce(summary);
    // The rows that failed stay checked, so that the agent can correct the action (a mistyped name) and apply it again.
    this.list.uncheck(changed);
    void this.load();
  }
}
