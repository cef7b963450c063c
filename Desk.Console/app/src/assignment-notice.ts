// Tells the signed-in agent when a query becomes theirs by someone else's hand (routing, a colleague, a supervisor):
// a desktop notification, if they turned them on from the header's button (never asked on load), and always a line
// for screen readers. Their own "Assign to me" is not news to them.
import { d } from './daylong-words';
import { api } from './api';
import type { QuerySummary } from './contract';
import { announce, h } from './dom';
import { locale } from './language';

const storageKey = 'desk-assignment-notifications';

function remembered(): boolean {
  try {
    return localStorage.getItem(storageKey) === 'on';
  } catch {
    return false;
  }
}

function remember(on: boolean): void {
  try {
    localStorage.setItem(storageKey, on ? 'on' : 'off');
  } catch {
    // Storage refused (a private window): the choice holds for this page load.
  }
}

export class AssignmentNotices {
  private readonly button: HTMLButtonElement;
  private readonly supported = 'Notification' in window;
  private enabled = remembered();
  private username: string | null = null;
  /** The queries known to be the agent's: a push that makes one theirs is news only if it was not. */
  private readonly mine = new Set<string>();
  /** Queries the agent is assigning to themselves right now. */
  private readonly selfAssigning = new Set<string>();

  constructor(private readonly openReference: () => string | null, private readonly open: (reference: string) => void) {
    this.button = h('button', { id: 'notify-toggle', type: 'button', class: 'notify-toggle', hidden: '' });
    this.button.addEventListener('click', () => void this.toggle());
    const header = document.querySelector('header');
    header?.insertBefore(this.button, document.getElementById('sign-out'));
    this.render();
    // Capturing: recorded before the pane sends the change, so its push finds it.
    document.addEventListener('click', (event) => {
      const reference = this.openReference();
      if (reference && (event.target as Element | null)?.closest?.('#assign-to-me')) this.selfAssigning.add(reference);
    }, true);
  }

  async enter(username: string): Promise<void> {
    this.username = username;
    this.mine.clear();
    this.selfAssigning.clear();
    this.button.hidden = !this.supported;
    try {
      const page = await api.queriesAssignedTo(username);
      for (const query of page.items) this.mine.add(query.reference);
    } catch {
      // Without the list, a push about a query already theirs may announce it once; nothing is lost.
    }
  }

  leave(): void {
    this.username = null;
    this.button.hidden = true;
  }

  /** Every QueryCreated and QueryUpdated push. */
  pushed(query: QuerySummary): void {
    if (this.username === null) return;
    const reference = query.reference;
    const wasMine = this.mine.has(reference);
    const isMine = query.assignee === this.username;
    if (isMine) this.mine.add(reference);
    else this.mine.delete(reference);
    const own = this.selfAssigning.delete(reference);
    if (!isMine || wasMine || own) return;
    announce(d.assignedAnnounce(reference, query.subject));
    if (!this.enabled || !this.supported || Notification.permission !== 'granted') return;
    const notification = new Notification(d.assignedTitle(reference), { body: query.subject, tag: `assigned-${reference}`, lang: locale });
    notification.addEventListener('click', () => {
      window.focus();
      this.open(reference);
      notification.close();
    });
  }

  private async toggle(): Promise<void> {
    if (!this.supported) return;
    if (Notification.permission === 'default') {
      // Asked here, on the member's click, never on load.
      this.enabled = (await Notification.requestPermission()) === 'granted';
    } else {
      this.enabled = Notification.permission === 'granted' && !this.enabled;
    }
    remember(this.enabled);
    this.render();
  }

  private render(): void {
    const blocked = this.supported && Notification.permission === 'denied';
    const on = this.enabled && !blocked && this.supported && Notification.permission === 'granted';
    this.button.textContent = d.notifyButton;
    this.button.setAttribute('aria-pressed', String(on));
    this.button.title = blocked ? d.notifyBlocked : on ? d.notifyOn : d.notifyOff;
  }
}

