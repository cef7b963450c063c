// Major outages (Table 8.4 "disaster"): the view that lists them (declare, post a notice, resolve) and the query pane's
// control that links the open query to one, or declares one and links it.
import './casefile.css';
import { ApiError } from './api';
import { casefile, type OutageSummary } from './casefile-api';
import { cw } from './casefile-words';
import { byId, h, time } from './dom';
import { language } from './language';

const problem = (error: unknown) => (error instanceof ApiError ? error.message : cw.failed);

/** "Major outage" in the query pane: pick a declared outage and link this query, or declare a new one with it. */
export class OutageLink {
  readonly element: HTMLFormElement;
  private readonly select = h('select', { id: 'outage-select', 'aria-label': cw.outage });
  private readonly title = h('input', { id: 'outage-title', 'aria-label': cw.declareTitle, placeholder: cw.declareTitle, maxlength: '200' });
  private readonly description = h('input', {
    id: 'outage-description', 'aria-label': cw.declareDescription, placeholder: cw.declareDescription, maxlength: '4000',
  });
  private reference: string | null = null;

  constructor(private readonly say: (message: string) => void, private readonly reload: (reference: string) => void) {
    const link = h('button', { type: 'button', id: 'outage-link' }, cw.linkToOutage);
    const declare = h('button', { type: 'submit', id: 'outage-declare' }, cw.declareAndLink);
    link.addEventListener('click', () => void this.link());
    this.element = h('form', { class: 'casefile-outage', 'aria-label': cw.majorOutage },
      h('span', { class: 'casefile-label' }, cw.majorOutage),
      h('div', { class: 'casefile-row' }, this.select, link),
      h('div', { class: 'casefile-row' }, this.title, this.description, declare));
    this.element.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.declare();
    });
  }

  show(reference: string): void {
    this.reference = reference;
    void this.refresh();
  }

  async refresh(): Promise<void> {
    try {
      const declared = (await casefile.outages()).filter((o) => o.status === 'declared');
      const chosen = this.select.value;
      this.select.replaceChildren(...(declared.length === 0 ? [h('option', { value: '' }, cw.noOutage)]
        : declared.map((o) => h('option', { value: String(o.id) }, o.title))));
      if (declared.some((o) => String(o.id) === chosen)) this.select.value = chosen;
    } catch (error) {
      this.say(problem(error));
    }
  }

  private async link(id = Number(this.select.value)): Promise<void> {
    const reference = this.reference;
    if (!reference || !id) return;
    try {
      const report = await casefile.link(id, [reference]);
      this.say(cw.linked(report.outage.title));
      this.reload(reference);
    } catch (error) {
      this.say(problem(error));
    }
  }

  private async declare(): Promise<void> {
    const title = this.title.value.trim();
    const description = this.description.value.trim();
    if (!title || !description) {
      this.say(cw.required);
      return;
    }
    try {
      const outage = await casefile.declare(title, description);
      this.title.value = '';
      this.description.value = '';
      await this.link(outage.id);
    } catch (error) {
      this.say(problem(error));
    }
  }
}

// Staff write in the console's language; the other one the desk speaks with users is the optional translation.
const other = language === 'zh' ? 'en' : 'zh';
const translated = (input: HTMLInputElement): Record<string, string> => (input.value.trim() ? { [other]: input.value.trim() } : {});

/** The outages view beside the queue: each declared outage with its counts, a notice to its users, and its resolution. */
export class OutagesView {
  private readonly root = byId('outages');
  private readonly list = h('ul', { class: 'outage-list', id: 'outage-list' });
  private readonly error = h('p', { class: 'error', role: 'alert' });
  private readonly title = h('input', { 'aria-label': cw.declareTitle, placeholder: cw.declareTitle, maxlength: '200' });
  private readonly description = h('input', { 'aria-label': cw.declareDescription, placeholder: cw.declareDescription, maxlength: '4000' });
  private outages: OutageSummary[] = [];

  constructor() {
    const declare = h('form', { class: 'casefile-row', 'aria-label': cw.declare }, this.title, this.description,
      h('button', { type: 'submit' }, cw.declare));
    declare.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.declare();
    });
    this.root.replaceChildren(h('details', { class: 'outages' },
      h('summary', { id: 'outages-heading' }, cw.outages), declare, this.error, this.list));
  }

  async load(): Promise<void> {
    try {
      this.outages = await casefile.outages();
      this.render();
    } catch (error) {
      this.error.textContent = problem(error);
    }
  }

  /** A pushed change: the outage as it now is. */
  changed(outage: OutageSummary): void {
    const at = this.outages.findIndex((o) => o.id === outage.id);
    if (at >= 0) this.outages[at] = outage;
    else this.outages.unshift(outage);
    this.render();
  }

  private render(): void {
    const shown = this.outages.filter((o) => o.status === 'declared');
    this.list.replaceChildren(...(shown.length === 0 ? [h('li', { class: 'empty' }, cw.noOutages)] : shown.map((o) => this.item(o))));
  }

  private item(outage: OutageSummary): HTMLLIElement {
    const text = h('input', { 'aria-label': cw.noticeText, placeholder: cw.noticeText, maxlength: '2000' });
    const textOther = h('input', { 'aria-label': cw.inOtherLanguage, placeholder: cw.inOtherLanguage, maxlength: '2000', 'data-translation': other });
    const resolution = h('input', { 'aria-label': cw.resolution, placeholder: cw.resolution, maxlength: '2000' });
    const resolutionOther = h('input', { 'aria-label': cw.inOtherLanguage, placeholder: cw.inOtherLanguage, maxlength: '2000', 'data-translation': other });
    const withQueries = h('input', { type: 'checkbox', 'aria-label': cw.resolveQueries });
    const notice = h('form', { class: 'casefile-row', 'aria-label': cw.postNotice }, text, textOther,
      h('button', { type: 'submit' }, cw.postNotice));
    notice.addEventListener('submit', (event) => {
      event.preventDefault();
      if (!text.value.trim()) return;
      void this.act(async () => {
        const report = await casefile.notice(outage.id, text.value.trim(), translated(textOther));
        text.value = '';
        textOther.value = '';
        this.error.textContent = cw.noticeSent(report.told.length, report.unreachable.length);
      });
    });
    const resolve = h('form', { class: 'casefile-row', 'aria-label': cw.resolve }, resolution, resolutionOther,
      h('label', {}, withQueries, cw.resolveQueries), h('button', { type: 'submit' }, cw.resolve));
    resolve.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.act(() => casefile.resolve(outage.id, resolution.value.trim(), withQueries.checked, translated(resolutionOther))
        .then(() => this.load()));
    });
    return h('li', { 'data-outage': String(outage.id) },
      h('p', { class: 'outage-title', title: outage.title }, outage.title),
      h('p', { class: 'outage-facts' }, cw.linkedCount(outage.linked, outage.openLinked), ' · ', time(outage.declaredAt)),
      notice, resolve);
  }

  private async declare(): Promise<void> {
    const title = this.title.value.trim();
    const description = this.description.value.trim();
    if (!title || !description) {
      this.error.textContent = cw.required;
      return;
    }
    await this.act(async () => {
      this.changed(await casefile.declare(title, description));
      this.title.value = '';
      this.description.value = '';
    });
  }

  private async act(action: () => Promise<unknown>): Promise<void> {
    this.error.textContent = '';
    try {
      await action();
    } catch (error) {
      this.error.textContent = problem(error);
    }
  }
}
