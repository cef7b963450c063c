import { ApiError } from './api';
import { CatalogControl } from './catalog-control';
import { t } from './console-words';
import { priorities, queryTypes, type QueryChange, type QueryDetail, type QuerySummary, type TimelineEntry } from './contract';
import { announce, h, words } from './dom';
import { learnName } from './staff-names';
import { workbenchApi } from './workbench-api';
import { w } from './workbench-words';
import './workbench.css';


/**
 * The query pane's controls beyond status: reassign, priority, reclassify (with its required reason), and the override
 * step a refusal that names a rule leads to. Each change goes through the pane, with the version it shows (If-Match).
 */
export class CaseControls {
  readonly element: HTMLElement;
  private readonly assignee = h('select', { id: 'reassign-select' });
  private readonly priority = h('select', { id: 'priority-select' });
  private readonly type = h('select', { id: 'type-select' });
  private readonly reason = h('input', { id: 'reclassify-reason', type: 'text', maxlength: '1000', autocomplete: 'off' });
  private readonly overrideForm: HTMLFormElement;
  private readonly overrideRule = h('p', { id: 'override-rule', class: 'override-rule' });
  private readonly justification = h('textarea', { id: 'override-justification', rows: '2', maxlength: '1000' });
  private readonly overrideError = h('p', { id: 'override-error', class: 'error', role: 'alert' });
  /** Hold the SLA clocks outside the policy's pausing statuses (an override of sla.policy), or lift the hold. */
  private readonly hold = h('button', { id: 'sla-hold', type: 'button', }, w.holdSla);
  private held = false;
  private pending: { change: QueryChange; rule: string } | null = null;
  /** The catalog item and its grant (catalog-control.ts); a refused grant comes back here as an override. */
  private readonly catalog: CatalogControl;
  private reference: string | null = null;
  /** The query as last shown: a cancelled override puts the controls back to it. */
  private shown: QuerySummary | null = null;

  constructor(private readonly change: (change: QueryChange) => Promise<boolean>, private readonly told: (message: string) => void) {
    for (const priority of priorities) this.priority.append(h('option', { value: priority }, priority));
    for (const type of queryTypes) this.type.append(h('option', { value: type }, w.types[type] ?? words(type)));
    const button = (id: string, label: string, action: () => void) => {
      const element = h('button', { id, type: 'button' }, label);
      element.addEventListener('click', action);
      return element;
    };
    this.overrideForm = h('form', { id: 'override-form', class: 'override-form', 'aria-labelledby': 'override-rule' },
      this.overrideRule,
      h('label', { for: 'override-justification' }, w.justification), this.justification, this.overrideError,
      h('div', { class: 'override-buttons' },
        h('button', { id: 'override-send', type: 'submit' }, w.overrideAndSave),
        button('override-cancel', w.cancel, () => this.cancelOverride())));
    this.overrideForm.hidden = true;
    this.overrideForm.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.sendOverride();
    });
    this.element = h('div', { class: 'actions case-controls' },
      h('div', { class: 'control-row' },
        h('label', { for: 'reassign-select' }, w.reassignTo), this.assignee,
        button('reassign', w.reassign, () => void this.change({ assignee: this.assignee.value }))),
      h('div', { class: 'control-row' },
        h('label', { for: 'priority-select' }, t.priority), this.priority,
        button('change-priority', w.changePriority, () => void this.change({ priority: this.priority.value }))),
      h('div', { class: 'control-row' },
        h('label', { for: 'type-select' }, w.newType), this.type, h('span'),
        h('label', { for: 'reclassify-reason', class: 'visually-hidden' }, w.reason), this.reason,
        button('reclassify', w.reclassify, () => this.reclassify())),
      (this.catalog = new CatalogControl(change, told)).element,
      h('div', { class: 'control-row' }, h('span', {}, w.slaHold), h('span'), this.hold),
      this.overrideForm);
    this.hold.addEventListener('click', () => void this.change({ slaHold: !this.held }));
    this.reason.placeholder = w.reason;
  }

  /** A newly opened query: its colleagues who may take it, and its values in the controls. */
  async open(query: QueryDetail): Promise<void> {
    if (query.reference !== this.reference) {
      this.cancelOverride();
      this.reason.value = '';
    }
    this.reference = query.reference;
    this.held = false;
    query.timeline.forEach((entry) => this.heard(entry));
    this.facts(query);
    void this.catalog.open(query);
    try {
      const colleagues = await workbenchApi.assignees(query.reference);
      colleagues.forEach((c) => learnName(c.username, c.displayName));
      if (this.reference !== query.reference) return;
      const current = this.assignee.value;
      this.assignee.replaceChildren(h('option', { value: '' }, w.unassigned),
        ...colleagues.map((c) => h('option', { value: c.username }, `${c.displayName} (${c.username})`)));
      this.assignee.value = colleagues.some((c) => c.username === current) ? current : '';
    } catch {
      // Without the list the pane still works; reassigning waits for the next opening.
    }
  }

  /**
   * A timeline entry of the open query, for the controls that show what it changed. The hold is read from the timeline,
   * as the desk reads it: put on, lifted, or ended by resolving the query.
   */
  heard(entry: TimelineEntry): void {
    this.catalog.heard(entry);
    if (entry.reference !== this.reference) return;
    const to = entry.kind === 'status_changed' ? entry.data?.['to'] : null;
    if (entry.kind === 'sla_held') this.held = true;
    else if (entry.kind === 'sla_hold_lifted' || to === 'resolved' || to === 'closed') this.held = false;
    this.hold.textContent = this.held ? w.liftHold : w.holdSla;
  }

  facts(query: QuerySummary): void {
    this.shown = query;
    // A resolved or closed query's clocks have stopped: there is nothing to hold.
    this.hold.hidden = !this.held && (query.status === 'resolved' || query.status === 'closed');
    this.priority.value = query.priority;
    if (queryTypes.includes(query.type as (typeof queryTypes)[number])) this.type.value = query.type;
    const assignee = query.assignee ?? '';
    if (![...this.assignee.options].some((o) => o.value === assignee) && assignee) {
      this.assignee.append(h('option', { value: assignee }, assignee));
    }
    this.assignee.value = assignee;
  }

  /**
   * A refusal that names a rule: asks for a written justification to break it, keeping the refused change. Returns
   * false for any other failure, for the pane to show.
   */
  refused(error: unknown, change: QueryChange): boolean {
    if (!(error instanceof ApiError) || !error.rule || change.override) return false;
    this.pending = { change, rule: error.rule };
    this.overrideRule.textContent = `${w.breaksRule(error.rule)} ${error.message}`;
    this.overrideError.textContent = '';
    this.justification.value = '';
    this.overrideForm.hidden = false;
    this.justification.focus();
    return true;
  }

  private reclassify(): void {
    if (!this.reason.value.trim()) {
      this.told(w.reasonFirst);
      this.reason.focus();
      return;
    }
    void this.change({ type: this.type.value, reason: this.reason.value.trim() }).then((made) => {
      if (made) this.reason.value = '';
    });
  }

  private async sendOverride(): Promise<void> {
    const pending = this.pending;
    if (!pending) return;
    const justification = this.justification.value.trim();
    // The desk refuses it too; saying so here spares the round trip.
    if (!justification) {
      this.overrideError.textContent = w.justifyFirst;
      this.justification.focus();
      return;
    }
    this.overrideError.textContent = '';
    this.pending = null;
    this.overrideForm.hidden = true;
    if (await this.change({ ...pending.change, override: { rule: pending.rule, justification } })) announce(w.overridden(pending.rule));
  }

  private cancelOverride(): void {
    this.pending = null;
    this.overrideForm.hidden = true;
    this.overrideError.textContent = '';
    if (this.shown) this.facts(this.shown);
    this.catalog.restore();
  }
}
