// A reply drafted on an older view of the query: the desk answers 409 with what someone else sent the user meanwhile
// (seenEntry: the newest entry shown when the draft began). The agent reads it, then sends anyway or keeps the draft.
import './presence.css';
import { ApiError, api } from './api';
import type { TimelineEntry } from './contract';
import { h } from './dom';
import { p } from './presence-words';
import { actorName } from './staff-names';

/** Per reply box: the query and the newest entry shown when its draft began. */
const drafts = new Map<HTMLTextAreaElement, { reference: string; seen: number }>();

/** Remembers, for each box, what was shown when the agent began to write in it. */
export function watchDrafts(boxes: HTMLTextAreaElement[], open: () => { reference: string | null; newest: number | null }): void {
  for (const box of boxes) {
    box.addEventListener('input', () => {
      const { reference, newest } = open();
      if (box.value === '') drafts.delete(box);
      else if (reference && newest !== null && drafts.get(box)?.reference !== reference) drafts.set(box, { reference, seen: newest });
    });
  }
}

/**
 * Posts the box's text. On a collision, shows what was sent meanwhile and waits: "Send anyway" sends it confirmed,
 * "Cancel" keeps the draft (now counted as written after those) and gives null.
 */
export async function sendReply(
  reference: string, text: string, visibility: 'public' | 'internal', box: HTMLTextAreaElement, newest: number | null,
): Promise<TimelineEntry | null> {
  const draft = drafts.get(box);
  const seen = draft?.reference === reference ? draft.seen : newest;
  try {
    const entry = await api.postMessage(reference, text, visibility, seen === null ? {} : { seenEntry: seen });
    drafts.delete(box);
    return entry;
  } catch (error) {
    const meanwhile = error instanceof ApiError && error.status === 409 ? error.problem?.sentMeanwhile : undefined;
    if (!Array.isArray(meanwhile)) throw error;
    const entries = meanwhile as TimelineEntry[];
    drafts.set(box, { reference, seen: Math.max(seen ?? 0, ...entries.map((e) => e.id)) });
    if (!(await warn(box, entries))) return null;
    const entry = await api.postMessage(reference, text, visibility, { seenEntry: seen ?? undefined, confirm: true });
    drafts.delete(box);
    return entry;
  }
}

function warn(box: HTMLTextAreaElement, entries: TimelineEntry[]): Promise<boolean> {
  document.querySelector('.collision')?.remove();
  return new Promise((resolve) => {
    const id = `collision-${Date.now()}`;
    const send = h('button', { type: 'button', class: 'collision-send' }, p.sendAnyway);
    const cancel = h('button', { type: 'button', class: 'collision-cancel' }, p.cancel);
    const warning = h('section', { class: 'collision', role: 'alertdialog', 'aria-labelledby': id, tabindex: '-1' },
      h('h3', { id }, p.collisionTitle),
      h('p', {}, p.collisionLead),
      h('ol', { class: 'collision-list', 'aria-label': p.sentMeanwhile }, ...entries.map((entry) =>
        h('li', { 'data-entry-id': String(entry.id) }, h('span', { class: 'collision-actor', title: entry.actor }, actorName(entry)), entry.body ?? ''))),
      h('div', { class: 'collision-buttons' }, cancel, send));
    const close = (choice: boolean) => {
      warning.remove();
      box.focus();
      resolve(choice);
    };
    send.addEventListener('click', () => close(true));
    cancel.addEventListener('click', () => close(false));
    warning.addEventListener('keydown', (event) => {
      if (event.key !== 'Escape') return;
      event.stopPropagation();
      close(false);
    });
    (box.form ?? box).before(warning);
    warning.focus();
  });
}
