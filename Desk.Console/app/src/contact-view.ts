// The contact card in the case file (issue 12): every identity with its channel, address, since when and whether the
// person proved it; every query of the contact across channels; the merges with who, when and why. An agent merges
// another contact in (by its id, or by a reference of one of its queries) and un-merges a listed merge, each with a
// reason; an admin exports what is held about the contact and erases it on request.
import './contact.css';
import { ApiError, api } from './api';
import { casefile, type ContactCard } from './casefile-api';
import { contacts } from './contacts-api';
import { kw } from './contact-words';
import { h, time, words } from './dom';
import { channelName } from './queue-words';

type Merge = ContactCard['merges'][number];

export class ContactView {
  readonly element = h('section', { class: 'contact-card', 'aria-labelledby': 'contact-card-heading' });
  private readonly card = h('div', { class: 'contact-facts' });
  private readonly status = h('p', { class: 'contact-status', role: 'status', id: 'contact-status' });
  private readonly error = h('p', { class: 'error', role: 'alert', id: 'contact-error' });
  private readonly mergeFrom = h('input', { id: 'contact-merge-from', 'aria-label': kw.mergeFrom, placeholder: kw.mergeFrom, maxlength: '32' });
  private readonly mergeReason = h('input', { id: 'contact-merge-reason', 'aria-label': kw.mergeReason, placeholder: kw.mergeReason, maxlength: '1000' });
  private readonly mergeForm: HTMLFormElement;
  private readonly eraseReason = h('input', { id: 'contact-erase-reason', 'aria-label': kw.eraseReason, placeholder: kw.eraseReason, maxlength: '1000' });
  private readonly eraseConfirm = h('input', { id: 'contact-erase-confirm', maxlength: '200', autocomplete: 'off' });
  private readonly exportLink = h('a', { id: 'contact-export', class: 'contact-export' }, kw.exportJson);
  private readonly admin: HTMLElement;
  private contact: ContactCard | null = null;
  private current = '';
  private showing = 0;

  /** `open`: opens another query in the pane; `erased`: shows the current query again (its contact's name changed). */
  constructor(private readonly open: (reference: string) => void, private readonly erased: (reference: string) => void) {
    this.mergeForm = h('form', { class: 'contact-form', 'aria-label': kw.mergeContact },
      h('span', { class: 'casefile-label' }, kw.mergeContact), this.mergeFrom, this.mergeReason,
      h('button', { type: 'submit', id: 'contact-merge-submit' }, kw.merge));
    this.submit(this.mergeForm, () => this.merge());
    const erase = h('form', { class: 'contact-form', 'aria-label': kw.erase },
      this.eraseReason, this.eraseConfirm, h('button', { type: 'submit', id: 'contact-erase-submit', class: 'danger' }, kw.erase));
    this.submit(erase, () => this.erase());
    this.admin = h('details', { class: 'contact-admin', hidden: '' },
      h('summary', {}, kw.personalData), this.exportLink, erase);
    this.element.replaceChildren(this.card, this.mergeForm, this.admin, this.status, this.error);
  }

  /** Shows contact `id` for query `current`, with the admin's controls when the signed-in member is one. */
  show(id: number, current: string): void {
    const showing = ++this.showing;
    this.current = current;
    this.error.textContent = '';
    if (this.contact?.id !== id) {
      this.status.textContent = '';
      for (const box of [this.mergeFrom, this.mergeReason, this.eraseReason, this.eraseConfirm]) box.value = '';
    }
    void Promise.all([casefile.contact(id), api.me()]).then(
      ([card, me]) => showing === this.showing && this.render(card, me.role === 'admin'),
      (error: unknown) => showing === this.showing && this.fail(error));
  }

  close(): void {
    this.showing++;
    this.contact = null;
  }

  private render(card: ContactCard, admin: boolean): void {
    this.contact = card;
    this.element.dataset.contact = String(card.id);
    const active = card.mergedInto === null && card.erasedAt === null;
    this.mergeForm.hidden = !active;
    this.admin.hidden = !admin;
    this.exportLink.setAttribute('href', contacts.exportUrl(card.id));
    this.exportLink.setAttribute('download', `contact-${card.id}.json`);
    const confirm = kw.eraseConfirm(card.displayName, card.id);
    this.eraseConfirm.placeholder = confirm;
    this.eraseConfirm.setAttribute('aria-label', confirm);
    this.eraseConfirm.closest('form')!.hidden = card.erasedAt !== null;
    const parts: (Node | false)[] = [
      h('h3', { id: 'contact-card-heading' }, kw.contactNumber(card.id)),
      h('p', { class: 'contact-name', title: card.displayName }, card.displayName),
      card.mergedInto !== null && h('p', { class: 'contact-note' }, kw.mergedInto(card.mergedInto)),
      card.erasedAt !== null && h('p', { class: 'contact-note' }, kw.erasedAt, ' ', time(card.erasedAt)),
      h('h4', {}, kw.identities),
      h('ul', { class: 'contact-identities' }, ...card.identities.map((i) => h('li', {
        'data-channel': i.channel, 'data-address': i.address, 'data-verified': String(i.verifiedAt !== null), title: `${i.channel}: ${i.address}`,
      },
      h('span', { class: 'channel' }, channelName(i.channel)), ' ', h('span', { class: 'address' }, i.address), ' ',
      h('span', { class: 'since' }, kw.since, ' ', time(i.since)), ' ',
      i.verifiedAt === null ? h('span', { class: 'badge unverified' }, kw.unverified)
        : h('span', { class: 'badge verified', title: kw.verifiedAt(i.verifiedAt) }, kw.verified)))),
      h('h4', {}, kw.queries),
      card.queries.length === 0 ? h('p', { class: 'empty' }, kw.noQueries)
        : h('ul', { class: 'contact-queries' }, ...card.queries.map((q) => {
          const here = q.reference === this.current;
          const button = h('button', {
            type: 'button', 'data-reference': q.reference, 'aria-label': here ? `${q.reference} (${kw.thisQuery})` : kw.openQuery(q.reference),
            title: q.subject, 'aria-current': here ? 'true' : undefined,
          },
          h('span', { class: 'reference' }, q.reference), ' ', h('span', { class: 'subject' }, q.subject), ' ',
          h('span', { class: 'channel' }, channelName(q.channel)), ' ', h('span', { class: 'status' }, words(q.status)));
          button.disabled = here;
          button.addEventListener('click', () => this.open(q.reference));
          return h('li', {}, button);
        })),
      card.merges.length > 0 && h('h4', {}, kw.merges),
      card.merges.length > 0 && h('ul', { class: 'contact-merges' }, ...card.merges.map((m) => this.mergeEntry(card, m))),
    ];
    this.card.replaceChildren(...parts.filter((part): part is Node => part !== false));
  }

  private mergeEntry(card: ContactCard, merge: Merge): HTMLElement {
    const item = h('li', { 'data-merge': String(merge.id), 'data-undone': String(merge.unmergedAt !== null) },
      h('span', { class: 'merge-what' }, kw.mergeLine(merge.merged, merge.survivor)), ' ',
      h('span', { class: 'merge-who' }, kw.mergedBy(merge.mergedBy)), ' ', time(merge.mergedAt),
      h('q', { class: 'merge-why', title: merge.reason }, merge.reason),
      merge.unmergedAt !== null && h('span', { class: 'merge-undone' },
        kw.unmergedBy(merge.unmergedBy ?? ''), ' ', time(merge.unmergedAt), merge.unmergeReason && h('q', {}, merge.unmergeReason)));
    if (merge.unmergedAt === null && merge.survivor === card.id && card.mergedInto === null && card.erasedAt === null) {
      const reason = h('input', { class: 'unmerge-reason', 'aria-label': kw.unmergeReason, placeholder: kw.unmergeReason, maxlength: '1000' });
      const form = h('form', { class: 'contact-form', 'aria-label': kw.unmergeLabel(merge.merged) },
        reason, h('button', { type: 'submit', class: 'unmerge-submit', 'aria-label': kw.unmergeLabel(merge.merged) }, kw.unmerge));
      this.submit(form, () => this.unmerge(merge, reason));
      item.append(form);
    }
    return item;
  }

  private async merge(): Promise<void> {
    const card = this.contact;
    const from = this.mergeFrom.value.trim();
    const reason = this.mergeReason.value.trim();
    if (!card) return;
    if (!from || !reason) throw new Error(kw.required);
    const receipt = await contacts.merge(card.id, await this.contactOf(from), reason);
    this.mergeFrom.value = '';
    this.mergeReason.value = '';
    this.done(kw.merged(receipt.merged, receipt.identities, receipt.queries, receipt.conversations));
  }

  /** A contact id as typed, or the contact of the query whose reference was typed. */
  private async contactOf(typed: string): Promise<number> {
    if (/^\d+$/.test(typed)) return Number(typed);
    try {
      return (await api.query(typed)).contactId;
    } catch (error) {
      throw error instanceof ApiError && error.status === 404 ? new Error(kw.noSuchReference(typed)) : error;
    }
  }

  private async unmerge(merge: Merge, box: HTMLInputElement): Promise<void> {
    const reason = box.value.trim();
    if (!this.contact) return;
    if (!reason) throw new Error(kw.required);
    const receipt = await contacts.unmerge(this.contact.id, merge.id, reason);
    this.done(kw.unmerged(receipt.merged, receipt.identities, receipt.queries, receipt.conversations));
  }

  private async erase(): Promise<void> {
    const reason = this.eraseReason.value.trim();
    const confirm = this.eraseConfirm.value.trim();
    if (!this.contact) return;
    if (!reason || !confirm) throw new Error(kw.required);
    const receipt = await contacts.erase(this.contact.id, reason, confirm);
    this.eraseReason.value = '';
    this.eraseConfirm.value = '';
    this.status.textContent = kw.erased(receipt.id, receipt.identities, receipt.queries);
    this.erased(this.current);
  }

  /** Says what the change did and shows the card as it is now. */
  private done(message: string): void {
    this.status.textContent = message;
    if (this.contact) this.show(this.contact.id, this.current);
  }

  /** Runs a form's action with its buttons disabled; a refusal (the desk's ProblemDetails) is shown in words. */
  private submit(form: HTMLFormElement, action: () => Promise<void>): void {
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const buttons = [...form.querySelectorAll('button')];
      buttons.forEach((button) => (button.disabled = true));
      this.error.textContent = '';
      this.status.textContent = '';
      void action().catch((error: unknown) => this.fail(error)).finally(() => buttons.forEach((button) => (button.disabled = false)));
    });
  }

  private fail(error: unknown): void {
    this.error.textContent = error instanceof Error && error.message ? error.message : kw.failed;
  }
}
