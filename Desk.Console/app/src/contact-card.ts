// The case file in the query pane: the contact's card (identities, other queries), "Merge into…", and the major
// outage this query belongs to. detail.ts shows it with each query it opens and closes it with the pane.
import './casefile.css';
import { ApiError } from './api';
import { casefile, type ContactCard } from './casefile-api';
import { cw } from './casefile-words';
import type { QueryDetail } from './contract';
import { byId, h, words } from './dom';
import { OutageLink } from './outages';

export class CaseFilePanel {
  private readonly root = byId('casefile');
  private readonly card = h('section', { class: 'contact-card', 'aria-labelledby': 'contact-card-heading' });
  private readonly error = h('p', { class: 'error', role: 'alert', id: 'casefile-error' });
  private readonly mergeTarget = h('input', { id: 'merge-into', 'aria-label': cw.mergeTarget, placeholder: 'INC-1001', maxlength: '32' });
  private readonly mergeReason = h('input', { id: 'merge-reason', 'aria-label': cw.mergeReason, placeholder: cw.mergeReason, maxlength: '1000' });
  private readonly outage: OutageLink;
  private reference: string | null = null;
  private showing = 0;

  /** `open`: opens another query in the pane; `reload`: shows this one again after it changed. */
  constructor(private readonly open: (reference: string) => void, private readonly reload: (reference: string) => void) {
    const merge = h('form', { class: 'casefile-merge', 'aria-label': cw.mergeInto },
      h('span', { class: 'casefile-label' }, cw.mergeInto), this.mergeTarget, this.mergeReason,
      h('button', { type: 'submit', id: 'merge-submit' }, cw.merge));
    merge.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.merge();
    });
    this.outage = new OutageLink((message) => (this.error.textContent = message), (reference) => this.reload(reference));
    this.root.replaceChildren(this.card, merge, this.outage.element, this.error);
    this.root.hidden = true;
  }

  show(query: QueryDetail): void {
    const showing = ++this.showing;
    this.reference = query.reference;
    this.root.hidden = false;
    this.error.textContent = '';
    if (query.reference !== this.mergeTarget.dataset.for) {
      this.mergeTarget.value = '';
      this.mergeReason.value = '';
      this.mergeTarget.dataset.for = query.reference;
    }
    this.outage.show(query.reference);
    void casefile.contact(query.contactId).then(
      (card) => showing === this.showing && this.render(card, query.reference),
      (error: unknown) => showing === this.showing && this.fail(error));
  }

  close(): void {
    this.showing++;
    this.reference = null;
    this.root.hidden = true;
  }

  private render(card: ContactCard, current: string): void {
    const others = card.queries.filter((q) => q.reference !== current);
    this.card.replaceChildren(
      h('h3', { id: 'contact-card-heading' }, cw.contactCard),
      h('p', { class: 'contact-name', title: card.displayName }, card.displayName),
      h('h4', {}, cw.identities),
      h('ul', { class: 'contact-identities' },
        ...card.identities.map((i) => h('li', { title: `${i.channel}: ${i.address}` }, h('span', { class: 'channel' }, i.channel), ' ', i.address))),
      h('h4', {}, cw.otherQueries),
      others.length === 0 ? h('p', { class: 'empty' }, cw.noOtherQueries)
        : h('ul', { class: 'contact-queries' }, ...others.map((q) => {
          const button = h('button', { type: 'button', 'data-reference': q.reference, 'aria-label': cw.openQuery(q.reference), title: q.subject },
            h('span', { class: 'reference' }, q.reference), ' ', h('span', { class: 'subject' }, q.subject), ' ',
            h('span', { class: 'status' }, words(q.status)));
          button.addEventListener('click', () => this.open(q.reference));
          return h('li', {}, button);
        })));
  }

  private async merge(): Promise<void> {
    const reference = this.reference;
    const into = this.mergeTarget.value.trim();
    const reason = this.mergeReason.value.trim();
    if (!reference) return;
    if (!into || !reason) {
      this.error.textContent = cw.required;
      return;
    }
    try {
      await casefile.merge(reference, into, reason);
      this.error.textContent = cw.mergedInto(into);
      this.reload(reference);
    } catch (error) {
      this.fail(error);
    }
  }

  private fail(error: unknown): void {
    this.error.textContent = error instanceof ApiError ? error.message : cw.failed;
  }
}
