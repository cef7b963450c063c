// Who else has the open query open, and who is typing on it: the hub's PresenceChanged, per console (a browser tab);
// a staff member shows once however many tabs they have, and this member's own other tabs not at all.
import './presence.css';
import type { QueryPresence } from './contract';
import { byId, h } from './dom';
import { p } from './presence-words';
import { learnName } from './staff-names';

/** What the presence line needs of the hub connection (DeskConnection). */
export interface PresenceLink {
  view(reference: string | null): Promise<void>;
  signal(method: 'StillViewing' | 'Typing', reference: string): Promise<void>;
}

// Typing is a signal that fades: sent at most every `typingEvery` while the agent types, shown for `typingShown` after the last.
const typingEvery = 2_000;
const typingShown = 5_000;
// A node that went down says "left" for nobody: each console says it still views every `stillEvery`, and one not heard
// from for `forgetAfter` is forgotten.
const stillEvery = 30_000;
const forgetAfter = 75_000;

interface Viewer {
  username: string;
  displayName: string;
  typingUntil: number;
  heardAt: number;
}

export class PresenceLine {
  private readonly line = byId('detail-presence');
  private readonly viewers = new Map<string, Viewer>();
  private reference: string | null = null;
  private lastTyping = 0;
  private fade: number | undefined;

  constructor(private readonly me: () => string, private readonly link: PresenceLink) {
    this.line.setAttribute('aria-label', p.presence);
    for (const id of ['message-text', 'chat-text']) byId(id).addEventListener('input', () => this.typed());
    window.setInterval(() => this.beat(), stillEvery);
    this.render();
  }

  /** The query now open in the pane, or null when it closed. */
  view(reference: string | null): void {
    if (reference === this.reference) return;
    this.reference = reference;
    this.clear();
    void this.link.view(reference).catch(() => {
      // Refused or offline: the line stays empty; the connection views it again when it reconnects.
    });
  }

  /**
   * The open query moved to another queue: the hub keeps its viewers per queue, so view it anew there, where the others
   * who may still see it do the same, rather than hear nothing from them until the next beat.
   */
  moved(reference: string): void {
    if (reference !== this.reference) return;
    this.clear();
    void this.link.view(reference).catch(() => {
      // Refused or offline, as in view().
    });
  }

  /** The connection dropped: who was there is no longer known, and the others answer again when it rejoins. */
  clear(): void {
    this.viewers.clear();
    this.render();
  }

  heard(presence: QueryPresence): void {
    if (presence.reference !== this.reference) return;
    if (presence.state === 'left') {
      this.viewers.delete(presence.viewer);
    } else {
      const known = this.viewers.get(presence.viewer);
      learnName(presence.username, presence.displayName);
      this.viewers.set(presence.viewer, {
        username: presence.username,
        displayName: presence.displayName,
        typingUntil: presence.state === 'typing' ? Date.now() + typingShown : known?.typingUntil ?? 0,
        heardAt: Date.now(),
      });
      if (presence.state === 'joined') void this.link.signal('StillViewing', presence.reference).catch(() => {});
    }
    this.render();
  }

  private beat(): void {
    if (!this.reference) return;
    void this.link.signal('StillViewing', this.reference).catch(() => {});
    const now = Date.now();
    const silent = [...this.viewers].filter(([, viewer]) => now - viewer.heardAt > forgetAfter).map(([id]) => id);
    silent.forEach((id) => this.viewers.delete(id));
    if (silent.length > 0) this.render();
  }

  private typed(): void {
    const now = Date.now();
    if (!this.reference || now - this.lastTyping < typingEvery) return;
    this.lastTyping = now;
    void this.link.signal('Typing', this.reference).catch(() => {});
  }

  private render(): void {
    window.clearTimeout(this.fade);
    const now = Date.now();
    const people = new Map<string, { displayName: string; typing: boolean }>();
    for (const viewer of this.viewers.values()) {
      if (viewer.username === this.me()) continue;
      const typing = viewer.typingUntil > now || (people.get(viewer.username)?.typing ?? false);
      people.set(viewer.username, { displayName: viewer.displayName, typing });
    }
    this.line.hidden = people.size === 0;
    this.line.replaceChildren(
      h('span', { class: 'presence-label' }, p.alsoViewing),
      h('ul', { class: 'presence-viewers' }, ...[...people].map(([username, person]) =>
        h('li', {
          class: 'presence-viewer', 'data-username': username, 'data-state': person.typing ? 'typing' : 'viewing',
          title: person.typing ? p.isTyping(person.displayName) : person.displayName,
        },
        h('span', { class: 'presence-name' }, person.displayName),
        person.typing ? h('span', { class: 'presence-typing' }, p.typing) : null))));
    const next = Math.min(...[...this.viewers.values()].map((v) => v.typingUntil).filter((until) => until > now));
    if (Number.isFinite(next)) this.fade = window.setTimeout(() => this.render(), next - now + 50);
  }
}
