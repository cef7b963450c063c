// The case file in the query pane: the contact's card (contact-view.ts), the query's mail attachments, "Merge into…",
// and the major outage this query belongs to. detail.ts shows it with each query it opens and closes it with the pane.
import './casefile.css';
import { ApiError } from './api';
import { AttachmentList } from './attachments';
import { casefile } from './casefile-api';
import { cw } from './casefile-words';
import { ContactView } from './contact-view';
import type { QueryDetail } from './contract';
import { byId, h } from './dom';
import { OutageLink } from './outages';

export class CaseFilePanel {
  private readonly root = byId('casefile');
  /** The contact card with its merges, erasure and export (contact-view.ts), and the query's mail attachments. */
  private readonly card: ContactView;
  private readonly attachments = new AttachmentList((error) => this.fail(error));
  private readonly error = h('p', { class: 'error', role: 'alert', id: 'casefile-error' });
  private readonly mergeTarget = h('input', { id: 'merge-into', 'aria-label': cw.mergeTarget, placeholder: 'INC-1001', maxlength: '32' });
  private readonly mergeReason = h('input', { id: 'merge-reason', 'aria-label': cw.mergeReason, placeholder: cw.mergeReason, maxlength: '1000' });
  private readonly outage: OutageLink;
  private reference: string | null = null;

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
    this.card = new ContactView((reference) => this.open(reference), (reference) => this.reload(reference));
    this.root.replaceChildren(this.card.element, this.attachments.element, merge, this.outage.element, this.error);
    this.root.hidden = true;
  }

  show(query: QueryDetail): void {
    this.reference = query.reference;
    this.root.hidden = false;
    this.error.textContent = '';
    if (query.reference !== this.mergeTarget.dataset.for) {
      this.mergeTarget.value = '';
      this.mergeReason.value = '';
      this.mergeTarget.dataset.for = query.reference;
    }
    this.outage.show(query.reference);
    this.card.show(query.contactId, query.reference);
    this.attachments.show(query.reference);
  }

  close(): void {
    this.reference = null;
    this.card.close();
    this.attachments.close();
    this.root.hidden = true;
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
