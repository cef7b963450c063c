import { ApiError } from './api';
import { t } from './console-words';
import type { MomentOfTruth, StaffMember, TimelineEntry } from './contract';
import { announce, byId, h, time } from './dom';
import { momentLine } from './moments-panel';
import { workbenchApi, type OverrideView } from './workbench-api';
import { w } from './workbench-words';
import './workbench.css';

type Tab = 'moments' | 'overrides';

/**
 * The team's screens beside the queue: today's moments of truth in the queues the member may see (kept live from the
 * timeline pushes of those queues), and for supervisors the overrides waiting for review (accept, or propose a change
 * to the rule with a note). Opened from buttons under the queue list; the work area shows it instead of the queue.
 */
export class TeamView {
  private readonly section = byId('team-view');
  private readonly tabs = h('div', { class: 'team-tabs', role: 'group', 'aria-label': w.team });
  private readonly error = h('p', { id: 'team-error', class: 'error', role: 'alert' });
  private readonly body = h('div', { id: 'team-body', class: 'team-body' });
  private readonly heading = h('h2', { id: 'team-heading', tabindex: '-1' });
  private shown: Tab | null = null;
  private supervisor = false;
  private loading = 0;
  private refresh: number | undefined;

  constructor() {
    const back = h('button', { id: 'team-close', type: 'button' }, w.hideTeam);
    back.addEventListener('click', () => this.hide());
    this.section.setAttribute('aria-labelledby', 'team-heading');
    this.section.replaceChildren(h('div', { class: 'list-head' }, this.heading, back), this.error, this.body);
  }

  enter(member: StaffMember): void {
    this.supervisor = member.role !== 'agent';
    const tab = (id: Tab, label: string) => {
      const button = h('button', { id: `team-${id}`, type: 'button', 'aria-pressed': 'false' }, label);
      button.addEventListener('click', () => void this.show(id));
      return button;
    };
    this.tabs.replaceChildren(tab('moments', w.todaysMoments), ...(this.supervisor ? [tab('overrides', w.overridesToReview)] : []));
    byId('queues').after(this.tabs);
  }

  leave(): void {
    this.hide();
    this.tabs.remove();
  }

  /** A pushed timeline line: a moment of truth, or an override, changes what the open screen lists. */
  heard(entry: TimelineEntry): void {
    const matters = this.shown === 'moments' ? entry.kind === 'moment_of_truth' : this.shown === 'overrides' && entry.kind === 'rule_overridden';
    if (matters) this.refreshSoon();
  }

  /**
   * A user rated a query low in a survey: said aloud with its recovery query, and the day's moments are read again;
   * while another screen is shown, the Moments button counts the ones not yet seen.
   */
  momentOfTruth(moment: MomentOfTruth): void {
    announce(w.momentHeard(moment.reference, moment.recovery));
    if (this.shown === 'moments') {
      this.refreshSoon();
      return;
    }
    const button = this.tabs.querySelector<HTMLElement>('#team-moments');
    if (!button) return;
    const unseen = Number(button.dataset.unseen ?? 0) + 1;
    button.dataset.unseen = String(unseen);
    const badge = button.querySelector('.team-unseen') ?? button.appendChild(h('span', { class: 'team-unseen' }));
    badge.textContent = w.unseenMoments(unseen);
  }

  private refreshSoon(): void {
    if (this.refresh !== undefined) return;
    this.refresh = window.setTimeout(() => {
      this.refresh = undefined;
      if (this.shown) void this.load(this.shown);
    }, 500);
  }

  /** Reloads what is shown, after a dropped connection. */
  reload(): void {
    if (this.shown) void this.load(this.shown);
  }

  private async show(tab: Tab): Promise<void> {
    this.shown = tab;
    for (const button of this.tabs.querySelectorAll('button')) button.setAttribute('aria-pressed', String(button.id === `team-${tab}`));
    this.heading.textContent = tab === 'moments' ? w.todaysMoments : w.overridesToReview;
    if (tab === 'moments') this.seen();
    this.section.hidden = false;
    document.querySelector<HTMLElement>('.work')!.classList.add('team-open');
    this.body.replaceChildren();
    await this.load(tab);
    this.heading.focus();
  }

  private seen(): void {
    const button = this.tabs.querySelector<HTMLElement>('#team-moments');
    delete button?.dataset.unseen;
    button?.querySelector('.team-unseen')?.remove();
  }

  private hide(): void {
    this.shown = null;
    window.clearTimeout(this.refresh);
    this.refresh = undefined;
    for (const button of this.tabs.querySelectorAll('button')) button.setAttribute('aria-pressed', 'false');
    this.section.hidden = true;
    document.querySelector<HTMLElement>('.work')?.classList.remove('team-open');
  }

  private async load(tab: Tab): Promise<void> {
    const loading = ++this.loading;
    this.section.setAttribute('aria-busy', 'true');
    try {
      const content = tab === 'moments' ? await this.moments() : await this.overrides();
      if (loading !== this.loading || this.shown !== tab) return;
      this.error.textContent = '';
      this.body.replaceChildren(...content);
    } catch (error) {
      if (loading === this.loading) this.fail(error);
    } finally {
      if (loading === this.loading) this.section.removeAttribute('aria-busy');
    }
  }

  private async moments(): Promise<Node[]> {
    const day = await workbenchApi.today();
    return [
      h('p', { id: 'team-totals', class: 'team-totals' }, `${day.day}: ${w.dayTotals(Number(day.positive), Number(day.negative), Number(day.openRecoveries))}`),
      day.moments.length === 0 ? h('p', { class: 'empty' }, w.noMomentsToday)
        : h('ul', { id: 'team-moments', class: 'moments-list' }, ...day.moments.map((moment) => momentLine(moment, true))),
    ];
  }

  private async overrides(): Promise<Node[]> {
    const list = await workbenchApi.unreviewedOverrides();
    if (list.length === 0) return [h('p', { class: 'empty' }, w.noOverrides)];
    return [h('ul', { id: 'team-overrides', class: 'override-list' }, ...list.map((item) => this.overrideLine(item)))];
  }

  private overrideLine(item: OverrideView): HTMLLIElement {
    const id = `review-note-${item.id}`;
    const note = h('input', { id, type: 'text', maxlength: '1000', autocomplete: 'off' });
    note.placeholder = w.reviewNote;
    const decide = (decision: 'accept' | 'propose_change', label: string) => {
      const button = h('button', { type: 'button', 'data-decision': decision }, label);
      button.addEventListener('click', () => void this.review(item.id, decision, note));
      return button;
    };
    return h('li', { class: 'override', 'data-override': String(item.id), 'data-rule': item.rule },
      h('dl', { class: 'override-facts' },
        h('dt', {}, w.rule), h('dd', { class: 'override-rule-name' }, item.rule),
        h('dt', {}, w.who), h('dd', {}, item.actor),
        h('dt', {}, w.query), h('dd', {}, item.reference ?? '—'),
        h('dt', {}, w.when), h('dd', {}, time(item.at))),
      h('p', { class: 'override-justification' }, item.justification),
      h('div', { class: 'review-form' },
        h('label', { for: id, class: 'visually-hidden' }, w.reviewNote), note,
        decide('accept', w.accept), decide('propose_change', w.proposeChange)));
  }

  private async review(id: number, decision: 'accept' | 'propose_change', note: HTMLInputElement): Promise<void> {
    if (decision === 'propose_change' && !note.value.trim()) {
      this.error.textContent = w.proposalNoteFirst;
      note.focus();
      return;
    }
    try {
      const reviewed = await workbenchApi.review(id, decision, note.value.trim());
      this.error.textContent = '';
      announce(reviewed.improvement === null ? w.reviewed : w.proposalRegistered(reviewed.improvement));
      await this.load('overrides');
    } catch (error) {
      // Reviewed by someone else meanwhile: show the list as it is now, then why this review was refused.
      if (error instanceof ApiError && error.status === 409) await this.load('overrides');
      this.fail(error);
    }
  }

  private fail(error: unknown): void {
    this.error.textContent = error instanceof ApiError ? error.message : t.somethingWrong;
  }
}
