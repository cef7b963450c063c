// What an agent has half written on a query stays with that query in this tab: opening another query, a reload, Back
// or Escape do not lose it, and it never follows the agent into another query's box (where it would go to another user).
const key = (box: HTMLTextAreaElement, reference: string) => `desk.draft.${box.id}.${reference}`;

function read(name: string): string {
  try {
    return sessionStorage.getItem(name) ?? '';
  } catch {
    return '';
  }
}

function write(name: string, text: string): void {
  try {
    if (text === '') sessionStorage.removeItem(name);
    else sessionStorage.setItem(name, text);
  } catch {
    // Storage refused (private mode, full): the draft lives only in the box, as before.
  }
}

export class Drafts {
  private reference: string | null = null;

  constructor(private readonly boxes: HTMLTextAreaElement[]) {
    for (const box of boxes) box.addEventListener('input', () => this.keep(box));
  }

  /** The boxes now hold this query's drafts (or nothing): called when another query opens, or none. */
  show(reference: string | null): void {
    this.reference = reference;
    for (const box of this.boxes) box.value = reference === null ? '' : read(key(box, reference));
  }

  /** The box's text as it is now, for the open query; a canned reply or an insertion calls it after changing the text. */
  keep(box: HTMLTextAreaElement): void {
    if (this.reference !== null) write(key(box, this.reference), box.value);
  }

  /** The text went: the draft is gone, and the box empties if the query is still open. */
  sent(box: HTMLTextAreaElement, reference: string): void {
    write(key(box, reference), '');
    if (this.reference === reference) box.value = '';
  }
}
