import { ApiError } from './api';
import { t } from './console-words';
import { h, time } from './dom';
import { workbenchApi, type MomentView } from './workbench-api';
import { w } from './workbench-words';
import './workbench.css';

/** One moment of truth as a list line: polarity, what raised it, who, when, and where its recovery stands. */
export function momentLine(moment: MomentView, withReference: boolean): HTMLLIElement {
  const recovery = moment.recovery;
  return h('li', { class: `moment ${moment.polarity}`, 'data-moment': String(moment.id), 'data-polarity': moment.polarity,
    'data-recovery': recovery?.state ?? undefined },
  h('span', { class: 'moment-polarity' }, moment.polarity === 'positive' ? w.positive : w.negative),
  withReference ? h('span', { class: 'moment-reference' }, moment.reference) : null,
  h('span', { class: 'moment-kind' }, w.kind[moment.kind] ?? moment.kind),
  h('span', { class: 'moment-actor' }, moment.actor),
  time(moment.at),
  moment.note ? h('span', { class: 'moment-note' }, moment.note) : null,
  recovery === null ? null
    : recovery.state === 'recovered' ? h('span', { class: 'moment-recovery recovered' }, w.recovered(recovery.recoveredBy ?? ''),
      recovery.note ? `: ${recovery.note}` : '')
    : h('span', { class: 'moment-recovery open' }, w.recoveryOpen));
}

/** The query's moments of truth: recorded by the desk or by hand, a negative one's recovery, and a form for the agent's own. */
export class MomentsPanel {
  readonly element: HTMLElement;
  private readonly list = h('ul', { id: 'moments-list', class: 'moments-list' });
  private readonly summary = h('p', { id: 'moments-summary', class: 'moments-summary' });
  private readonly error = h('p', { id: 'moments-error', class: 'error', role: 'alert' });
  private readonly polarity = h('select', { id: 'moment-polarity' },
    h('option', { value: 'positive' }, w.positive), h('option', { value: 'negative' }, w.negative));
  private readonly note = h('input', { id: 'moment-note', type: 'text', maxlength: '1000', autocomplete: 'off' });
  private reference: string | null = null;
  private loading = 0;

  constructor() {
    const form = h('form', { id: 'moment-form', class: 'moment-form' },
      h('label', { for: 'moment-polarity', class: 'visually-hidden' }, w.polarity), this.polarity,
      h('label', { for: 'moment-note', class: 'visually-hidden' }, w.note), this.note,
      h('button', { id: 'record-moment', type: 'submit' }, w.recordMoment));
    this.note.placeholder = w.note;
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.record();
    });
    this.element = h('section', { id: 'moments', class: 'moments', 'aria-labelledby': 'moments-heading' },
      h('h3', { id: 'moments-heading' }, w.moments), this.summary, this.list, this.error, form);
  }

  async load(reference: string): Promise<void> {
    const loading = ++this.loading;
    if (reference !== this.reference) {
      this.list.replaceChildren();
      this.summary.textContent = '';
      this.note.value = '';
    }
    this.reference = reference;
    this.error.textContent = '';
    try {
      const moments = await workbenchApi.moments(reference);
      if (loading !== this.loading || reference !== this.reference) return;
      this.list.replaceChildren(...moments.moments.map((moment) => this.line(moment)));
      const negatives = moments.moments.some((m) => m.polarity === 'negative');
      this.summary.textContent = moments.moments.length === 0 ? w.noMoments
        : Number(moments.openRecoveries) > 0 ? w.openRecoveries(Number(moments.openRecoveries))
        : negatives ? w.recoveredAll : '';
      this.summary.dataset.recovered = String(moments.recovered);
    } catch (error) {
      if (loading === this.loading) this.fail(error);
    }
  }

  /** A line on the open query's timeline that is a moment of truth: the list is read again. */
  heard(reference: string, kind: string): void {
    if (reference === this.reference && kind === 'moment_of_truth') void this.load(reference);
  }

  private line(moment: MomentView): HTMLLIElement {
    const line = momentLine(moment, false);
    if (moment.recovery?.state !== 'open') return line;
    const id = `recovery-note-${moment.id}`;
    const note = h('input', { id, type: 'text', maxlength: '1000', class: 'recovery-note', autocomplete: 'off' });
    note.placeholder = w.howRecovered;
    const mark = h('button', { type: 'button', class: 'mark-recovered' }, w.markRecovered);
    mark.addEventListener('click', () => void this.recover(moment.id, note));
    line.append(h('span', { class: 'recovery-form' }, h('label', { for: id, class: 'visually-hidden' }, w.howRecovered), note, mark));
    return line;
  }

  private async record(): Promise<void> {
    const reference = this.reference;
    if (!reference) return;
    await this.busy(async () => {
      await workbenchApi.recordMoment(reference, this.polarity.value === 'negative' ? 'negative' : 'positive', this.note.value.trim());
      this.note.value = '';
      await this.load(reference);
    });
  }

  private async recover(id: number, note: HTMLInputElement): Promise<void> {
    const reference = this.reference;
    if (!reference) return;
    if (!note.value.trim()) {
      this.error.textContent = w.recoveryNoteFirst;
      note.focus();
      return;
    }
    await this.busy(async () => {
      await workbenchApi.recovered(reference, id, note.value.trim());
      await this.load(reference);
    });
  }

  private async busy(action: () => Promise<void>): Promise<void> {
    const controls = [...this.element.querySelectorAll<HTMLButtonElement>('button')];
    controls.forEach((control) => (control.disabled = true));
    this.error.textContent = '';
    try {
      await action();
    } catch (error) {
      this.fail(error);
    } finally {
      controls.forEach((control) => (control.disabled = false));
    }
  }

  private fail(error: unknown): void {
    this.error.textContent = error instanceof ApiError ? error.message : t.somethingWrong;
  }
}
